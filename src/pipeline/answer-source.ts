/**
 * Where an engine answers from: a build loaded whole (loaded-source.ts), or
 * one kept in a database and asked per question (shared-source.ts). Either
 * gives, for each question, the retriever and answerer to run; the way a
 * question travels through them (engine.ts) is the same.
 */
import type { ArticleDocument } from '../contracts/document.ts';
import type { AnalyzedQuestion } from '../contracts/query.ts';
import type { DocumentFilter, RetrievalMode } from '../contracts/retrieval.ts';
import type { RetrievalQuery, Retriever } from '../stages/5-retrieve/retriever.ts';
import type { Answerer } from '../stages/6-answer/answerer.ts';

/** What the service says of the index it answers from. */
export interface IndexSummary {
  documents: number;
  paragraphs: number;
  sentences: number;
  builtAt: string;
  model: string;
  offline: boolean;
  /** Exact scan, vector lists, or the database's own vector index. */
  denseSearch: 'exact' | 'lists' | 'database';
  simdScan: boolean;
}

/** The stages that answer one question. */
export interface QuestionScope {
  retriever: Retriever;
  answerer: Answerer;
  /**
   * Of the question's stems, those some paragraph its filter allows holds
   * (RetrievalContext.heldStems): asked for only when the answer stage reads
   * them, since a database answers with a query of its own.
   */
  heldStems(): Promise<ReadonlySet<string>>;
}

export interface AnswerSource {
  /** Which build this is (`IndexStore.currentBuild`). */
  readonly build: string;
  /** Where the build lives, for figures such as its size. */
  readonly location: string;
  summary(): IndexSummary;
  /** A question as the answering stages read it (stage 4). */
  analyze(text: string): Promise<AnalyzedQuestion>;
  /** The retriever and answerer for a question whose rankings are read `k` deep (or deeper: the retrieval's fusion depth). */
  scope(query: RetrievalQuery, k: number, mode: RetrievalMode, filter?: DocumentFilter): Promise<QuestionScope>;
  document(id: string): Promise<ArticleDocument | undefined>;
  /** Of these ids, those no indexed article has. */
  unknownDocuments(ids: readonly string[]): Promise<string[]>;
  /** Every indexed article, in the order of the index. */
  documents(): Promise<ArticleDocument[]>;
}
