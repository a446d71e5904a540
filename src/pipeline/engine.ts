/**
 * Answering over one loaded index, in the stages' order: analyse the
 * question (4), embed it (2), retrieve paragraphs (5), answer from them
 * (6). The parts are built by the composition root (pipeline.ts); this is
 * only the way a question travels through them.
 */
import type { AskResult } from '../contracts/api.ts';
import type { ArticleDocument } from '../contracts/document.ts';
import type { AnalyzedQuestion } from '../contracts/query.ts';
import type { DocumentFilter } from '../contracts/retrieval.ts';
import type { LoadedIndex } from '../contracts/store.ts';
import { round } from '../shared/round.ts';
import type { CachedQueryEmbedder } from '../stages/2-embed/query-cache.ts';
import type { Retriever } from '../stages/5-retrieve/retriever.ts';
import { abstentionFeatures } from '../stages/6-answer/abstention.ts';
import type { Answerer } from '../stages/6-answer/answerer.ts';
import { filterEcho, type AskOptions } from './ask-options.ts';
import { askInConversation } from './conversation.ts';

export type { AskOptions } from './ask-options.ts';

export interface EngineParts {
  index: LoadedIndex;
  modelId: string;
  analyze: (question: string) => AnalyzedQuestion;
  queries: CachedQueryEmbedder;
  retriever: Retriever;
  answerer: Answerer;
}

/** What the service says of the index it answers from. */
export interface IndexSummary {
  documents: number;
  paragraphs: number;
  sentences: number;
  builtAt: string;
  model: string;
  offline: boolean;
  denseSearch: 'exact' | 'lists';
  simdScan: boolean;
}

export class Engine {
  private described: IndexSummary | null = null;

  constructor(private readonly parts: EngineParts) {}

  get modelId(): string {
    return this.parts.modelId;
  }

  document(id: string): ArticleDocument | undefined {
    return this.parts.index.documents.get(id);
  }

  /** Every indexed article, in the order of the index. */
  documents(): ArticleDocument[] {
    return [...this.parts.index.documents.values()];
  }

  /** Which build this engine answers from (`IndexStore.currentBuild`). */
  get build(): string {
    return this.parts.index.build;
  }

  /** Where the build lives, for figures such as its size. */
  get location(): string {
    return this.parts.index.location;
  }

  /** Computed once: pages and /health ask for it on every request. */
  summary(): IndexSummary {
    const { index, retriever } = this.parts;
    return (this.described ??= {
      documents: index.documents.size,
      paragraphs: index.chunks.length,
      sentences: index.chunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0),
      builtAt: index.manifest.createdAt,
      model: index.manifest.model.id,
      offline: index.manifest.model.offline,
      denseSearch: retriever.denseSearch.approximate ? 'lists' : 'exact',
      simdScan: retriever.denseSearch.simd,
    });
  }

  /** The candidate paragraphs of a question with their ranking features, as the learned ranker sees them (for fitting it). */
  async rankingCandidates(text: string, depth: number, filter?: DocumentFilter): Promise<{ doc: string; text: string; features: Float64Array }[]> {
    const { question, vector } = await this.understood(text);
    return this.parts.retriever
      .candidates({ vector, question }, depth, filter)
      .map(({ chunk, features }) => ({ doc: chunk.doc, text: chunk.paragraphText, features }));
  }

  /** The sentences an answer to a question would choose from, with their features (for fitting the sentence weights). */
  async sentenceCandidates(text: string, options: AskOptions): Promise<{ doc: string; paragraph: string; sentence: string; features: Float64Array }[]> {
    const { question, vector, passages } = await this.retrieved(text, options);
    return this.parts.answerer
      .rank(question, vector, passages)
      .map((s) => ({ doc: s.chunk.doc, paragraph: s.chunk.paragraphText, sentence: s.sentence.text, features: s.features }));
  }

  /** What the abstention decision reads for a question, as a feature row (for fitting its calibration). */
  async abstentionFeatures(text: string, options: AskOptions): Promise<Float64Array> {
    const { question, vector, passages } = await this.retrieved(text, options);
    const ranked = this.parts.answerer.rank(question, vector, passages);
    return abstentionFeatures(this.parts.answerer.abstentionInput(question, passages, ranked, options.mode ?? 'hybrid'));
  }

  /** A question analysed (4) and embedded (2). */
  private async understood(text: string) {
    const question = this.parts.analyze(text);
    return { question, vector: await this.parts.queries.embed(question.text) };
  }

  /** …and its paragraphs retrieved (5). */
  private async retrieved(text: string, options: AskOptions) {
    const { question, vector } = await this.understood(text);
    const passages = this.parts.retriever.retrieve({ vector, question }, options.topK, options.mode ?? 'hybrid', options.filter);
    return { question, vector, passages };
  }

  async ask(text: string, options: AskOptions): Promise<AskResult> {
    if (options.history?.length) return askInConversation(this, text, options, options.history);
    return this.answer(this.analyze(text), text, options);
  }

  /** A question as the answering stages read it (4). */
  analyze(text: string): AnalyzedQuestion {
    return this.parts.analyze(text);
  }

  /** The answer to an analysed question (2, 5, 6); `embedText` is what the model reads of it. */
  async answer(question: AnalyzedQuestion, embedText: string, options: AskOptions): Promise<AskResult> {
    const mode = options.mode ?? 'hybrid';
    const started = performance.now();
    const vector = await this.parts.queries.embed(embedText);
    const embedded = performance.now();
    const passages = this.parts.retriever.retrieve({ vector, question }, options.topK, mode, options.filter);
    const searched = performance.now();
    const { answer, answerable, citations, evidence } = this.parts.answerer.answer(question, vector, passages, mode);
    const selected = performance.now();
    return {
      question: question.text,
      answer,
      answerable,
      citations,
      passages: passages.map(({ chunk, dense, lexical }) => ({
        doc: chunk.doc,
        title: chunk.title,
        paragraph: chunk.paragraph,
        text: chunk.paragraphText,
        score: round(dense),
        lexical: round(lexical),
      })),
      mode,
      ...filterEcho(options.filter),
      answerType: question.answerType,
      evidence,
      model: this.parts.modelId,
      timings: {
        embedMs: round(embedded - started),
        searchMs: round(searched - embedded),
        selectMs: round(selected - searched),
        totalMs: round(selected - started),
      },
    };
  }
}
