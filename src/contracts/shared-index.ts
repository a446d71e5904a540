/**
 * A build answered from where it is kept (a database) rather than loaded:
 * what such a store offers beyond the IndexStore interface, and how it is
 * told to read paragraphs for its own BM25.
 */
import type { ArticleDocument } from './document.ts';
import type { ModelIdentity } from './model.ts';
import type { LexicalTerm } from './query.ts';
import type { DocumentFilter } from './retrieval.ts';
import type { IndexStore, LoadedIndex, TermContext } from './store.ts';

export type { TermContext };

/**
 * How a store that ranks paragraphs itself (in SQL) reads their words: the
 * question analysis's and the lexical ranking's own reading, handed in by the
 * composition root so that both sides of a search read text alike.
 */
export interface ParagraphTerms {
  /** Changes whenever the same text would give other stems (the stemmer, the stop words): terms stored under another version are computed again. */
  readonly version: string;
  /** The context of a corpus, from its paragraph texts in order. */
  context(texts: Iterable<string>): TermContext;
  /** The text as the lexical ranking reads it in that context (with the acronyms whose long form it writes out). */
  expanded(text: string, context: TermContext): string;
  /**
   * Whether a text reads alike in two contexts (`expanded` gives the same
   * text in both), for the texts of a build: cheaper than expanding each
   * text twice, since most of two contexts agree.
   */
  expandsAlike(before: TermContext, context: TermContext): (text: string) => boolean;
  /** The content stems of an expanded text, in order, repeats kept (their count is the paragraph's length for BM25). */
  stems(expanded: string): string[];
  /**
   * An article's stems as the ranking features read them: those of its
   * paragraphs' texts (not expanded) and of its headings (its title with
   * each section heading its paragraphs sit under).
   */
  article(title: string, paragraphs: Iterable<{ text: string; section: string | null }>): Set<string>;
}

/** BM25's two parameters: the lexical stage ranks with them, and a store that ranks in SQL is asked to apply them. */
export interface Bm25Parameters {
  /** @default 1.2 — term-frequency saturation; Robertson's usual value. */
  k1: number;
  /** @default 0.75 — how much a long paragraph's length discounts its matches. */
  b: number;
}

/** Measured, not only customary: `npm run fit` finds the grid around it a plateau (README, "Evaluation"). */
export const DEFAULT_BM25: Bm25Parameters = { k1: 1.2, b: 0.75 };

/** A paragraph found by a ranking the store ran, by id, with its score. */
export interface ScoredParagraph {
  id: string;
  doc: string;
  score: number;
}

/**
 * A build answered from where it is kept, without loading it: the rankings
 * run in the store (BM25 over its postings, nearest vectors through its
 * vector index), and a question's candidate articles are fetched as a small
 * index of their own. What a process holds of it is caches only.
 */
export interface SharedIndex {
  /** What `IndexStore.currentBuild` said when this build was current. */
  readonly build: string;
  readonly location: string;
  readonly createdAt: string;
  readonly model: ModelIdentity;
  readonly counts: { documents: number; paragraphs: number; sentences: number };
  /** The build's term context (the acronyms its articles define). */
  readonly termContext: TermContext;
  /** The paragraphs' mean length in stems, for BM25. */
  readonly averageLength: number;
  /** How many paragraphs hold each stem, for the stems named and every stem starting with one of the prefixes; stems no paragraph holds are left out. */
  stemFrequencies(stems: readonly string[], prefixes: readonly string[]): Promise<Map<string, number>>;
  /** Of these stems, those some paragraph the filter allows holds. */
  stemsHeld(stems: readonly string[], filter?: DocumentFilter): Promise<Set<string>>;
  /**
   * The k best paragraphs by BM25 over the terms (each scored by the best of
   * its stems), with the build's own statistics. `postings`: how many the
   * terms' stems hold together (the sum of their document frequencies), when
   * the caller knows: a few are scored at once, many read best first.
   */
  lexicalRanking(terms: readonly LexicalTerm[], k: number, bm25: Bm25Parameters, filter?: DocumentFilter, postings?: number): Promise<ScoredParagraph[]>;
  /** The k paragraphs whose vectors are nearest the question's (cosine). */
  denseRanking(vector: Float32Array, k: number, filter?: DocumentFilter): Promise<ScoredParagraph[]>;
  /** These articles whole as an index of their own, with the vectors of the paragraphs named (and their sentences'); other rows' vectors are zeros. */
  articles(docs: readonly string[], withVectors: ReadonlySet<string>): Promise<LoadedIndex>;
  document(id: string): Promise<ArticleDocument | undefined>;
  /** Of these ids, those no article of the build has (one query, however many). */
  unknownDocuments(ids: readonly string[]): Promise<string[]>;
  /** Every article, in the build's order. */
  documents(): Promise<ArticleDocument[]>;
}

/** A store that can also answer from a build without loading it. */
export interface SharedIndexStore extends IndexStore {
  openShared(): Promise<SharedIndex>;
}

export function isSharedIndexStore(store: IndexStore): store is SharedIndexStore {
  return typeof (store as Partial<SharedIndexStore>).openShared === 'function';
}
