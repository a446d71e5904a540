/**
 * Chooses the embedding model: the one asked for when it can be loaded, the
 * offline model otherwise, and says so loudly when it falls back.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Embedder, FallbackNotice, LoadedEmbedder, Logger, ParagraphSource } from '../../contracts/model.ts';
import { withTimeout } from '../../shared/timeout.ts';
import { openEmbedder } from './embedder.ts';
import { fingerprintOf, modelConfig } from './model-config.ts';
import { profileFor } from './model-profile.ts';
import { OFFLINE_MODEL_ID } from './offline/profile.ts';
import { offlineModelOutdated } from './offline/version.ts';

/** Which model to load, and from where. */
export interface ModelChoice {
  /** The embedding model asked for; the offline model stands in when it cannot be loaded. */
  model: string;
  /** A folder holding downloaded models (`<dir>/<owner>/<name>/…`); when set, no hub is contacted. */
  modelsDir: string | undefined;
  /** Where the offline model is built (and hub downloads are cached). */
  offlineModelDir: string;
  /** A hub that never answers must not hang start-up. */
  modelLoadTimeoutMs: number;
  /**
   * Load a model whose files are on this machine (the offline model, or one
   * in `modelsDir`) only when something is first embedded: an ingest with
   * nothing new then never builds its tokenizer (about a second) nor loads
   * the ONNX runtime. Its identity and profile are read from its files at
   * once. A model from a hub is still loaded at once: whether it loads
   * decides the fallback. A local model that then fails to load is an
   * error, not a fallback: the ingest had already counted on its vectors.
   * @default false
   */
  lazyModel?: boolean;
}

export async function loadEmbedder(
  config: ModelChoice,
  corpusParagraphs: ParagraphSource,
  log: Logger = (line) => console.error(line),
): Promise<LoadedEmbedder> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let fallback: FallbackNotice | null = null;
  if (config.model !== OFFLINE_MODEL_ID && config.lazyModel && config.modelsDir) {
    const modelDir = path.join(config.modelsDir, config.model);
    if (existsSync(path.join(modelDir, 'config.json'))) {
      const embedder = await lazyEmbedder(modelDir, { id: config.model, offline: false }, () => openEmbedder(config.model, { localDir: config.modelsDir }, false));
      return { embedder, fallback: null, loadSeconds: seconds() };
    }
  }
  if (config.model !== OFFLINE_MODEL_ID) {
    try {
      const source = config.modelsDir
        ? { localDir: config.modelsDir }
        : { cacheDir: path.join(config.offlineModelDir, 'hub-cache') };
      // A hub that never answers must not hang start-up.
      const embedder = await withTimeout(
        openEmbedder(config.model, source, false),
        config.modelLoadTimeoutMs,
        () => new Error(`loading ${config.model} took longer than ${config.modelLoadTimeoutMs} ms`),
      );
      return { embedder, fallback: null, loadSeconds: seconds() };
    } catch (error) {
      fallback = { requested: config.model, reason: describeLoadError(error) };
      log(
        `ancre: WARNING: the embedding model ${config.model} could not be loaded (${fallback.reason}); ` +
          `falling back to the offline model "${OFFLINE_MODEL_ID}" (static subword embeddings, lexical quality). ` +
          `Point ANCRE_MODELS_DIR at a downloaded copy of ${config.model} to use it.`,
        'warn',
      );
    }
  }
  await ensureOfflineModel(config.offlineModelDir, corpusParagraphs, log);
  const open = () => openEmbedder(OFFLINE_MODEL_ID, { localDir: config.offlineModelDir }, true);
  const modelDir = path.join(config.offlineModelDir, OFFLINE_MODEL_ID);
  const embedder = config.lazyModel ? await lazyEmbedder(modelDir, { id: OFFLINE_MODEL_ID, offline: true }, open) : await open();
  return { embedder, fallback, loadSeconds: seconds() };
}

/**
 * A model known from its config.json (width, and the offline model's
 * fingerprint, as `openEmbedder` reads them), loaded by the first call that
 * embeds; that load must find the same model.
 */
async function lazyEmbedder(modelDir: string, { id, offline }: { id: string; offline: boolean }, open: () => Promise<Embedder>): Promise<Embedder> {
  const config = await modelConfig(modelDir);
  const model = { id, fingerprint: fingerprintOf(id, offline, config), dimensions: config?.hidden_size ?? 0, offline };
  let loaded: Promise<Embedder> | null = null;
  const real = () =>
    (loaded ??= open().then(
      (embedder) => {
        const { fingerprint, dimensions } = embedder.model;
        if (fingerprint !== model.fingerprint || dimensions !== model.dimensions) {
          throw new Error(`the model in ${modelDir} is not what its config.json says (${model.fingerprint}, ${model.dimensions} dims → ${fingerprint}, ${dimensions}): nothing was written`);
        }
        return embedder;
      },
      (error: unknown) => {
        throw new Error(`the model in ${modelDir} could not be loaded (${describeLoadError(error)}): nothing was written; repair it, or unset ANCRE_MODELS_DIR to use the offline model`);
      },
    ));
  return {
    model,
    profile: await profileFor(id, modelDir),
    embedQueries: async (texts) => (await real()).embedQueries(texts),
    embedPassages: async (texts) => (await real()).embedPassages(texts),
    embedPassagesWithSpans: async (passages) => (await real()).embedPassagesWithSpans(passages),
    close: async () => {
      if (loaded) await (await loaded).close?.();
    },
  };
}

export function offlineModelExists(offlineModelDir: string): boolean {
  return existsSync(path.join(offlineModelDir, OFFLINE_MODEL_ID, 'onnx', 'model.onnx'));
}

/** Builds the offline model when it is missing, or when an older ancre built it (it then lacks what this ancre's holds). */
export async function ensureOfflineModel(offlineModelDir: string, corpusParagraphs: ParagraphSource, log: Logger): Promise<void> {
  const exists = offlineModelExists(offlineModelDir);
  if (exists && !(await offlineModelOutdated(offlineModelDir))) return;
  log(exists ? `ancre: rebuilding the offline model "${OFFLINE_MODEL_ID}" in ${offlineModelDir}: an older ancre built it …` : `ancre: building the offline model "${OFFLINE_MODEL_ID}" in ${offlineModelDir} …`);
  // The builder, with the stemmers and word lists it reads, is loaded only to build (0.1-0.2 s of a worker's start).
  const { buildOfflineModel } = await import('./offline/build.ts');
  const report = await buildOfflineModel(await corpusParagraphs(), offlineModelDir);
  log(
    `ancre: offline model built: ${report.tokens} tokens, ${report.rows} rows × ${report.dimensions} dims, ` +
      `${report.corpusStems} corpus stems, ${report.seconds.toFixed(1)} s`,
  );
}

/** `fetch failed` says little; its cause says which host could not be reached and why. */
function describeLoadError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : null;
  return cause ? `${error.message}: ${cause}` : error.message;
}
