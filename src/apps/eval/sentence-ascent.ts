/**
 * The sentence scores' weights (stages/6-answer/score.ts) fitted by
 * coordinate ascent with whole answers: from the hand-set weights, each
 * round tries every weight halved, doubled, dropped (or, at 0, switched on)
 * and takes the step that puts the gold span in the most answers to the
 * development questions; cross-validated by article (the path climbed on
 * four folds, scored on the fifth).
 *
 * Whole answers rather than the sentence ranked first: the weights also
 * decide which sentences join the best one and, through the best sentence's
 * paragraph, whether to answer at all.
 *
 * Our news questions are the guard rail: a step is taken only if every
 * figure of theirs (span, citation, answered, abstention) stays at least
 * what the hand-set weights reach. Encyclopaedia questions alone climb
 * towards weights that answer our news worse (README, "Evaluation").
 */
import { SENTENCE_FEATURES, type PipelineSettings } from '../../pipeline/pipeline.ts';
import type { SentenceWeights } from '../../contracts/tuning.ts';
import { evaluate, type EvalSummary } from './evaluate.ts';
import { articleFolds } from './folds.ts';
import type { EvalQuestion } from './questions.ts';
import { withEngine } from './runs.ts';
import { roundedShare } from './share.ts';
import { round } from '../../shared/round.ts';

/** What a step multiplies one weight by (0 drops the feature). */
const FACTORS = [0, 0.5, 2];
/** What a weight at 0 may be switched on to: a tenth and a twentieth of the largest hand-set weight, 0.5. */
const SWITCH_ON = [0.025, 0.05];
/** Rounds at most: each costs every step's answers once. */
const MAX_ROUNDS = 3;
/** A step must add this share of the counted questions' spans: below two in a thousand, a gain is noise. */
const MIN_GAIN_SHARE = 0.002;
/** The figures of our news questions that a step must not lower. */
const GUARDED = ['keyInAnswer', 'citationHitAt1', 'answered', 'abstentionAccuracy'] as const;
export type GuardedFigures = Pick<EvalSummary, (typeof GUARDED)[number]>;

/** Questions asked of one corpus: `settings` says which. */
export interface QuestionSet {
  name: string;
  settings: PipelineSettings;
  questions: readonly EvalQuestion[];
}

/** What one set of weights did: the development questions' spans found, one by one, and the guard rails' figures by set. */
export interface WeightsRun {
  spans: readonly boolean[];
  guardRails: Record<string, GuardedFigures>;
}

export type RunWeights = (weights: SentenceWeights) => Promise<WeightsRun>;

export async function sentenceAscent(start: SentenceWeights, development: QuestionSet, guardRails: readonly QuestionSet[], folds: number, topK: number) {
  const memo = new Map<string, Promise<WeightsRun>>();
  const run: RunWeights = (weights) => {
    const key = JSON.stringify(SENTENCE_FEATURES.map((name) => weights[name]));
    if (!memo.has(key)) memo.set(key, answerAll(weights, development, guardRails, topK));
    return memo.get(key)!;
  };
  const docs = development.questions.map((q) => q.doc ?? '');
  const cv = await crossValidatedAscent(start, run, docs, folds);
  const fitted = await ascend(start, run, () => true);
  const [before, after] = [await run(start), await run(fitted.weights)];
  return {
    weights: fitted.weights,
    figures: {
      steps: fitted.steps,
      crossValidated: { spanInAnswer: roundedShare(cv.heldOut), stepsPerFold: cv.steps },
      spanInAnswer: { handSet: roundedShare(before.spans), fitted: roundedShare(after.spans) },
      ourQuestions: { handSet: before.guardRails, fitted: after.guardRails },
      weightsTried: memo.size,
    },
  };
}

/**
 * Steepest ascent from `start` on the spans of the questions `counted`
 * holds, each step kept only when no guard-rail figure falls below
 * `start`'s; the weights reached and the steps that reached them.
 */
export async function ascend(start: SentenceWeights, run: RunWeights, counted: (question: number) => boolean) {
  const first = await run(start);
  const score = (r: WeightsRun) => r.spans.filter((hit, i) => hit && counted(i)).length;
  const minGain = Math.max(1, Math.ceil(MIN_GAIN_SHARE * first.spans.filter((_, i) => counted(i)).length));
  let weights = start;
  let current = score(first);
  const steps: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let best: { weights: SentenceWeights; score: number; step: string } | null = null;
    for (const { weights: next, step } of neighbours(weights)) {
      const result = await run(next);
      if (!holds(result.guardRails, first.guardRails)) continue;
      const s = score(result);
      if (s >= current + minGain && (!best || s > best.score)) best = { weights: next, score: s, step };
    }
    if (!best) break;
    ({ weights, score: current } = best);
    steps.push(best.step);
  }
  return { weights, steps };
}

/** Each fold scored with the weights climbed on the others' questions (`docs`: each question's article). */
export async function crossValidatedAscent(start: SentenceWeights, run: RunWeights, docs: readonly string[], folds: number) {
  const foldOf = articleFolds(docs, folds);
  const heldOut: boolean[] = [];
  const steps: string[][] = [];
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (i: number) => foldOf.get(docs[i]!) === fold;
    const climbed = await ascend(start, run, (i) => !inFold(i));
    steps.push(climbed.steps);
    heldOut.push(...(await run(climbed.weights)).spans.filter((_, i) => inFold(i)));
  }
  return { heldOut, steps };
}

/** Every weight moved alone: halved, doubled or dropped; switched on when at 0. */
function neighbours(weights: SentenceWeights): { weights: SentenceWeights; step: string }[] {
  return SENTENCE_FEATURES.flatMap((name) => {
    const now = weights[name];
    const values = now === 0 ? SWITCH_ON : FACTORS.map((factor) => round(now * factor));
    return values.map((value) => ({ weights: { ...weights, [name]: value }, step: `${name} ${now} → ${value}` }));
  });
}

function holds(figures: Record<string, GuardedFigures>, reference: Record<string, GuardedFigures>): boolean {
  return Object.entries(reference).every(([set, before]) => GUARDED.every((key) => figures[set]![key] >= before[key]));
}

/** The development questions and every guard-rail set answered with `weights` (conversations with their history; no leave-gold-out). */
async function answerAll(weights: SentenceWeights, development: QuestionSet, guardRails: readonly QuestionSet[], topK: number): Promise<WeightsRun> {
  const spans = (await answers(development, weights, topK)).outcomes.map((o) => o.keyInAnswer);
  const figures: Record<string, GuardedFigures> = {};
  for (const set of guardRails) {
    const summary = await answers(set, weights, topK);
    figures[set.name] = Object.fromEntries(GUARDED.map((key) => [key, round(summary[key])])) as GuardedFigures;
  }
  return { spans, guardRails: figures };
}

async function answers(set: QuestionSet, sentenceWeights: SentenceWeights, topK: number): Promise<EvalSummary> {
  const answer = { ...set.settings.options?.answer, sentenceWeights };
  return withEngine({ ...set.settings, options: { ...set.settings.options, answer } }, (engine) =>
    evaluate(set.questions, (question, filter, history) => engine.ask(question, { topK, filter, history }), { leaveGoldOut: false }),
  );
}
