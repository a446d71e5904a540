/**
 * Scores answers on a question file.
 *
 * Answer-order metrics (the paragraphs an answer offers: its citations in
 * order, then the other retrieved passages; an abstention on an answerable
 * question is a miss): hit@1, hit@3, MRR.
 * Passage metrics (the retrieved passages in rank order, whether answered
 * or not): passage hit@1, hit@5, MRR. Citation hit@1: the first citation is
 * the gold paragraph. Span in answer: the key is in the answer text.
 * Answered share; abstention accuracy on `expect: "abstain"` questions;
 * leave-gold-out: the question asked with its own article excluded, where a
 * trustworthy answerer declines.
 *
 * A row with a `history` is the last turn of a conversation: its earlier
 * questions are asked first, in order, each with the turns before it and
 * what ancre cited for them, as a client does; then the question itself.
 * `ignoreHistory` asks it alone instead, for comparison.
 *
 * The gold paragraph is the row's `doc` and `paragraph_text` when it has
 * them, else any paragraph holding the key (accent-, case- and
 * punctuation-insensitive).
 *
 * The main shares come with a 95 % interval, resampling the questions by
 * their gold article (bootstrap.ts): a difference between two runs inside
 * it may be noise.
 */
import type { AskResult, ConversationTurn } from '../../contracts/api.ts';
import type { DocumentFilter } from '../../contracts/retrieval.ts';
import { foldedIncludes, wordCount } from '../../pipeline/pipeline.ts';
import { clusterBootstrap, pairedDifference, type Interval } from './bootstrap.ts';
import { clusterOf, isGold, type EvalQuestion } from './questions.ts';
import { share } from './share.ts';

export { readQuestions, type EvalQuestion } from './questions.ts';

export interface QuestionOutcome {
  id: string;
  /** What the question is resampled with for the intervals: its gold article, or itself when it names none. */
  cluster: string;
  question: string;
  expect: EvalQuestion['expect'];
  answerable: boolean;
  hitAt1: boolean;
  hitAt3: boolean;
  reciprocalRank: number;
  /** Rank of the gold paragraph among the retrieved passages (1-based), 0 when absent. */
  passageRank: number;
  citationHit: boolean;
  keyInAnswer: boolean;
  /** Words the answer quotes (its citation markers aside); 0 when it declined. */
  answerWords: number;
  /** Asked without its own article: null when the question names no gold article. */
  declinedWithoutGold: boolean | null;
  answer: string;
  evidence: AskResult['evidence'];
  ms: number;
}

export interface EvalSummary {
  questions: number;
  answerableQuestions: number;
  abstainQuestions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  passageHitAt1: number;
  passageHitAt5: number;
  passageMrr: number;
  citationHitAt1: number;
  keyInAnswer: number;
  /** Mean words quoted by the answers to answerable questions that were answered: a span is easier to hold in a longer answer. */
  meanAnswerWords: number;
  answered: number;
  abstentionAccuracy: number;
  /** Answerable questions on which the engine wrongly abstained. */
  falseAbstentions: number;
  /** Share declined when asked without their own article; null when no question names one. */
  leaveGoldOutDeclined: number | null;
  meanMs: number;
  /** 95 % intervals of the main shares (bootstrap by gold article); a share with no question to count has none. */
  intervals: Partial<Record<IntervalFigure, Interval>>;
  outcomes: QuestionOutcome[];
}

/** The shares given with an interval. */
export const INTERVAL_FIGURES = ['passageHitAt1', 'citationHitAt1', 'keyInAnswer', 'answered', 'leaveGoldOutDeclined'] as const;
export type IntervalFigure = (typeof INTERVAL_FIGURES)[number];

export type Ask = (question: string, filter?: DocumentFilter, history?: readonly ConversationTurn[]) => Promise<AskResult>;

export interface EvaluateOptions {
  /** Ask each question again with its own article excluded. @default true */
  leaveGoldOut?: boolean;
  /** Ask the last turn of a conversation alone. @default false */
  ignoreHistory?: boolean;
}

export async function evaluate(questions: readonly EvalQuestion[], ask: Ask, options: EvaluateOptions = {}): Promise<EvalSummary> {
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) outcomes.push(await outcome(q, ask, options));
  return summarise(outcomes);
}

/** The turns before a question, asked in order as a client would, each with its predecessors and their citations. */
async function conversationBefore(q: EvalQuestion, ask: Ask): Promise<ConversationTurn[]> {
  const turns: ConversationTurn[] = [];
  for (const question of q.history ?? []) {
    const result = await ask(question, undefined, turns.length ? [...turns] : undefined);
    turns.push({ question, citations: result.citations.map(({ doc, paragraph }) => ({ doc, paragraph })) });
  }
  return turns;
}

async function outcome(q: EvalQuestion, ask: Ask, options: EvaluateOptions): Promise<QuestionOutcome> {
  const leaveGoldOut = options.leaveGoldOut ?? true;
  const history = options.ignoreHistory ? [] : await conversationBefore(q, ask);
  const started = performance.now();
  const result = await ask(q.question, undefined, history.length ? history : undefined);
  const ms = performance.now() - started;
  const gold = (item: { doc: string; text: string }) => isGold(q, item.doc, item.text, foldedIncludes);
  const offered = offeredParagraphs(result);
  const answered = q.expect === 'answer' && result.answerable;
  const firstGold = offered.findIndex(gold);
  const declinedWithoutGold = leaveGoldOut && q.doc !== undefined ? !(await ask(q.question, { exclude: [q.doc] }, history.length ? history : undefined)).answerable : null;
  return {
    id: q.id,
    cluster: clusterOf(q),
    question: q.question,
    expect: q.expect,
    answerable: result.answerable,
    hitAt1: answered && firstGold === 0,
    hitAt3: answered && firstGold >= 0 && firstGold < 3,
    reciprocalRank: answered && firstGold >= 0 ? 1 / (firstGold + 1) : 0,
    passageRank: result.passages.findIndex(gold) + 1,
    citationHit: answered && result.citations[0] !== undefined && gold(result.citations[0]),
    keyInAnswer: answered && q.key !== undefined && foldedIncludes(result.answer, q.key),
    answerWords: result.answerable ? wordCount(result.answer.replace(/\[\d+\]/g, ' ')) : 0,
    declinedWithoutGold,
    answer: result.answer,
    evidence: result.evidence,
    ms,
  };
}

function summarise(outcomes: QuestionOutcome[]): EvalSummary {
  const answerable = outcomes.filter((o) => o.expect === 'answer');
  const abstain = outcomes.filter((o) => o.expect === 'abstain');
  const mean = (list: QuestionOutcome[], value: (o: QuestionOutcome) => number) => list.reduce((sum, o) => sum + value(o), 0) / Math.max(1, list.length);
  const leftOut = outcomes.filter((o) => o.declinedWithoutGold !== null);
  return {
    questions: outcomes.length,
    answerableQuestions: answerable.length,
    abstainQuestions: abstain.length,
    hitAt1: share(answerable, (o) => o.hitAt1),
    hitAt3: share(answerable, (o) => o.hitAt3),
    mrr: mean(answerable, (o) => o.reciprocalRank),
    passageHitAt1: share(answerable, (o) => o.passageRank === 1),
    passageHitAt5: share(answerable, (o) => o.passageRank >= 1 && o.passageRank <= 5),
    passageMrr: mean(answerable, (o) => (o.passageRank ? 1 / o.passageRank : 0)),
    citationHitAt1: share(answerable, (o) => o.citationHit),
    keyInAnswer: share(answerable, (o) => o.keyInAnswer),
    meanAnswerWords: mean(answerable.filter((o) => o.answerable), (o) => o.answerWords),
    answered: share(answerable, (o) => o.answerable),
    abstentionAccuracy: share(abstain, (o) => !o.answerable),
    falseAbstentions: answerable.filter((o) => !o.answerable).length,
    leaveGoldOutDeclined: leftOut.length ? share(leftOut, (o) => o.declinedWithoutGold === true) : null,
    meanMs: mean(outcomes, (o) => o.ms),
    intervals: intervals(outcomes),
    outcomes,
  };
}

/** For each share given with an interval: the questions it counts, and what counts as a success. */
const FIGURE_OUTCOMES: Record<IntervalFigure, { counted: (o: QuestionOutcome) => boolean; ok: (o: QuestionOutcome) => boolean }> = {
  passageHitAt1: { counted: (o) => o.expect === 'answer', ok: (o) => o.passageRank === 1 },
  citationHitAt1: { counted: (o) => o.expect === 'answer', ok: (o) => o.citationHit },
  keyInAnswer: { counted: (o) => o.expect === 'answer', ok: (o) => o.keyInAnswer },
  answered: { counted: (o) => o.expect === 'answer', ok: (o) => o.answerable },
  leaveGoldOutDeclined: { counted: (o) => o.declinedWithoutGold !== null, ok: (o) => o.declinedWithoutGold === true },
};

/** Each share of INTERVAL_FIGURES as per-question successes, resampled by cluster. */
function intervals(outcomes: readonly QuestionOutcome[]): Partial<Record<IntervalFigure, Interval>> {
  const figures = INTERVAL_FIGURES.map((name) => {
    const { counted, ok } = FIGURE_OUTCOMES[name];
    const list = outcomes.filter(counted);
    return [name, clusterBootstrap(list.map((o) => Number(ok(o))), list.map((o) => o.cluster))] as const;
  });
  return Object.fromEntries(figures.filter(([, interval]) => interval !== null));
}

/** The figures two runs are compared on: the shares with an interval, and the answers' length. */
export type ComparedFigure = IntervalFigure | 'meanAnswerWords';

/** One share in two runs on the same questions: `other` minus `base`, with the interval of the difference paired by question. */
export interface FigureComparison {
  base: number;
  other: number;
  difference: number;
  interval: Interval | null;
}

/**
 * Two runs over the same questions in the same order (two settings, or two
 * versions of ancre), share by share: a change is worth believing when its
 * interval keeps clear of zero.
 */
export function compareRuns(base: EvalSummary, other: EvalSummary): Partial<Record<ComparedFigure, FigureComparison>> {
  if (base.outcomes.length !== other.outcomes.length) throw new Error(`the two runs asked ${base.outcomes.length} and ${other.outcomes.length} questions`);
  const comparisons = INTERVAL_FIGURES.map((name) => {
    const { counted, ok } = FIGURE_OUTCOMES[name];
    const pairs = base.outcomes.flatMap((o, i) => (counted(o) && counted(other.outcomes[i]!) ? [[o, other.outcomes[i]!] as const] : []));
    if (pairs.length === 0) return [name, null] as const;
    const [before, after] = [pairs.map(([o]) => ok(o)), pairs.map(([, o]) => ok(o))];
    const comparison: FigureComparison = {
      base: share(before),
      other: share(after),
      difference: share(after) - share(before),
      interval: pairedDifference(after, before, pairs.map(([o]) => o.cluster)),
    };
    return [name, comparison] as const;
  });
  // What a gain in span costs in length, beside it.
  const words = { base: base.meanAnswerWords, other: other.meanAnswerWords, difference: other.meanAnswerWords - base.meanAnswerWords, interval: null };
  return { ...Object.fromEntries(comparisons.filter(([, comparison]) => comparison !== null)), meanAnswerWords: words };
}

/** The paragraphs an answer offers, in order: its citations, then the other retrieved passages. */
function offeredParagraphs(result: AskResult): { doc: string; text: string }[] {
  const seen = new Set<string>();
  const offered: { doc: string; text: string }[] = [];
  for (const item of [...result.citations, ...result.passages]) {
    const key = `${item.doc}#${item.paragraph}`;
    if (seen.has(key)) continue;
    seen.add(key);
    offered.push({ doc: item.doc, text: item.text });
  }
  return offered;
}
