/**
 * Whether to answer at all: the one place that decides (README,
 * "Abstention").
 *
 * With a calibration fitted for the model (npm run fit), the decision is a
 * probability: a logistic model over the evidence below, fitted on
 * questions asked with their article present (answerable) and absent
 * (not), answers from the threshold chosen on that data.
 *
 * Without one, fixed floors decide: the paragraph of the best sentence,
 * read with its article's title and section heading, must contain enough
 * of the question's weighted terms, and the closest paragraph must be close
 * enough to the question for the model in use.
 *
 * What the floors answer, a veto fitted for the model (veto.ts) may still
 * decline.
 *
 * Either way, a question in another language than the corpus's, which
 * shares only names, numbers and cognates with it, must also be answered by
 * a quote holding the kind of answer asked for.
 */
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import type { RetrievalMode, RetrievedPassage } from '../../contracts/retrieval.ts';
import type { AbstentionCalibration, AnswerabilityVeto } from '../../contracts/tuning.ts';
import { logistic } from '../../shared/logistic.ts';
import { FEATURES } from '../5-retrieve/features.ts';

export interface AbstentionOptions {
  /** Share of the question's term weight the best sentence's paragraph must hold (without a calibration). */
  minCoverage: number;
  /** The cosine under which the closest paragraph is too far from the question (a model's scale: the model suggests it). */
  minParagraphScore: number;
  /** A fitted answerability; null: the floors above decide. */
  calibration: AbstentionCalibration | null;
  /** Boosted trees that may still decline what the floors answer (veto.ts); null: the floors alone decide. */
  veto: AnswerabilityVeto | null;
}

/** The figures the decision is taken on; returned with every answer so a user can see why. */
export interface AbstentionEvidence {
  coverage: number;
  closestScore: number;
  inCorpusLanguage: boolean;
  /** The probability that the articles hold an answer, when a calibration or a veto is in use: theirs. */
  answerability?: number;
}

export interface AbstentionInput {
  question: AnalyzedQuestion;
  mode: RetrievalMode;
  passages: readonly RetrievedPassage[];
  /** Of the question's stems, those the paragraphs it may be answered from hold (RetrievalContext), when the veto reads them. */
  heldStems?: ReadonlySet<string>;
  /** The best sentence's own share of the question's terms; null when no sentence could be scored. */
  bestSentenceCoverage: number | null;
  evidence: AbstentionEvidence;
  /** Whether some chosen quote holds the kind of answer asked for. */
  quoteHoldsAnswerType: boolean;
  /** The veto's log-odds of an answer, when a veto is in use (veto.ts). */
  vetoScore?: number;
}

/** What the calibration weighs, in its feature row's order. */
export const ABSTENTION_FEATURES = [
  'coverage',
  'sentenceCoverage',
  'closestScore',
  'topScore',
  'topMargin',
  'topParagraphCoverage',
  'topTitleCoverage',
  'topArticleCoverage',
  'topNames',
  'topProximity',
  'topRarestInParagraph',
  'topRarestInArticle',
  'topMissingFromArticle',
] as const;

export function abstentionFeatures(input: AbstentionInput): Float64Array {
  const [top, second] = input.passages;
  const feature = (name: (typeof FEATURES)[number]) => top?.ranking?.features[FEATURES.indexOf(name)] ?? 0;
  const topScore = top?.ranking?.score ?? 0;
  return Float64Array.of(
    input.evidence.coverage,
    input.bestSentenceCoverage ?? 0,
    input.evidence.closestScore,
    topScore,
    second?.ranking ? topScore - second.ranking.score : topScore,
    feature('paragraphCoverage'),
    feature('titleCoverage'),
    feature('articleCoverage'),
    feature('names'),
    feature('proximity'),
    feature('rarestInParagraph'),
    feature('rarestInArticle'),
    feature('missingFromArticle'),
  );
}

/** The calibrated probability of an answer, or null without a calibration or ranked passages to read it from. */
export function answerability(input: AbstentionInput, calibration: AbstentionCalibration | null): number | null {
  if (!calibration || !input.passages[0]?.ranking) return null;
  const x = abstentionFeatures(input);
  const z = ABSTENTION_FEATURES.reduce((sum, name, i) => sum + (calibration.weights[name] ?? 0) * x[i]!, calibration.bias);
  return logistic(z);
}

export function shouldAnswer(input: AbstentionInput, options: AbstentionOptions): boolean {
  const { question, mode, evidence } = input;
  if (input.bestSentenceCoverage === null) return false;
  // Across languages only names, numbers and cognates match, so the quote must also hold the kind of answer asked for.
  const corroborated = question.inCorpusLanguage || (question.answerType !== 'other' && input.quoteHoldsAnswerType);
  if (!corroborated) return false;
  if (evidence.answerability !== undefined && options.calibration) return evidence.answerability >= options.calibration.threshold;
  // Lexical retrieval has no cosine to judge by.
  const closeEnough = mode === 'lexical' || evidence.closestScore >= options.minParagraphScore;
  if (!(evidence.coverage >= options.minCoverage && closeEnough)) return false;
  // The floors say yes; a veto fitted on questions asked without their article may still say no.
  return options.veto === null || input.vetoScore === undefined || input.vetoScore >= options.veto.threshold;
}
