/**
 * Chooses the embedding model: the one asked for when it can be loaded, the
 * offline model otherwise, and says so loudly when it falls back.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FallbackNotice, LoadedEmbedder, Logger, ParagraphSource } from '../../contracts/model.ts';
import { withTimeout } from '../../shared/timeout.ts';
import { openEmbedder } from './embedder.ts';
import { buildOfflineModel, OFFLINE_MODEL_ID } from './offline/build.ts';

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
}

export async function loadEmbedder(
  config: ModelChoice,
  corpusParagraphs: ParagraphSource,
  log: Logger = (line) => console.error(line),
): Promise<LoadedEmbedder> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let fallback: FallbackNotice | null = null;
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
  const embedder = await openEmbedder(OFFLINE_MODEL_ID, { localDir: config.offlineModelDir }, true);
  return { embedder, fallback, loadSeconds: seconds() };
}

export function offlineModelExists(offlineModelDir: string): boolean {
  return existsSync(path.join(offlineModelDir, OFFLINE_MODEL_ID, 'onnx', 'model.onnx'));
}

export async function ensureOfflineModel(offlineModelDir: string, corpusParagraphs: ParagraphSource, log: Logger): Promise<void> {
  if (offlineModelExists(offlineModelDir)) return;
  log(`ancre: building the offline model "${OFFLINE_MODEL_ID}" in ${offlineModelDir} …`);
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
