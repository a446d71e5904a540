/**
 * How much a sentence's score leans on its paragraph's place in the learned
 * ranker's order (the `passageRank` sentence weight), measured over a grid
 * with whole answers: the gold span in the answer on the development
 * questions, cross-validated by article (chosen on four folds, scored on the
 * fifth).
 *
 * Our news questions are the guard rail: a weight is a candidate only if
 * every figure of theirs (span, citation, answered, abstention) is at least
 * what it is with no weight at all. Encyclopaedia questions alone would
 * choose a heavier weight, and heavier weights answer our news worse
 * (README, "Evaluation"); the rule keeps the gain that costs them nothing.
 */
import { startRuntime, type PipelineSettings } from '../../pipeline/pipeline.ts';
import { evaluate, type EvalSummary } from './evaluate.ts';
import type { EvalQuestion } from './questions.ts';

const WEIGHTS = [0, 0.02, 0.05, 0.08, 0.1, 0.2, 0.3];
/** The figures of our news questions that a weight must not lower. */
const GUARDED = ['keyInAnswer', 'citationHitAt1', 'answered', 'abstentionAccuracy'] as const;
export type GuardedFigures = Pick<EvalSummary, (typeof GUARDED)[number]>;

/** Questions asked of one corpus: `settings` says which. */
export interface QuestionSet {
  name: string;
  settings: PipelineSettings;
  questions: readonly EvalQuestion[];
}

/** What each weight of the grid did: the development questions' spans found, one by one, and the guard rails' figures by set. */
export type GridRuns = Map<number, { spans: readonly boolean[]; guardRails: Record<string, GuardedFigures> }>;

export async function passageRankGrid(development: QuestionSet, guardRails: readonly QuestionSet[], folds: number, topK: number) {
  const runs: GridRuns = new Map();
  for (const weight of WEIGHTS) {
    const spans = (await answers(development, weight, topK)).outcomes.map((o) => o.keyInAnswer);
    const figures: Record<string, GuardedFigures> = {};
    for (const set of guardRails) figures[set.name] = guardedFigures(await answers(set, weight, topK));
    runs.set(weight, { spans, guardRails: figures });
  }
  const choice = chooseWeight(runs, development.questions.map((q) => q.doc ?? ''), folds);
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const rate = (found: readonly boolean[]) => round(found.filter(Boolean).length / Math.max(1, found.length));
  return {
    chosen: choice.chosen,
    figures: {
      chosen: choice.chosen,
      allowedByOurQuestions: choice.allowed,
      crossValidated: { choices: choice.foldChoices, spanInAnswer: rate(choice.heldOut) },
      spanInAnswer: Object.fromEntries([...runs].map(([weight, run]) => [weight, rate(run.spans)])),
      ourQuestions: Object.fromEntries([...runs].map(([weight, run]) => [weight, run.guardRails])),
    },
  };
}

/**
 * The weights no guard-rail figure holds against (the grid's first weight is
 * the reference), and among them the one finding the most spans: on every
 * question for `chosen`, and for each fold of whole articles on the others',
 * scored on the fold (`heldOut`, in fold order). Ties go to the earlier weight.
 */
export function chooseWeight(runs: GridRuns, docs: readonly string[], folds: number) {
  const weights = [...runs.keys()];
  const reference = runs.get(weights[0]!)!.guardRails;
  const holds = (figures: Record<string, GuardedFigures>) =>
    Object.entries(reference).every(([set, before]) => GUARDED.every((key) => figures[set]![key] >= before[key]));
  const allowed = weights.filter((weight) => holds(runs.get(weight)!.guardRails));
  const bestOn = (counted: (i: number) => boolean) => {
    const score = (weight: number) => runs.get(weight)!.spans.filter((hit, i) => counted(i) && hit).length;
    return allowed.reduce((a, b) => (score(b) > score(a) ? b : a));
  };
  const sorted = [...new Set(docs)].sort();
  const foldOf = new Map(sorted.map((doc, i) => [doc, i % folds]));
  const foldChoices: number[] = [];
  const heldOut: boolean[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (i: number) => foldOf.get(docs[i]!) === fold;
    const choice = bestOn((i) => !inFold(i));
    foldChoices.push(choice);
    heldOut.push(...runs.get(choice)!.spans.filter((_, i) => inFold(i)));
  }
  return { chosen: bestOn(() => true), allowed, foldChoices, heldOut };
}

/** Every question of a set answered with `weight` on the paragraph's rank (conversations with their history; no leave-gold-out). */
async function answers(set: QuestionSet, weight: number, topK: number): Promise<EvalSummary> {
  const answer = { ...set.settings.options?.answer, sentenceWeights: { ...set.settings.options?.answer?.sentenceWeights, passageRank: weight } };
  const { engine, pipeline } = await startRuntime({ ...set.settings, options: { ...set.settings.options, answer } }, () => {}, { buildIfMissing: false });
  const summary = await evaluate(set.questions, (question, filter, history) => engine.ask(question, { topK, filter, history }), { leaveGoldOut: false });
  await pipeline.close();
  return summary;
}

function guardedFigures(summary: EvalSummary): GuardedFigures {
  return Object.fromEntries(GUARDED.map((key) => [key, Math.round(summary[key] * 10_000) / 10_000])) as GuardedFigures;
}
