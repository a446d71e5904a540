/**
 * The parts of an engine the bench times on their own: dense search as the
 * service runs it, the exact scan with the same kernel, and the plain
 * JavaScript scan, over one loaded index.
 */
import type { LoadedIndex } from '../contracts/store.ts';
import { topK, type ScoredRow } from '../kernel/top-k.ts';
import { denseSearchFor, ExactSearch, type DenseSearch } from '../stages/5-retrieve/dense-search.ts';
import type { Engine } from './engine.ts';
import { composeEngine, type Pipeline } from './pipeline.ts';

export interface Probes {
  index: LoadedIndex;
  engine: Engine;
  /** Dense search as the service runs it: through vector lists when the index has them. */
  served: DenseSearch;
  /** The exact scan over every paragraph vector, with the service's kernel (SIMD where available). */
  exact: DenseSearch;
  /** The exact scan in plain JavaScript. */
  plainScan: (vector: Float32Array, k: number) => ScoredRow[];
}

export async function openProbes(pipeline: Pipeline): Promise<Probes> {
  const index = await pipeline.store.open();
  return {
    index,
    engine: composeEngine(index, pipeline.embedder, pipeline.options, pipeline.wordFrequencies),
    served: denseSearchFor(index.chunkVectors, index.dimensions, index.vectorLists, pipeline.options.listProbes),
    exact: new ExactSearch(index.chunkVectors, index.dimensions),
    plainScan: (vector, k) => topK(index.chunkVectors, vector, k),
  };
}
