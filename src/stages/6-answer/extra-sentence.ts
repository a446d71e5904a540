/**
 * One more sentence where the answer likely stands (README, "Evaluation"):
 * after the selection, each sentence of the retrieved paragraphs that no
 * quote holds is scored by a logistic model fitted on data (npm run fit) for
 * the probability that it holds the answer when the quotes do not; the
 * likeliest is quoted too when that probability reaches the model's
 * threshold. Often the question's words stand in one sentence and the answer
 * in the next, or in the sentence before, or in a paragraph ranked second.
 *
 * Its row reads the sentence's own scores (score.ts) beside the best
 * sentence's, where it stands from the best one, whether it takes the best
 * up or is announced by it, and whether it holds the kind of answer asked
 * for where the quotes do not.
 */
import { ANSWER_TYPES, type AnalyzedQuestion } from '../../contracts/query.ts';
import type { ExtraSentenceModel } from '../../contracts/tuning.ts';
import { wordCount } from '../../text/words.ts';
import { refersBack, refersForward } from './referents.ts';
import { SENTENCE_FEATURES, type ScoredSentence } from './score.ts';

/** A sentence's words past which its length no longer counts against it: a long sentence costs the reader as much. */
const LONG_SENTENCE_WORDS = 40;

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
  ...ANSWER_TYPES.map((type) => `asks.${type}`),
  ...ANSWER_TYPES.map((type) => `asks.${type}.held`),
] as const;

/** The sentences a model may add: every scored one no quote holds (`quoted`: the chosen sentences with the neighbours they bring). */
export function extraCandidates(ranked: readonly ScoredSentence[], quoted: readonly ScoredSentence[]): ScoredSentence[] {
  const taken = new Set(quoted.map((s) => `${s.chunk.id}/${s.index}`));
  const texts = new Set(quoted.map((s) => s.sentence.text));
  return ranked.filter((s) => !taken.has(`${s.chunk.id}/${s.index}`) && !texts.has(s.sentence.text));
}

/** A candidate's row, in EXTRA_SENTENCE_FEATURES' order: `chosen` is the selection, best first. */
export function extraSentenceRow(question: AnalyzedQuestion, chosen: readonly ScoredSentence[], candidate: ScoredSentence): Float64Array {
  const best = chosen[0]!;
  const sameParagraph = candidate.chunk === best.chunk;
  const offset = sameParagraph ? candidate.index - best.index : Infinity;
  const quotesHold = chosen.some((s) => s.holdsAnswerType);
  const asks = ANSWER_TYPES.map((type) => (question.answerType === type ? 1 : 0));
  const held = candidate.holdsAnswerType ? 1 : 0;
  return Float64Array.from([
    ...candidate.features,
    ...best.features,
    ...candidate.features.map((value, i) => value - best.features[i]!),
    offset === 1 ? 1 : 0,
    offset === -1 ? 1 : 0,
    offset === 2 ? 1 : 0,
    offset === -2 ? 1 : 0,
    Math.abs(offset) > 2 ? 1 : 0,
    offset === 1 && refersBack(candidate.sentence.text) ? 1 : 0,
    offset === 1 && refersForward(best.sentence.text) ? 1 : 0,
    quotesHold ? 1 : 0,
    held && !quotesHold ? 1 : 0,
    Math.min(1, wordCount(candidate.sentence.text) / LONG_SENTENCE_WORDS),
    chosen.length / 3,
    sameParagraph ? 1 : 0,
    ...asks,
    ...asks.map((a) => a * held),
  ]);
}

/** The model's probability for a row: the logistic of its weighted sum and bias. */
export function extraProbability(model: ExtraSentenceModel, row: Float64Array): number {
  let z = model.bias;
  for (let d = 0; d < row.length; d++) z += model.weights[d]! * row[d]!;
  return 1 / (1 + Math.exp(-z));
}

/** The sentence to quote besides the selection, or null: the likeliest candidate, when it reaches the threshold. */
export function extraSentence(question: AnalyzedQuestion, ranked: readonly ScoredSentence[], chosen: readonly ScoredSentence[], quoted: readonly ScoredSentence[], model: ExtraSentenceModel): ScoredSentence | null {
  if (chosen.length === 0) return null;
  let best: ScoredSentence | null = null;
  let bestProbability = model.threshold;
  for (const candidate of extraCandidates(ranked, quoted)) {
    const p = extraProbability(model, extraSentenceRow(question, chosen, candidate));
    if (p >= bestProbability) [best, bestProbability] = [candidate, p];
  }
  return best;
}

/** Refuses a model fitted on another row than this version builds: it would add sentences at random. */
export function checkExtraSentenceModel(model: ExtraSentenceModel): void {
  if (model.features.length !== EXTRA_SENTENCE_FEATURES.length || model.features.some((name, i) => name !== EXTRA_SENTENCE_FEATURES[i]) || model.weights.length !== model.features.length) {
    throw new Error('the extra sentence model was fitted on other features than this version reads; refit it (npm run fit)');
  }
}
