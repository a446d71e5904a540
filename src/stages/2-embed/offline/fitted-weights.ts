/**
 * Weights fitted for the offline model, written by `npm run fit`
 * (src/apps/eval/fit.ts) on ../shared/eval/piaf/dev.jsonl: listwise softmax regression
 * (l2 0.001, 600 Adam steps), 5-fold
 * cross-validation by article. Refit rather than edit.
 */
import type { AbstentionCalibration, RankerWeights, SentenceWeights } from '../../../contracts/tuning.ts';

/** The learned passage ranker's weights, by feature (stages/5-retrieve/features.ts). */
export const OFFLINE_RANKER: RankerWeights = {
  "lexical": 2.5892,
  "lexicalRank": 0.699,
  "dense": 1.6218,
  "denseRank": 0,
  "paragraphCoverage": 2.1149,
  "sentenceCoverage": 1.2363,
  "titleCoverage": 3.2691,
  "pairs": 1.4666,
  "proximity": 1.2677,
  "answerType": 0.8441,
  "articleCoverage": 2.3668,
  "names": 1.4452,
  "denseSentence": 1.7623,
  "rarestInParagraph": 0,
  "rarestInArticle": 0.1378,
  "missingFromArticle": 0.5619
};

/**
 * The sentence scores' weights as fitted, by feature (stages/6-answer/score.ts).
 * Not in use yet: they choose PIAF's answer sentence better (figures below)
 * but cost smoke questions of the seed articles, which must keep passing
 * (README, "fitted"); the offline profile keeps its earlier weights until a
 * fit does both.
 */
export const FITTED_SENTENCE_WEIGHTS: SentenceWeights = {
  "sentence": 0.7832,
  "passage": 1.7883,
  "coverage": 4.6293,
  "answerType": 0.9976,
  "passageAnswerType": 0,
  "introduction": 0,
  "passageRank": 2.919
};

/**
 * The answerability's calibration as fitted (stages/6-answer/abstention.ts):
 * logistic weights, bias, and the operating point. Not in use yet: on PIAF
 * it declines more questions whose article is absent (figures below), but it
 * declines answerable smoke questions of the seed articles and answers
 * unanswerable ones of ours (README, "fitted"); the floors decide until a
 * fit does both.
 */
export const FITTED_ABSTENTION: AbstentionCalibration = {
  "weights": {
    "coverage": 0.9798,
    "sentenceCoverage": -0.1949,
    "closestScore": 1.9544,
    "topScore": 0.5425,
    "topMargin": 0.3514,
    "topParagraphCoverage": -0.596,
    "topTitleCoverage": 1.8205,
    "topArticleCoverage": -0.0634,
    "topNames": 0.1009,
    "topProximity": -0.3523,
    "topRarestInParagraph": -0.3063,
    "topRarestInArticle": 0.5666,
    "topMissingFromArticle": 0.2654
  },
  "bias": -6.5307,
  "threshold": 0.222
};

/** What these weights reached when they were fitted (hit@1: the gold paragraph, or the sentence holding the answer, ranked first). */
export const FITTED_FIGURES = {
  "questions": 1339,
  "ownQuestions": 32,
  "passageRanker": {
    "goldAmongCandidates": 0.9403,
    "crossValidatedHitAt1": 0.7207,
    "crossValidatedHitAt5": 0.873,
    "fittedOnAllHitAt1": 0.7214
  },
  "sentenceChoice": {
    "goldAmongCandidates": 0.8724,
    "crossValidatedHitAt1": 0.5368,
    "crossValidatedHitAt5": 0.7877,
    "fittedOnAllHitAt1": 0.539,
    "weightsBeforeHitAt1": 0.5069
  },
  "abstention": {
    "examples": 2722,
    "crossValidated": {
      "answered": 0.9205,
      "declinedWithoutAnswer": 0.55
    },
    "fittedOnAll": {
      "answered": 0.9205,
      "declinedWithoutAnswer": 0.5603
    }
  }
} as const;
