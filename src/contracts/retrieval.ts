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

/** Whether a filter leaves any paragraph out (an empty exclude list does not). */
export function filterRestricts(filter: DocumentFilter | undefined): filter is DocumentFilter {
  return filter !== undefined && (filter.include !== undefined || Boolean(filter.exclude?.length) || filter.paragraphs !== undefined);
}

/** What the answer stage is told of a question's retrieval besides its passages. */
export interface RetrievalContext {
  mode: RetrievalMode;
  /**
   * Of the question's stems, those some paragraph it may be answered from
   * holds (its filter's articles): whether the corpus asked uses its words
   * at all, beyond the passages retrieved. Given when the answer stage reads
   * it (Answerer.readsHeldStems: its veto).
   */
  heldStems?: ReadonlySet<string>;
}
