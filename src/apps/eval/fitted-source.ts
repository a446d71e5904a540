/** The TypeScript module `npm run fit` writes: the fitted weights, and the figures they reached. */
import type { AnswerabilityVeto, BoostedTrees, ExtraSentenceModel } from '../../contracts/tuning.ts';
import { FOLDS } from './folds.ts';
import { DEFAULT_FIT } from './softmax.ts';

export function fittedSource(questions: string, weights: { ranker: object; sentencesInUse: object; sentences: object; minCoverage: number; abstention: object }, figures: object): string {
  return `/**
 * Weights fitted for the offline model, written by \`npm run fit\`
 * (src/apps/eval/fit.ts) on ${questions}: listwise softmax regression
 * (l2 ${DEFAULT_FIT.l2}, ${DEFAULT_FIT.iterations} Adam steps), ${FOLDS}-fold
 * cross-validation by article. Refit rather than edit.
 */
import type { AbstentionCalibration, RankerWeights, SentenceWeights } from '../../../contracts/tuning.ts';

/** The learned passage ranker's weights, by feature (stages/5-retrieve/features.ts). */
export const OFFLINE_RANKER: RankerWeights = ${JSON.stringify(weights.ranker, null, 2)};

/**
 * The sentence scores' weights in use, by feature (stages/6-answer/score.ts):
 * climbed from the hand-set ones with whole answers, for the gold span on
 * PIAF's questions, each step kept only if our news questions lose nothing
 * (apps/eval/sentence-ascent.ts; figures in sentenceAscent below).
 */
export const OFFLINE_SENTENCE_WEIGHTS: SentenceWeights = ${compactJson(weights.sentencesInUse)};

/**
 * The sentence scores' weights as fitted by softmax regression, by feature,
 * on PIAF's questions and our own. Not in use: they choose PIAF's answer
 * sentence better, but answer our news conversations and questions worse
 * (README, "fitted"); the offline profile uses the climbed ones above.
 */
export const FITTED_SENTENCE_WEIGHTS: SentenceWeights = ${JSON.stringify(weights.sentences, null, 2)};

/**
 * The coverage floor (stages/6-answer/abstention.ts) that would answer the
 * operating point's share of answerable questions with the sentences chosen
 * today (coverageFloor below, with the curve of answered against declined).
 * Not in use: the floor set on our news questions decides (README, "Abstention").
 */
export const FITTED_MIN_COVERAGE = ${weights.minCoverage};

/**
 * The answerability's calibration as fitted (stages/6-answer/abstention.ts):
 * logistic weights, bias, and the operating point. Not in use yet: on PIAF
 * it declines more questions whose article is absent (figures below), but it
 * declines answerable smoke questions of the seed articles and answers
 * unanswerable ones of ours (README, "fitted"); the floors decide until a
 * fit does both.
 */
export const FITTED_ABSTENTION: AbstentionCalibration = ${JSON.stringify(weights.abstention, null, 2)};

/** What these weights reached when they were fitted (hit@1: the gold paragraph, or the sentence holding the answer, ranked first). */
export const FITTED_FIGURES = ${compactJson(figures)} as const;
`;
}

/** The module holding the answerability veto `npm run fit` fitted. */
export function fittedVetoSource(questions: string, veto: AnswerabilityVeto): string {
  const about = `The answerability veto in use for the offline model (stages/6-answer/veto.ts),
 * written by \`npm run fit\` (src/apps/eval/veto-fit.ts) on ${questions}:
 * boosted trees on its questions asked with and without their article, the
 * threshold the lowest score of our news questions the floors answer, or lower
 * to answer the operating point's share of those questions (figures: \`veto\`
 * in fitted-weights.ts). Refit rather than edit.`;
  return treesModule(about, 'AnswerabilityVeto', 'FITTED_VETO', veto, { features: veto.features, rate: veto.rate, threshold: veto.threshold });
}

/** The module holding the extra sentences' model `npm run fit` fitted. */
export function fittedExtraSentenceSource(questions: string, model: ExtraSentenceModel): string {
  const about = `The extra sentences' model in use for the offline model
 * (stages/6-answer/extra-sentence.ts), written by \`npm run fit\`
 * (src/apps/eval/extra-fit.ts) on ${questions}:
 * boosted trees fitted on the answers all the other fitted weights give; the
 * rounds, the threshold and the most sentences an answer takes chosen out of
 * fold, where a further sentence stops buying more gold span per word than
 * companions do (figures: \`extraSentence\` in fitted-weights.ts). Refit
 * rather than edit.`;
  return treesModule(about, 'ExtraSentenceModel', 'OFFLINE_EXTRA_SENTENCE', model, { features: model.features, rate: model.rate, threshold: model.threshold, picks: model.picks });
}

/** A module exporting one boosted model: its other fields a line each, then one tree a line (a refit's diff stays readable). */
function treesModule(about: string, type: string, name: string, model: BoostedTrees, fields: Record<string, unknown>): string {
  return `/**
 * ${about}
 */
import type { ${type} } from '../../../contracts/tuning.ts';

export const ${name}: ${type} = {
${Object.entries(fields)
  .map(([key, value]) => `  ${key}: ${JSON.stringify(value)},`)
  .join('\n')}
  trees: [
${model.trees.map((tree) => `    ${JSON.stringify(tree)},`).join('\n')}
  ],
};
`;
}

/** JSON indented as JSON.stringify(value, null, 2) does, but each object or array holding no object or array on one line: the figures stay readable and short. */
export function compactJson(value: unknown, indent = ''): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries: [string | null, unknown][] = Array.isArray(value) ? value.map((item) => [null, item]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const flat = entries.every(([, item]) => typeof item !== 'object' || item === null);
  const inner = indent + '  ';
  const entry = ([key, item]: [string | null, unknown], at: string) => `${key === null ? '' : `${JSON.stringify(key)}: `}${compactJson(item, at)}`;
  if (flat) return `${open}${entries.map((e) => entry(e, inner)).join(', ')}${close}`;
  return `${open}\n${entries.map((e) => inner + entry(e, inner)).join(',\n')}\n${indent}${close}`;
}
