/**
 * An engine composed over a build: the answering stages wired over a source
 * (a build loaded whole, or a shared index that answers each question in
 * SQL), once the build is known to be the loaded model's.
 */
import path from 'node:path';
import { ModelMismatchError } from '../contracts/errors.ts';
import type { Embedder, ModelIdentity } from '../contracts/model.ts';
import type { SharedIndex } from '../contracts/shared-index.ts';
import type { LoadedIndex } from '../contracts/store.ts';
import type { WordFrequencies } from '../contracts/word-frequencies.ts';
import { OFFLINE_MODEL_ID } from '../stages/2-embed/offline/profile.ts';
import { readWordFrequencies } from '../stages/2-embed/offline/word-frequencies.ts';
import { CachedQueryEmbedder } from '../stages/2-embed/query-cache.ts';
import { Engine } from './engine.ts';
import { loadedSource } from './loaded-source.ts';
import type { StageOptions } from './options.ts';
import { sharedSource } from './shared-source.ts';

/** The answering stages over a build loaded whole, with the embedder (and, for the offline model, its counts of the corpus's whole words). */
export function composeEngine(index: LoadedIndex, embedder: Embedder, options: StageOptions, words: WordFrequencies | null = null): Engine {
  return composeEngineOver({ index, options, words }, index.manifest.model, embedder);
}

/** The whole words the offline model counted in its corpus (word-frequencies.ts), read from its folder; none for another model. */
export async function modelWords(offlineModelDir: string, embedder: Embedder): Promise<WordFrequencies | null> {
  return embedder.model.offline ? readWordFrequencies(path.join(offlineModelDir, OFFLINE_MODEL_ID)) : null;
}

type SourceParts = { options: StageOptions; words: WordFrequencies | null } & ({ index: LoadedIndex } | { shared: SharedIndex });

/** An engine answering from a build made with the model `built`, with the embedder; its source is made only once they are known to match. */
export function composeEngineOver(parts: SourceParts, built: ModelIdentity, embedder: Embedder): Engine {
  const loaded = embedder.model;
  if (built.id !== loaded.id || built.fingerprint !== loaded.fingerprint) {
    throw new ModelMismatchError(
      `the index was built with the model "${built.id}" (${built.fingerprint}) but "${loaded.id}" (${loaded.fingerprint}) is loaded: ` +
        'rebuild the index with "npm run ingest" or load the model it was built with',
    );
  }
  const { options, words } = parts;
  const source = 'index' in parts ? loadedSource(parts.index, options, words) : sharedSource(parts.shared, options, words);
  return new Engine({ source, modelId: loaded.id, queries: new CachedQueryEmbedder(embedder, options.queryCacheSize) });
}
