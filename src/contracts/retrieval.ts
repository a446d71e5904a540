/** What retrieval hands to answering. */
import type { StoredChunk } from './store.ts';

export const RETRIEVAL_MODES = ['hybrid', 'dense', 'lexical'] as const;
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

export interface RetrievedPassage {
  chunk: StoredChunk;
  /** Cosine similarity between question and paragraph (vectors are normalised). */
  dense: number;
  /** BM25 score of the paragraph for the question's terms (0 when it shares none). */
  lexical: number;
  /** When a learned ranker placed it: its score and the features it was scored on (stages/5-retrieve/features.ts). */
  ranking?: { score: number; features: Float64Array };
}

/** Which articles a question may be answered from: only `include` when given, never `exclude`. */
export interface DocumentFilter {
  include?: readonly string[];
  exclude?: readonly string[];
  /** Only these paragraph ranges (inclusive) of these articles, within include and exclude: the neighbourhood of what a conversation cited. Not part of the API. */
  paragraphs?: readonly { doc: string; from: number; to: number }[];
}
