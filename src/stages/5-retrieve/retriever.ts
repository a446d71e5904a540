/**
 * Finds the paragraphs to answer from: a dense ranking (cosine between the
 * question's and the paragraphs' embeddings), a lexical one (BM25 over
 * stems), or both joined by reciprocal-rank fusion. Each ranking is a
 * component handed in by the pipeline, so either can be replaced alone.
 */
import type { LexicalTerm } from '../../contracts/query.ts';
import type { DocumentFilter, RetrievalMode, RetrievedPassage } from '../../contracts/retrieval.ts';
import type { StoredChunk } from '../../contracts/store.ts';
import type { FusionWeights } from '../../contracts/tuning.ts';
import { dot, type ScoredRow } from '../../kernel/top-k.ts';
import { groupBy } from '../../shared/group-by.ts';
import type { DenseSearch, RowMask } from './dense-search.ts';
import { reciprocalRankFusion, RRF_K } from './fusion.ts';
import type { LexicalRanker } from './lexical-index.ts';

export interface RetrievalOptions {
  /** @default 20 — how deep each ranking is read before fusion (never less than the passages asked for). */
  fusionDepth: number;
  /** @default 60 — reciprocal-rank fusion's k (Cormack et al.): how fast a ranking's later places fade. */
  rrfK: number;
  /** @default { dense: 1, lexical: 1 } — or what the model suggests: a lexical model's cosines say less than BM25. */
  fusion: FusionWeights;
}

export const DEFAULT_RETRIEVAL: RetrievalOptions = { fusionDepth: 20, rrfK: RRF_K, fusion: { dense: 1, lexical: 1 } };

export interface RetrievalSpace {
  chunks: readonly StoredChunk[];
  chunkVectors: Float32Array;
  dense: DenseSearch;
  lexical: LexicalRanker;
}

export interface RetrievalQuery {
  vector: Float32Array;
  terms: readonly LexicalTerm[];
}

export class Retriever {
  private rowsByDoc: Map<string, StoredChunk[]> | null = null;

  constructor(
    private readonly space: RetrievalSpace,
    private readonly options: RetrievalOptions = DEFAULT_RETRIEVAL,
  ) {}

  /** How dense search runs: through vector lists or exactly, in WebAssembly SIMD or not. */
  get denseSearch(): Pick<DenseSearch, 'approximate' | 'simd'> {
    return this.space.dense;
  }

  retrieve(query: RetrievalQuery, k: number, mode: RetrievalMode, filter?: DocumentFilter): RetrievedPassage[] {
    const { space, options } = this;
    const depth = Math.max(options.fusionDepth, k);
    const allowed = this.mask(filter);
    const dense = mode === 'lexical' ? [] : space.dense.search(query.vector, depth, allowed);
    const lexical = mode === 'dense' ? [] : space.lexical.search(query.terms, depth, allowed);
    const ranking: ScoredRow[] =
      mode === 'dense'
        ? dense
        : mode === 'lexical'
          ? lexical
          : reciprocalRankFusion([{ ranking: dense, weight: options.fusion.dense }, { ranking: lexical, weight: options.fusion.lexical }], options.rrfK);
    const denseScore = new Map(dense.map(({ row, score }) => [row, score]));
    const lexicalScore = new Map(lexical.map(({ row, score }) => [row, score]));
    return ranking.slice(0, k).map(({ row }) => ({
      chunk: space.chunks[row]!,
      // The dense ranking already scored its rows; only rows found by BM25 alone are scored here.
      dense: denseScore.get(row) ?? dot(space.chunkVectors, row, query.vector),
      lexical: lexicalScore.get(row) ?? 0,
    }));
  }

  /** The rows a filter allows, or null when it allows every row. */
  private mask(filter: DocumentFilter | undefined): RowMask {
    if (!filter || (!filter.include && !filter.exclude?.length)) return null;
    this.rowsByDoc ??= groupBy(this.space.chunks, (chunk) => chunk.doc);
    const allowed = new Uint8Array(this.space.chunks.length);
    const set = (docs: Iterable<string>, value: 0 | 1) => {
      for (const doc of docs) for (const chunk of this.rowsByDoc!.get(doc) ?? []) allowed[chunk.row] = value;
    };
    if (filter.include) set(filter.include, 1);
    else allowed.fill(1);
    set(filter.exclude ?? [], 0);
    return allowed;
  }
}
