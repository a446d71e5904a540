/**
 * More sentences where the answer likely stands (README, "Evaluation"):
 * after the selection, each sentence of the retrieved paragraphs that no
 * quote holds is scored by boosted trees fitted on data (npm run fit) for
 * the probability that it holds the answer when the quotes do not; the
 * likeliest are quoted too, up to the model's number of picks, when that
 * probability reaches its threshold (both fitted together). Often the
 * question's words stand in one sentence and the answer in the next, or in
 * the sentence before, or in a paragraph ranked second.
 *
 * Its row reads the sentence's own scores (score.ts) beside the best
 * sentence's, where it stands from the best one, whether it takes the best
 * up or is announced by it, whether it holds the kind of answer asked for
 * where the quotes do not, and the question's words it holds that they
 * do not.
 */
import { ANSWER_TYPES, type AnalyzedQuestion, type QuestionTerm } from '../../contracts/query.ts';
import type { ExtraSentenceModel } from '../../contracts/tuning.ts';
import { logistic } from '../../shared/logistic.ts';
import { countsInCoverage, mentionsTerm } from '../4-query/question.ts';
import { readsRow, treesLogOdds } from './boosted-trees.ts';
import { refersBack, refersForward } from './referents.ts';
import { SENTENCE_FEATURES, sentenceKey, type ScoredSentence } from './score.ts';

/** A sentence's length past which it no longer counts against it (about 40 words): a long sentence costs the reader as much. */
const LONG_SENTENCE_CHARACTERS = 250;

/** The model's row for a sentence, in order. */
export const EXTRA_SENTENCE_FEATURES = [
  ...SENTENCE_FEATURES,
  ...SENTENCE_FEATURES.map((name) => `best.${name}`),
  ...SENTENCE_FEATURES.map((name) => `minusBest.${name}`),
  'next',
  'previous',
  'secondNext',
  'secondPrevious',
  'farOrElsewhere',
  'takesUpBest',
  'announcedByBest',
  'quotesHoldAnswerType',
  'holdsAnswerTypeQuotesLack',
  'length',
  'quotes',
  'sameParagraph',
  'newTerms',
  ...ANSWER_TYPES.map((type) => `asks.${type}`),
  ...ANSWER_TYPES.map((type) => `asks.${type}.held`),
] as const;

/** The sentences a model may add: every scored one no quote holds (`quoted`: the chosen sentences with the neighbours they bring). */
export function extraCandidates(ranked: readonly ScoredSentence[], quoted: readonly ScoredSentence[]): ScoredSentence[] {
  const taken = new Set(quoted.map((s) => sentenceKey(s.chunk, s.index)));
  const texts = new Set(quoted.map((s) => s.sentence.text));
  return ranked.filter((s) => !taken.has(sentenceKey(s.chunk, s.index)) && !texts.has(s.sentence.text));
}

/** What every candidate's row shares, read once a question: `chosen` is the selection, best first. */
interface RowContext {
  best: ScoredSentence;
  quotes: number;
  quotesHold: boolean;
  /** The kind of answer asked for, as its place in ANSWER_TYPES. */
  asked: number;
  /** The question's terms that count in its coverage and no chosen sentence mentions, with their share of its counted weight. */
  unquoted: { term: QuestionTerm; share: number }[];
}

function rowContext(question: AnalyzedQuestion, chosen: readonly ScoredSentence[]): RowContext {
  const counted = question.terms.filter((term) => countsInCoverage(question, term));
  const total = counted.reduce((sum, term) => sum + term.weight, 0);
  const unquoted = counted.filter((term) => !chosen.some((s) => mentionsTerm(term, stemsOf(s)))).map((term) => ({ term, share: total > 0 ? term.weight / total : 0 }));
  return { best: chosen[0]!, quotes: chosen.length, quotesHold: chosen.some((s) => s.holdsAnswerType), asked: ANSWER_TYPES.indexOf(question.answerType), unquoted };
}

const NO_STEMS: ReadonlySet<string> = new Set();
const stemsOf = (s: ScoredSentence) => s.paragraphStems[s.index] ?? NO_STEMS;

/** The share of the question's weight a candidate brings that no quote holds: the words an answer still lacks are often where its answer stands. */
function newTermsShare(unquoted: RowContext['unquoted'], candidate: ScoredSentence): number {
  const stems = stemsOf(candidate);
  let share = 0;
  for (const { term, share: part } of unquoted) if (mentionsTerm(term, stems)) share += part;
  return share;
}

/** Each candidate's row, in EXTRA_SENTENCE_FEATURES' order: `chosen` is the selection, best first (what it shares is read once). */
export function extraSentenceRows(question: AnalyzedQuestion, chosen: readonly ScoredSentence[], candidates: readonly ScoredSentence[]): Float64Array[] {
  const context = rowContext(question, chosen);
  return candidates.map((candidate) => writeRow(context, candidate, new Float64Array(EXTRA_SENTENCE_FEATURES.length)));
}

/** Writes a candidate's row into `row` (every entry), written in place: a question scores dozens of candidates. */
function writeRow({ best, quotes, quotesHold, asked, unquoted }: RowContext, candidate: ScoredSentence, row: Float64Array): Float64Array {
  const own = candidate.features;
  const top = best.features;
  const width = own.length;
  for (let i = 0; i < width; i++) {
    row[i] = own[i]!;
    row[width + i] = top[i]!;
    row[2 * width + i] = own[i]! - top[i]!;
  }
  const sameParagraph = candidate.chunk === best.chunk;
  const offset = sameParagraph ? candidate.index - best.index : Infinity;
  const held = candidate.holdsAnswerType ? 1 : 0;
  let at = 3 * width;
  row[at++] = offset === 1 ? 1 : 0;
  row[at++] = offset === -1 ? 1 : 0;
  row[at++] = offset === 2 ? 1 : 0;
  row[at++] = offset === -2 ? 1 : 0;
  row[at++] = Math.abs(offset) > 2 ? 1 : 0;
  row[at++] = offset === 1 && refersBack(candidate.sentence.text) ? 1 : 0;
  row[at++] = offset === 1 && refersForward(best.sentence.text) ? 1 : 0;
  row[at++] = quotesHold ? 1 : 0;
  row[at++] = held && !quotesHold ? 1 : 0;
  row[at++] = Math.min(1, (candidate.sentence.end - candidate.sentence.start) / LONG_SENTENCE_CHARACTERS);
  row[at++] = quotes / 3;
  row[at++] = sameParagraph ? 1 : 0;
  row[at++] = newTermsShare(unquoted, candidate);
  for (let t = 0; t < ANSWER_TYPES.length; t++) row[at + t] = t === asked ? 1 : 0;
  at += ANSWER_TYPES.length;
  for (let t = 0; t < ANSWER_TYPES.length; t++) row[at + t] = t === asked ? held : 0;
  return row;
}

/** The model's probability for a row: the logistic of its trees' log-odds. */
export function extraProbability(model: ExtraSentenceModel, row: Float64Array): number {
  return logistic(treesLogOdds(model, row));
}

/**
 * The sentences to quote besides the selection, likeliest first: the
 * candidates reaching the threshold, at most the model's picks. Each is
 * scored against the selection, as the model was fitted (not against the
 * picks before it).
 */
export function extraSentences(question: AnalyzedQuestion, ranked: readonly ScoredSentence[], chosen: readonly ScoredSentence[], quoted: readonly ScoredSentence[], model: ExtraSentenceModel): ScoredSentence[] {
  if (chosen.length === 0) return [];
  const context = rowContext(question, chosen);
  const row = new Float64Array(EXTRA_SENTENCE_FEATURES.length);
  const likely: { candidate: ScoredSentence; probability: number }[] = [];
  for (const candidate of extraCandidates(ranked, quoted)) {
    const probability = extraProbability(model, writeRow(context, candidate, row));
    if (probability >= model.threshold) likely.push({ candidate, probability });
  }
  // Stable: of equally likely candidates, the better-scored sentence first, as `ranked` holds them.
  return likely.sort((a, b) => b.probability - a.probability).slice(0, model.picks).map(({ candidate }) => candidate);
}

/** Refuses a model fitted on another row than this version builds (it would add sentences at random), or not a model at all. */
export function checkExtraSentenceModel(model: ExtraSentenceModel): void {
  if (!readsRow(model, EXTRA_SENTENCE_FEATURES) || !Number.isInteger(model.picks) || model.picks < 1) {
    throw new Error('the extra sentence model must name the features this version reads, in order, with a rate, trees over them, a threshold and a number of picks (1 or more); refit it (npm run fit)');
  }
}
