/**
 * The answerability veto (stages/6-answer/veto.ts) fitted: boosted trees on
 * PIAF's questions asked with their article (answerable) and without it
 * (not). Its threshold is at most the lowest score among our news
 * questions that the floors answer, so that it declines none of them (they
 * are its guard rail, as they are the sentence weights'), and at most the
 * score that answers the operating point's share of PIAF's. Figures
 * cross-validated by article, each fold's threshold set the same way by
 * that fold's trees and questions.
 */
import type { AnswerabilityVeto, BoostedTree } from '../../contracts/tuning.ts';
import { VETO_FEATURES, vetoScore, type Engine } from '../../pipeline/pipeline.ts';
import { DEFAULT_BOOSTING, fitBoostedTrees, roundedLeaves } from './boosted-trees.ts';
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

/** `answeredShare`: of the development questions with an answer, the share the veto must leave answered at least. */
export function fitVeto(development: readonly VetoExample[], news: readonly VetoExample[], answeredShare: number) {
  const veto = vetoFrom(fitBoostedTrees(development), { development, news, answeredShare });
  const folds = articleFolds(development.map((e) => e.doc), FOLDS);
  const decided = new Array<boolean>(development.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = (e: VetoExample) => folds.get(e.doc) === fold;
    const training = development.filter((e) => !held(e));
    const foldVeto = vetoFrom(fitBoostedTrees(training), { development: training, news, answeredShare });
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

/**
 * Trees with their leaves rounded for the written module, and their
 * threshold: the highest that declines none of our answered news questions
 * and still answers `answeredShare` of the development questions with an
 * answer (the operating point, chosen on them).
 */
function vetoFrom(fitted: readonly BoostedTree[], { development, news, answeredShare }: { development: readonly VetoExample[]; news: readonly VetoExample[]; answeredShare: number }): AnswerabilityVeto {
  const trees = fitted.map(roundedLeaves);
  const unthresholded: AnswerabilityVeto = { features: VETO_FEATURES, rate: DEFAULT_BOOSTING.rate, trees, threshold: -Infinity };
  const scoresOf = (examples: readonly VetoExample[]) => examples.filter((e) => e.label === 1 && e.floorsAnswer).map((e) => score(unthresholded, e));
  const guarded = scoresOf(news);
  if (guarded.length === 0) throw new Error('the veto is guarded by news questions the floors answer, and none was given');
  const answerable = development.filter((e) => e.label === 1).length;
  const best = scoresOf(development).sort((a, b) => b - a);
  const needed = Math.round(answeredShare * answerable);
  const sharing = needed > best.length ? -Infinity : (best[needed - 1] ?? Infinity);
  return { ...unthresholded, threshold: Math.min(...guarded, sharing) };
}

const score = (veto: AnswerabilityVeto, e: Example) => vetoScore(veto, e.features);
const answers = (veto: AnswerabilityVeto, e: VetoExample) => e.floorsAnswer && score(veto, e) >= veto.threshold;

