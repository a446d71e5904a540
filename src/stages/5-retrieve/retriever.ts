/**
 * Finds the paragraphs to answer from: a dense ranking (cosine between the
 * question's and the paragraphs' embeddings), a lexical one (BM25 over
 * stems), or both joined by reciprocal-rank fusion.
 */
import type { StoredChunk } from '../3-store/records.ts';
import { reciprocalRankFusion } from './fusion.ts';
import type { LexicalIndex, LexicalTerm } from './lexical-index.ts';
import type { DenseSearch } from './dense-search.ts';
import { dot, type ScoredRow } from '../../kernel/top-k.ts';

export const RETRIEVAL_MODES = ['hybrid', 'dense', 'lexical'] as const;
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

export interface RetrievedPassage {
  chunk: StoredChunk;
  /** Cosine similarity between question and paragraph (vectors are normalised). */
  dense: number;
  /** BM25 score of the paragraph for the question's terms (0 when it shares none). */
  lexical: number;
}

export interface SearchSpace {
  chunks: readonly StoredChunk[];
  chunkVectors: Float32Array;
  dense: DenseSearch;
  lexical: LexicalIndex;
}

/** How much each ranking counts in the fusion; the model's profile knows how far its embeddings can be trusted. */
export interface FusionWeights {
  dense: number;
  lexical: number;
}

/** How deep each ranking is read before fusion. */
const FUSION_DEPTH = 20;

export function retrieve(
  space: SearchSpace,
  query: { vector: Float32Array; terms: readonly LexicalTerm[] },
  k: number,
  mode: RetrievalMode,
  fusionWeights: FusionWeights = { dense: 1, lexical: 1 },
): RetrievedPassage[] {
  const depth = Math.max(FUSION_DEPTH, k);
  const dense = mode === 'lexical' ? [] : space.dense.search(query.vector, depth);
  const lexical = mode === 'dense' ? [] : space.lexical.search(query.terms, depth);
  const ranking: ScoredRow[] = mode === 'dense' ? dense : mode === 'lexical' ? lexical : reciprocalRankFusion([
          { ranking: dense, weight: fusionWeights.dense },
          { ranking: lexical, weight: fusionWeights.lexical },
        ]);
  const denseScore = new Map(dense.map(({ row, score }) => [row, score]));
  const lexicalScore = new Map(lexical.map(({ row, score }) => [row, score]));
  return ranking.slice(0, k).map(({ row }) => ({
    chunk: space.chunks[row]!,
    // The dense ranking already scored its rows; only rows found by BM25 alone are scored here.
    dense: denseScore.get(row) ?? dot(space.chunkVectors, row, query.vector),
    lexical: lexicalScore.get(row) ?? 0,
  }));
}
