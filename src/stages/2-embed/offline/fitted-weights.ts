/**
 * Weights fitted for the offline model, written by `npm run fit`
 * (src/apps/eval/fit.ts) on ../shared/eval/piaf/dev.jsonl: listwise softmax regression
 * (l2 0.001, 600 Adam steps), 5-fold
 * cross-validation by article. Refit rather than edit.
 */
import type { AbstentionCalibration, RankerWeights, SentenceWeights } from '../../../contracts/tuning.ts';

/** The learned passage ranker's weights, by feature (stages/5-retrieve/features.ts). */
export const OFFLINE_RANKER: RankerWeights = {
  "lexical": 1.9826,
  "lexicalRank": 0.4644,
  "dense": 1.1209,
  "denseRank": 0,
  "paragraphCoverage": 0,
  "sentenceCoverage": 0.1237,
  "titleCoverage": 3.1068,
  "pairs": 0.5603,
  "proximity": 0.5303,
  "answerType": 0.7336,
  "articleCoverage": 1.8295,
  "names": 1.1503,
  "denseSentence": 0.9226,
  "rarestInParagraph": 0,
  "rarestInArticle": 0.3264,
  "missingFromArticle": 0.4953,
  "prefix4Coverage": 1.2105,
  "prefix5Coverage": 0.3082,
  "prefix6Coverage": 1.4725,
  "gramCoverage": 2.2563,
  "sentencePrefixCoverage": 0.8995,
  "wordPairs": 4.3297
};

/**
 * The sentence scores' weights in use, by feature (stages/6-answer/score.ts):
 * climbed from the hand-set ones with whole answers, for the gold span on
 * PIAF's questions, each step kept only if our news questions lose nothing
 * (apps/eval/sentence-ascent.ts; figures in sentenceAscent below).
 */
export const OFFLINE_SENTENCE_WEIGHTS: SentenceWeights = {"sentence": 0.2, "passage": 0.1, "coverage": 0.5, "answerType": 0.075, "passageAnswerType": 0.05, "introduction": 0.1, "passageRank": 0.05, "wordPairs": 0};

/**
 * The sentence scores' weights as fitted by softmax regression, by feature,
 * on PIAF's questions and our own. Not in use: they choose PIAF's answer
 * sentence better, but answer our news conversations and questions worse
 * (README, "fitted"); the offline profile uses the climbed ones above.
 */
export const FITTED_SENTENCE_WEIGHTS: SentenceWeights = {
  "sentence": 0.3325,
  "passage": 1.4236,
  "coverage": 4.1389,
  "answerType": 1.04,
  "passageAnswerType": 0,
  "introduction": 0,
  "passageRank": 3.0982,
  "wordPairs": 1.9629
};

/**
 * The coverage floor (stages/6-answer/abstention.ts) that would answer the
 * operating point's share of answerable questions with the sentences chosen
 * today (coverageFloor below, with the curve of answered against declined).
 * Not in use: the floor set on our news questions decides (README, "Abstention").
 */
export const FITTED_MIN_COVERAGE = 0.385;

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
    "coverage": 0.6502,
    "sentenceCoverage": 0.023,
    "closestScore": 1.8786,
    "topScore": 0.578,
    "topMargin": 0.3451,
    "topParagraphCoverage": -1.6205,
    "topTitleCoverage": 1.7576,
    "topArticleCoverage": -0.1602,
    "topNames": 0.1323,
    "topProximity": -0.269,
    "topRarestInParagraph": -0.2707,
    "topRarestInArticle": 0.3518,
    "topMissingFromArticle": 0.2043
  },
  "bias": -6.1444,
  "threshold": 0.2162
};

/** What these weights reached when they were fitted (hit@1: the gold paragraph, or the sentence holding the answer, ranked first). */
export const FITTED_FIGURES = {
  "questions": 1339,
  "ownQuestions": 32,
  "bm25": {
    "inUse": {"k1": 1.2, "b": 0.75, "lexicalHitAt1": 0.6945},
    "crossValidated": {
      "choices": ["0.9/0.9", "0.9/0.9", "0.9/0.9", "0.9/0.9", "0.9/0.9"],
      "lexicalHitAt1": 0.696
    },
    "grid": {"0.6/0.3": 0.6916, "0.6/0.5": 0.6908, "0.6/0.75": 0.6923, "0.6/0.9": 0.6901, "0.9/0.3": 0.6878, "0.9/0.5": 0.6908, "0.9/0.75": 0.6938, "0.9/0.9": 0.696, "1.2/0.3": 0.6878, "1.2/0.5": 0.6923, "1.2/0.75": 0.6945, "1.2/0.9": 0.6945, "1.5/0.3": 0.6871, "1.5/0.5": 0.6908, "1.5/0.75": 0.6923, "1.5/0.9": 0.6931, "1.8/0.3": 0.6819, "1.8/0.5": 0.6841, "1.8/0.75": 0.6901, "1.8/0.9": 0.6908, "2.4/0.3": 0.6706, "2.4/0.5": 0.6751, "2.4/0.75": 0.6841, "2.4/0.9": 0.6841}
  },
  "passageRanker": {"goldAmongCandidates": 0.9403, "crossValidatedHitAt1": 0.7431, "crossValidatedHitAt5": 0.8887, "fittedOnAllHitAt1": 0.7453, "crossValidatedHitAt1WithoutWordForms": 0.7296},
  "sentenceChoice": {"goldAmongCandidates": 0.8862, "crossValidatedHitAt1": 0.5602, "crossValidatedHitAt5": 0.8038, "fittedOnAllHitAt1": 0.5594, "weightsInUseHitAt1": 0.5376},
  "sentenceAscent": {
    "steps": ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
    "crossValidated": {
      "spanInAnswer": 0.6527,
      "stepsPerFold": [
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"]
      ]
    },
    "spanInAnswer": {"handSet": 0.6206, "fitted": 0.6527},
    "ourQuestions": {
      "handSet": {
        "own": {"keyInAnswer": 0.8438, "citationHitAt1": 0.875, "answered": 0.875, "abstentionAccuracy": 0.9167},
        "seed": {"keyInAnswer": 0.9, "citationHitAt1": 1, "answered": 1, "abstentionAccuracy": 1},
        "conversations": {"keyInAnswer": 0.8519, "citationHitAt1": 0.8519, "answered": 0.963, "abstentionAccuracy": 0.875}
      },
      "fitted": {
        "own": {"keyInAnswer": 0.8438, "citationHitAt1": 0.875, "answered": 0.875, "abstentionAccuracy": 0.9167},
        "seed": {"keyInAnswer": 0.9, "citationHitAt1": 1, "answered": 1, "abstentionAccuracy": 1},
        "conversations": {"keyInAnswer": 0.8519, "citationHitAt1": 0.8519, "answered": 0.963, "abstentionAccuracy": 0.875}
      }
    },
    "weightsTried": 64
  },
  "coverageFloor": {
    "asks": 2722,
    "chosen": {"threshold": 0.385, "answered": 0.9227, "declined": 0.4611},
    "crossValidated": {"answered": 0.9205, "declined": 0.4671},
    "curve": [
      {"threshold": 0.25, "answered": 0.9876, "declined": 0.1088},
      {"threshold": 0.3, "answered": 0.9708, "declined": 0.2302},
      {"threshold": 0.35, "answered": 0.946, "declined": 0.3657},
      {"threshold": 0.4, "answered": 0.9132, "declined": 0.4959},
      {"threshold": 0.45, "answered": 0.8694, "declined": 0.601},
      {"threshold": 0.5, "answered": 0.8198, "declined": 0.6832},
      {"threshold": 0.55, "answered": 0.7571, "declined": 0.7617},
      {"threshold": 0.6, "answered": 0.6929, "declined": 0.8283}
    ]
  },
  "abstention": {
    "examples": 2722,
    "crossValidated": {"answered": 0.9205, "declinedWithoutAnswer": 0.5729},
    "fittedOnAll": {"answered": 0.9205, "declinedWithoutAnswer": 0.5796}
  },
  "veto": {
    "examples": 2678,
    "floorsAlone": {"answered": 0.9477, "declinedWithoutAnswer": 0.3607},
    "crossValidated": {"answered": 0.8999, "declinedWithoutAnswer": 0.6146},
    "fittedOnAll": {"answered": 0.9298, "declinedWithoutAnswer": 0.5892},
    "newsAnsweredByTheFloors": 38,
    "newsUnanswerableNowDeclined": 0
  },
  "extraSentence": {
    "examples": 25049,
    "spansAmongCandidates": 280,
    "rounds": 50,
    "crossValidated": {"goldSpanBefore": 0.6453, "goldSpanAfter": 0.7229, "answerWordsBefore": 59.3, "wordsAdded": 19.5, "answersGivenSome": 0.4466, "sentencesAdded": 0.7261},
    "byPicks": [
      {"picks": 1, "value": 0.0271, "goldSpanAfter": 0.7005, "wordsAdded": 11.8},
      {"picks": 2, "value": 0.0296, "goldSpanAfter": 0.7132, "wordsAdded": 16},
      {"picks": 3, "value": 0.0308, "goldSpanAfter": 0.7229, "wordsAdded": 19.5}
    ],
    "byRounds": [
      {"rounds": 25, "picks": 3, "value": 0.03, "goldSpanAfter": 0.7222, "wordsAdded": 19.5},
      {"rounds": 50, "picks": 3, "value": 0.0308, "goldSpanAfter": 0.7229, "wordsAdded": 19.5},
      {"rounds": 100, "picks": 1, "value": 0.026, "goldSpanAfter": 0.6975, "wordsAdded": 11},
      {"rounds": 200, "picks": 3, "value": 0.0248, "goldSpanAfter": 0.7102, "wordsAdded": 16.8}
    ]
  }
} as const;
