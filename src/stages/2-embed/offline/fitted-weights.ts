/**
 * Weights fitted for the offline model, written by `npm run fit`
 * (src/apps/eval/fit.ts) on ../shared/eval/piaf/dev.jsonl: listwise softmax regression
 * (l2 0.001, 600 Adam steps), 5-fold
 * cross-validation by article. Refit rather than edit.
 */
import type { AbstentionCalibration, RankerWeights, SentenceWeights } from '../../../contracts/tuning.ts';

/** The learned passage ranker's weights, by feature (stages/5-retrieve/features.ts). */
export const OFFLINE_RANKER: RankerWeights = {
  "lexical": 1.6501,
  "lexicalRank": 0.3195,
  "dense": 0.4506,
  "denseRank": 0,
  "paragraphCoverage": 0,
  "sentenceCoverage": 0.2649,
  "titleCoverage": 2.9634,
  "pairs": 0.5562,
  "proximity": 0.5911,
  "answerType": 0.7179,
  "articleCoverage": 1.7037,
  "names": 0.9607,
  "denseSentence": 0.5223,
  "rarestInParagraph": 0,
  "rarestInArticle": 0.4119,
  "missingFromArticle": 0.3607,
  "prefix4Coverage": 1.4152,
  "prefix5Coverage": 0.356,
  "prefix6Coverage": 0.735,
  "gramCoverage": 1.3703,
  "sentencePrefixCoverage": 0.7631,
  "wordPairs": 3.1153,
  "wholeWords": 1.9989
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
  "sentence": 0.4084,
  "passage": 1.5052,
  "coverage": 4.1435,
  "answerType": 0.9967,
  "passageAnswerType": 0,
  "introduction": 0,
  "passageRank": 3.1115,
  "wordPairs": 1.8234
};

/**
 * The coverage floor (stages/6-answer/abstention.ts) that would answer the
 * operating point's share of answerable questions with the sentences chosen
 * today (coverageFloor below, with the curve of answered against declined).
 * Not in use: the floor set on our news questions decides (README, "Abstention").
 */
export const FITTED_MIN_COVERAGE = 0.38;

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
    "coverage": 0.7872,
    "sentenceCoverage": 0.1245,
    "closestScore": 1.9206,
    "topScore": 0.6096,
    "topMargin": 0.3485,
    "topParagraphCoverage": -1.3952,
    "topTitleCoverage": 1.8148,
    "topArticleCoverage": 0.0286,
    "topNames": 0.1124,
    "topProximity": -0.4032,
    "topRarestInParagraph": -0.2506,
    "topRarestInArticle": 0.2717,
    "topMissingFromArticle": 0.1836
  },
  "bias": -6.7503,
  "threshold": 0.2152
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
  "passageRanker": {"goldAmongCandidates": 0.9403, "crossValidatedHitAt1": 0.7506, "crossValidatedHitAt5": 0.8902, "fittedOnAllHitAt1": 0.7498, "crossValidatedHitAt1WithoutWordForms": 0.7461},
  "sentenceChoice": {"goldAmongCandidates": 0.8899, "crossValidatedHitAt1": 0.5638, "crossValidatedHitAt5": 0.8111, "fittedOnAllHitAt1": 0.5638, "weightsInUseHitAt1": 0.5412},
  "sentenceAscent": {
    "steps": ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
    "crossValidated": {
      "spanInAnswer": 0.6512,
      "stepsPerFold": [
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"],
        ["passageRank 0 → 0.05", "answerType 0.15 → 0.075"]
      ]
    },
    "spanInAnswer": {"handSet": 0.6199, "fitted": 0.6512},
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
    "chosen": {"threshold": 0.38, "answered": 0.9249, "declined": 0.4567},
    "crossValidated": {"answered": 0.9198, "declined": 0.4678},
    "curve": [
      {"threshold": 0.25, "answered": 0.9825, "declined": 0.1221},
      {"threshold": 0.3, "answered": 0.9679, "declined": 0.2539},
      {"threshold": 0.35, "answered": 0.9446, "declined": 0.3797},
      {"threshold": 0.4, "answered": 0.9125, "declined": 0.5033},
      {"threshold": 0.45, "answered": 0.8694, "declined": 0.6084},
      {"threshold": 0.5, "answered": 0.8191, "declined": 0.6862},
      {"threshold": 0.55, "answered": 0.7549, "declined": 0.7668},
      {"threshold": 0.6, "answered": 0.6922, "declined": 0.8305}
    ]
  },
  "abstention": {
    "examples": 2722,
    "crossValidated": {"answered": 0.9205, "declinedWithoutAnswer": 0.5751},
    "fittedOnAll": {"answered": 0.9205, "declinedWithoutAnswer": 0.5833}
  },
  "veto": {
    "examples": 2678,
    "floorsAlone": {"answered": 0.9462, "declinedWithoutAnswer": 0.3749},
    "crossValidated": {"answered": 0.9178, "declinedWithoutAnswer": 0.5825},
    "fittedOnAll": {"answered": 0.9201, "declinedWithoutAnswer": 0.6512},
    "newsAnsweredByTheFloors": 38,
    "newsUnanswerableNowDeclined": 0
  },
  "extraSentence": {
    "examples": 24722,
    "spansAmongCandidates": 281,
    "rounds": 50,
    "crossValidated": {"goldSpanBefore": 0.6423, "goldSpanAfter": 0.7207, "answerWordsBefore": 59.1, "wordsAdded": 20.1, "answersGivenSome": 0.4562, "sentencesAdded": 0.7394},
    "byPicks": [
      {"picks": 1, "value": 0.0249, "goldSpanAfter": 0.6945, "wordsAdded": 11.4},
      {"picks": 2, "value": 0.0281, "goldSpanAfter": 0.7125, "wordsAdded": 17.6},
      {"picks": 3, "value": 0.0302, "goldSpanAfter": 0.7207, "wordsAdded": 20.1}
    ],
    "byRounds": [
      {"rounds": 25, "picks": 2, "value": 0.0286, "goldSpanAfter": 0.7117, "wordsAdded": 17},
      {"rounds": 50, "picks": 3, "value": 0.0302, "goldSpanAfter": 0.7207, "wordsAdded": 20.1},
      {"rounds": 100, "picks": 3, "value": 0.0272, "goldSpanAfter": 0.7102, "wordsAdded": 17},
      {"rounds": 200, "picks": 3, "value": 0.0255, "goldSpanAfter": 0.7237, "wordsAdded": 23.3}
    ]
  }
} as const;
