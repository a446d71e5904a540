/**
 * Text to vectors through a Transformers.js feature-extraction pipeline:
 * its tokenizer and network give token states, then mean pooling over them
 * and L2 normalisation (pooling.ts), in batches. Hub models and the offline
 * model go through this same code.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../../contracts/model.ts';
import { profileFor } from './model-profile.ts';
import { meanPoolNormalized } from './pooling.ts';
import { yieldToEventLoop } from '../../shared/yield.ts';

export interface ModelSource {
  /** Folder of local models (`<dir>/<owner>/<name>/…`); when set, no hub is contacted. */
  localDir?: string;
  /** Where hub downloads are cached. */
  cacheDir?: string;
}

const BATCH_SIZE = 32;

export async function openEmbedder(modelId: string, source: ModelSource, offline: boolean): Promise<Embedder> {
  // Transformers.js keeps these settings in one global; they are set right before each load.
  env.allowLocalModels = true;
  env.allowRemoteModels = source.localDir === undefined;
  if (source.localDir) env.localModelPath = ensureTrailingSlash(source.localDir);
  if (source.cacheDir) env.cacheDir = source.cacheDir;

  const profile = await profileFor(modelId, source.localDir ? path.join(source.localDir, modelId) : null);
  const extractor = (await pipeline('feature-extraction', modelId, { quantized: profile.quantized })) as FeatureExtractionPipeline;
  const fingerprint = offline && source.localDir ? await offlineFingerprint(path.join(source.localDir, modelId)) : modelId;

  const embed = async (texts: readonly string[], prefix: string): Promise<Float32Array[]> => {
    // Batches of similar length, as sentence-transformers does: a batch is
    // padded to its longest text, so mixing a sentence with a long paragraph
    // multiplies the work.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const vectors = new Array<Float32Array>(texts.length);
    for (let i = 0; i < order.length; i += BATCH_SIZE) {
      const rows = order.slice(i, i + BATCH_SIZE);
      const inputs = extractor.tokenizer(
        rows.map((row) => prefix + texts[row]),
        { padding: true, truncation: true },
      );
      const { last_hidden_state: hidden } = await extractor.model(inputs);
      const pooled = meanPoolNormalized(hidden.data as Float32Array, hidden.dims as [number, number, number], inputs.attention_mask.data);
      rows.forEach((row, k) => (vectors[row] = pooled[k]!));
      // Tokenizing and pooling are synchronous: let waiting requests in between batches.
      if (i + BATCH_SIZE < order.length) await yieldToEventLoop();
    }
    return vectors;
  };
  const [probe] = await embed(['ancre'], profile.passagePrefix);

  return {
    model: { id: modelId, fingerprint, dimensions: probe!.length, offline },
    profile,
    embedQueries: (texts) => embed(texts, profile.queryPrefix),
    embedPassages: (texts) => embed(texts, profile.passagePrefix),
  };
}

async function offlineFingerprint(modelDir: string): Promise<string> {
  const config = JSON.parse(await readFile(path.join(modelDir, 'config.json'), 'utf8')) as { ancre?: { fingerprint?: string } };
  return config.ancre?.fingerprint ?? 'unknown';
}

function ensureTrailingSlash(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}
