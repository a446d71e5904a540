/**
 * Answering over one build, in the stages' order: analyse the question (4),
 * embed it (2), retrieve paragraphs (5), answer from them (6). The parts are
 * built by the composition root (pipeline.ts) over a build loaded whole or
 * kept in a database (answer-source.ts); this is only the way a question
 * travels through them.
 */
import type { AskResult } from '../contracts/api.ts';
import type { ArticleDocument } from '../contracts/document.ts';
import type { AnalyzedQuestion } from '../contracts/query.ts';
import type { DocumentFilter, RetrievalContext, RetrievedPassage } from '../contracts/retrieval.ts';
import { listed } from '../shared/listed.ts';
import { round } from '../shared/round.ts';
import type { CachedQueryEmbedder } from '../stages/2-embed/query-cache.ts';
import { paragraphKey, type RetrievalQuery } from '../stages/5-retrieve/retriever.ts';
import type { Answerer } from '../stages/6-answer/answerer.ts';
import { abstentionFeatures } from '../stages/6-answer/abstention.ts';
import type { AnswerSource, IndexSummary } from './answer-source.ts';
import { filterEcho, type AskOptions } from './ask-options.ts';
import { askInConversation } from './conversation.ts';

export type { AskOptions } from './ask-options.ts';
export type { IndexSummary } from './answer-source.ts';

export interface EngineParts {
  source: AnswerSource;
  modelId: string;
  queries: CachedQueryEmbedder;
}

export class Engine {
  private described: IndexSummary | null = null;

  constructor(private readonly parts: EngineParts) {}

  get modelId(): string {
    return this.parts.modelId;
  }

  document(id: string): Promise<ArticleDocument | undefined> {
    return this.parts.source.document(id);
  }

  /**
   * What in a filter looks mistaken, in words (nothing: an empty list): ids
   * no indexed article has, and an empty include list. A mistyped id would
   * otherwise answer "no answer" in silence.
   */
  async filterWarnings(filter: DocumentFilter | undefined): Promise<string[]> {
    const sides = { include: filter?.include ?? [], exclude: filter?.exclude ?? [] };
    const named = [...sides.include, ...sides.exclude];
    // One lookup for both sides: in a database, one query.
    const unknown = new Set(named.length ? await this.parts.source.unknownDocuments(named) : []);
    // An empty include list restricts the answer to no article at all: a list built by a program that came out empty.
    const emptyInclude = filter?.include?.length === 0 ? ['filter.include is empty: no article may answer'] : [];
    return [
      ...emptyInclude,
      ...(['include', 'exclude'] as const).flatMap((side) => {
        const missing = [...new Set(sides[side].filter((id) => unknown.has(id)))];
        return missing.length ? [`filter.${side} names ${missing.length === 1 ? 'an id' : 'ids'} no indexed article has: ${listed(missing, 10)}`] : [];
      }),
    ];
  }

  /** An answer with what its filter looks mistaken in (filterWarnings), when anything: what `/ask` and `ancre ask` return. */
  async withFilterWarnings(result: AskResult, filter: DocumentFilter | undefined): Promise<AskResult> {
    const warnings = await this.filterWarnings(filter);
    return warnings.length ? { ...result, warnings } : result;
  }

  /** Every indexed article, in the order of the index. */
  documents(): Promise<ArticleDocument[]> {
    return this.parts.source.documents();
  }

  /** Which build this engine answers from (`IndexStore.currentBuild`). */
  get build(): string {
    return this.parts.source.build;
  }

  /** Where the build lives, for figures such as its size. */
  get location(): string {
    return this.parts.source.location;
  }

  /** Computed once: pages and /health ask for it on every request. */
  summary(): IndexSummary {
    return (this.described ??= this.parts.source.summary());
  }

  /** The candidate paragraphs of a question with their ranking features, as the learned ranker sees them (for fitting it). */
  async rankingCandidates(text: string, depth: number, filter?: DocumentFilter): Promise<{ doc: string; text: string; features: Float64Array }[]> {
    const query = await this.understood(text);
    const { retriever } = await this.parts.source.scope(query, depth, 'hybrid', filter);
    return retriever.candidates(query, depth, filter).map(({ chunk, features }) => ({ doc: chunk.doc, text: chunk.paragraphText, features }));
  }

  /** The sentences an answer to a question would choose from, with their features (for fitting the sentence weights). */
  async sentenceCandidates(text: string, options: AskOptions): Promise<{ doc: string; paragraph: string; sentence: string; features: Float64Array }[]> {
    const { question, vector, passages, answerer } = await this.retrieved(text, options);
    return answerer
      .rank(question, vector, passages)
      .map((s) => ({ doc: s.chunk.doc, paragraph: s.chunk.paragraphText, sentence: s.sentence.text, features: s.features }));
  }

  /**
   * The sentences an extra quote could add to a question's answer, each with
   * its row (for fitting the extra sentence's model), and the answer quoted
   * without one; `answerable` false leaves none to add.
   */
  async extraSentenceCandidates(text: string, options: AskOptions): Promise<{ answerable: boolean; quoted: string[]; candidates: { doc: string; paragraph: string; sentence: string; row: Float64Array }[] }> {
    const { question, vector, passages, answerer, retrieval } = await this.retrieved(text, options);
    const { ranked, chosen, answerable } = answerer.decide(question, vector, passages, retrieval);
    if (!answerable) return { answerable, quoted: [], candidates: [] };
    const { quoted, candidates } = answerer.extraCandidates(question, ranked, chosen);
    return {
      answerable,
      quoted: quoted.map((s) => s.sentence.text),
      candidates: candidates.map(({ sentence: s, row }) => ({ doc: s.chunk.doc, paragraph: s.chunk.paragraphText, sentence: s.sentence.text, row })),
    };
  }

  /** What the abstention decision reads for a question, as a feature row (for fitting its calibration). */
  async abstentionFeatures(text: string, options: AskOptions): Promise<Float64Array> {
    const { question, vector, passages, answerer, retrieval } = await this.retrieved(text, options);
    const ranked = answerer.rank(question, vector, passages);
    return abstentionFeatures(answerer.abstentionInput(question, passages, ranked, retrieval));
  }

  /** What the answerability veto reads for a question, as its feature row, and whether this engine answers it (for fitting the veto: an engine without one, so the floors decide). */
  async vetoFeatures(text: string, options: AskOptions): Promise<{ row: Float64Array; floorsAnswer: boolean }> {
    const { question, vector, passages, answerer, retrieval } = await this.retrieved(text, options);
    const { ranked, input, answerable } = answerer.decide(question, vector, passages, retrieval);
    return { row: answerer.vetoRow(input, ranked), floorsAnswer: answerable };
  }

  /** A question analysed (4) and embedded (2). */
  private async understood(text: string) {
    const question = await this.parts.source.analyze(text);
    return { question, vector: await this.parts.queries.embed(question.text) };
  }

  /** …and its paragraphs retrieved (5), with the answerer that reads them and all it may be told of the retrieval (for fitting). */
  private async retrieved(text: string, options: AskOptions) {
    const query = await this.understood(text);
    return { ...query, ...(await this.search(query, options, () => true)) };
  }

  /**
   * A question's paragraphs (5), the answerer that reads them, and what it
   * is told of the retrieval: the question's stems its articles hold when
   * `wantsHeldStems` (which a database finds with a query of its own).
   */
  private async search(query: RetrievalQuery, options: AskOptions, wantsHeldStems: (answerer: Answerer, passages: readonly RetrievedPassage[]) => boolean) {
    const mode = options.mode ?? 'hybrid';
    const scope = await this.parts.source.scope(query, options.topK, mode, options.filter);
    const passages = scope.retriever.retrieve(query, options.topK, mode, options.filter);
    const heldStems = wantsHeldStems(scope.answerer, passages) ? await scope.heldStems() : undefined;
    const retrieval: RetrievalContext = { mode, ...(heldStems ? { heldStems } : {}) };
    return { passages, answerer: scope.answerer, retrieval };
  }

  async ask(text: string, options: AskOptions): Promise<AskResult> {
    if (options.history?.length) return askInConversation(this, text, options, options.history);
    return this.answer(await this.analyze(text), text, options);
  }

  /** A question as the answering stages read it (4). */
  analyze(text: string): Promise<AnalyzedQuestion> {
    return this.parts.source.analyze(text);
  }

  /** The answer to an analysed question (2, 5, 6); `embedText` is what the model reads of it. */
  async answer(question: AnalyzedQuestion, embedText: string, options: AskOptions): Promise<AskResult> {
    const mode = options.mode ?? 'hybrid';
    const started = performance.now();
    const vector = await this.parts.queries.embed(embedText);
    const embedded = performance.now();
    const { passages, answerer, retrieval } = await this.search({ vector, question }, options, (reader, found) => reader.readsHeldStems(found));
    const searched = performance.now();
    const { answer, answerable, citations, evidence } = answerer.answer(question, vector, passages, retrieval);
    const selected = performance.now();
    return {
      question: question.text,
      answer,
      answerable,
      citations,
      passages: eachParagraphOnce(passages).map(({ chunk, dense, lexical }) => ({
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

/**
 * The passages a reader is shown, each paragraph once: a paragraph too long
 * for one embedding is retrieved as parts, and every part carries the
 * whole paragraph's text. Its best-ranked part stands for it.
 */
function eachParagraphOnce(passages: readonly RetrievedPassage[]): RetrievedPassage[] {
  const seen = new Set<string>();
  return passages.filter(({ chunk }) => {
    const key = paragraphKey(chunk);
    return !seen.has(key) && (seen.add(key), true);
  });
}
