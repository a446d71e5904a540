/**
 * The answerability veto (stages/6-answer/veto.ts) fitted: boosted trees on
 * PIAF's questions asked with their article (answerable) and without it
 * (not). Its threshold is the lowest score among our news questions that
 * the floors answer, so that it declines none of them: they are its guard
 * rail, as they are the sentence weights'. Figures cross-validated by
 * article, each fold's threshold set the same way by that fold's trees.
 */
import type { AnswerabilityVeto, VetoTree } from '../../contracts/tuning.ts';
import { VETO_FEATURES, vetoScore, type Engine } from '../../pipeline/pipeline.ts';
import { round } from '../../shared/round.ts';
import { DEFAULT_BOOSTING, fitBoostedTrees } from './boosted-trees.ts';
import { articleFolds, FOLDS } from './folds.ts';
import type { Example } from './logistic.ts';
import type { EvalQuestion } from './questions.ts';
import { roundedShare } from './share.ts';

/** A question's veto features, whether it has an answer in the articles asked, and whether the floors answer it. */
export interface VetoExample extends Example {
  floorsAnswer: boolean;
}

/** Each question asked as it is and, when it names its article and `leaveGoldOut`, again without it (not answerable), by an engine without a veto. */
export async function vetoExamples(engine: Engine, questions: readonly EvalQuestion[], topK: number, leaveGoldOut: boolean): Promise<VetoExample[]> {
  const examples: VetoExample[] = [];
  const add = async (q: EvalQuestion, label: 0 | 1, filter?: { exclude: string[] }) => {
    const { row, floorsAnswer } = await engine.vetoFeatures(q.question, { topK, filter });
    examples.push({ doc: q.doc ?? '', label, features: row, floorsAnswer });
  };
  for (const q of questions) {
    await add(q, q.expect === 'answer' ? 1 : 0);
    if (leaveGoldOut && q.doc && q.expect === 'answer') await add(q, 0, { exclude: [q.doc] });
  }
  return examples;
}

export function fitVeto(development: readonly VetoExample[], news: readonly VetoExample[]) {
  const veto = vetoFrom(fitBoostedTrees(development), news);
  const folds = articleFolds(development.map((e) => e.doc), FOLDS);
  const decided = new Array<boolean>(development.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = (e: VetoExample) => folds.get(e.doc) === fold;
    const foldVeto = vetoFrom(fitBoostedTrees(development.filter((e) => !held(e))), news);
    development.forEach((e, i) => held(e) && (decided[i] = answers(foldVeto, e)));
  }
  const figures = (answered: readonly boolean[]) => ({
    answered: roundedShare(development.flatMap((e, i) => (e.label === 1 ? [answered[i]!] : []))),
    declinedWithoutAnswer: roundedShare(development.flatMap((e, i) => (e.label === 0 ? [!answered[i]!] : []))),
  });
  return {
    veto,
    figures: {
      examples: development.length,
      floorsAlone: figures(development.map((e) => e.floorsAnswer)),
      crossValidated: figures(decided),
      fittedOnAll: figures(development.map((e) => answers(veto, e))),
      newsAnsweredByTheFloors: news.filter((e) => e.label === 1 && e.floorsAnswer).length,
      newsUnanswerableNowDeclined: news.filter((e) => e.label === 0 && e.floorsAnswer && !answers(veto, e)).length,
    },
  };
}

/** Trees with their leaves rounded for the written module, and the threshold their scores of our answered news questions set. */
function vetoFrom(fitted: readonly VetoTree[], news: readonly VetoExample[]): AnswerabilityVeto {
  const trees = fitted.map(roundedLeaves);
  const unthresholded: AnswerabilityVeto = { features: VETO_FEATURES, rate: DEFAULT_BOOSTING.rate, trees, threshold: -Infinity };
  const guarded = news.filter((e) => e.label === 1 && e.floorsAnswer).map((e) => score(unthresholded, e));
  if (guarded.length === 0) throw new Error('the veto is guarded by news questions the floors answer, and none was given');
  return { ...unthresholded, threshold: Math.min(...guarded) };
}

const score = (veto: AnswerabilityVeto, e: Example) => vetoScore(veto, e.features);
const answers = (veto: AnswerabilityVeto, e: VetoExample) => e.floorsAnswer && score(veto, e) >= veto.threshold;

function roundedLeaves(tree: VetoTree): VetoTree {
  return 'value' in tree ? { value: round(tree.value, 6) } : { ...tree, below: roundedLeaves(tree.below), above: roundedLeaves(tree.above) };
}
