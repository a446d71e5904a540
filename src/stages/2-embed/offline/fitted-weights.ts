/**
 * Weights fitted for the offline model, written by `npm run fit`
 * (src/apps/eval/fit.ts) on ../shared/eval/piaf/dev.jsonl: listwise softmax regression
 * (l2 0.001, 600 Adam steps), 5-fold
 * cross-validation by article. Refit rather than edit.
 */
import type { AbstentionCalibration, ExtraSentenceModel, RankerWeights, SentenceWeights } from '../../../contracts/tuning.ts';

/** The learned passage ranker's weights, by feature (stages/5-retrieve/features.ts). */
export const OFFLINE_RANKER: RankerWeights = {
  "lexical": 1.9827,
  "lexicalRank": 0.4644,
  "dense": 1.1208,
  "denseRank": 0,
  "paragraphCoverage": 0,
  "sentenceCoverage": 0.1237,
  "titleCoverage": 3.106,
  "pairs": 0.5603,
  "proximity": 0.5303,
  "answerType": 0.7336,
  "articleCoverage": 1.8295,
  "names": 1.1503,
  "denseSentence": 0.9224,
  "rarestInParagraph": 0,
  "rarestInArticle": 0.3266,
  "missingFromArticle": 0.4954,
  "prefix4Coverage": 1.2104,
  "prefix5Coverage": 0.308,
  "prefix6Coverage": 1.4726,
  "gramCoverage": 2.2565,
  "sentencePrefixCoverage": 0.8996,
  "wordPairs": 4.33
};

/**
 * The sentence scores' weights in use, by feature (stages/6-answer/score.ts):
 * climbed from the hand-set ones with whole answers, for the gold span on
 * PIAF's questions, each step kept only if our news questions lose nothing
 * (apps/eval/sentence-ascent.ts; figures in sentenceAscent below).
 */
export const OFFLINE_SENTENCE_WEIGHTS: SentenceWeights = {"sentence": 0.2, "passage": 0.1, "coverage": 0.5, "answerType": 0.075, "passageAnswerType": 0.05, "introduction": 0.1, "passageRank": 0.05};

/**
 * The sentence scores' weights as fitted by softmax regression, by feature,
 * on PIAF's questions and our own. Not in use: they choose PIAF's answer
 * sentence better, but answer our news conversations and questions worse
 * (README, "fitted"); the offline profile uses the climbed ones above.
 */
export const FITTED_SENTENCE_WEIGHTS: SentenceWeights = {
  "sentence": 0.7111,
  "passage": 1.3343,
  "coverage": 4.5428,
  "answerType": 1.0348,
  "passageAnswerType": 0,
  "introduction": 0,
  "passageRank": 3.1711
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
    "coverage": 0.6503,
    "sentenceCoverage": 0.023,
    "closestScore": 1.8787,
    "topScore": 0.578,
    "topMargin": 0.3451,
    "topParagraphCoverage": -1.6204,
    "topTitleCoverage": 1.758,
    "topArticleCoverage": -0.1601,
    "topNames": 0.1323,
    "topProximity": -0.2689,
    "topRarestInParagraph": -0.2708,
    "topRarestInArticle": 0.3516,
    "topMissingFromArticle": 0.2042
  },
  "bias": -6.1443,
  "threshold": 0.2162
};

/**
 * The extra sentence's model in use (stages/6-answer/extra-sentence.ts):
 * logistic weights in its features' order, fitted on the answers all the
 * above gives, and the threshold chosen out of fold where a further
 * sentence stops buying more gold span per word than companions do
 * (apps/eval/extra-fit.ts; figures in extraSentence below).
 */
export const OFFLINE_EXTRA_SENTENCE: ExtraSentenceModel = {
  features: ["sentence","passage","coverage","answerType","passageAnswerType","introduction","passageRank","best.sentence","best.passage","best.coverage","best.answerType","best.passageAnswerType","best.introduction","best.passageRank","minusBest.sentence","minusBest.passage","minusBest.coverage","minusBest.answerType","minusBest.passageAnswerType","minusBest.introduction","minusBest.passageRank","next","previous","secondNext","secondPrevious","farOrElsewhere","takesUpBest","announcedByBest","quotesHoldAnswerType","holdsAnswerTypeQuotesLack","length","quotes","sameParagraph","asks.person","asks.number","asks.date","asks.place","asks.purpose","asks.definition","asks.statement","asks.other","asks.person.held","asks.number.held","asks.date.held","asks.place.held","asks.purpose.held","asks.definition.held","asks.statement.held","asks.other.held"],
  weights: [0.2901,0.1763,0.7942,0.1786,-0.1124,-0.0054,0.5667,-0.1266,-0.0604,-0.5958,-0.0876,-0.0822,0.0751,-0.486,0.4055,0.2328,1.3276,0.2622,-0.0323,-0.0805,1.0162,0.0709,-0.0809,-0.0374,-0.1194,-0.6909,0.0476,0,-0.1282,-0.016,-0.0423,-0.407,0.2176,-0.1548,-0.1825,-0.1307,0.1021,-0.0389,-0.0301,-0.0106,-0.4066,-0.0844,0.087,0.1369,0.0446,0.0092,0,-0.0136,0],
  bias: -1.7027,
  threshold: 0.0661,
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
  "sentenceChoice": {"goldAmongCandidates": 0.8862, "crossValidatedHitAt1": 0.5529, "crossValidatedHitAt5": 0.8053, "fittedOnAllHitAt1": 0.5558, "weightsInUseHitAt1": 0.5376},
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
    "weightsTried": 58
  },
  "coverageFloor": {
    "asks": 2722,
    "chosen": {"threshold": 0.385, "answered": 0.922, "declined": 0.4634},
    "crossValidated": {"answered": 0.9212, "declined": 0.4671},
    "curve": [
      {"threshold": 0.25, "answered": 0.9869, "declined": 0.1177},
      {"threshold": 0.3, "answered": 0.9701, "declined": 0.2383},
      {"threshold": 0.35, "answered": 0.9453, "declined": 0.3694},
      {"threshold": 0.4, "answered": 0.9125, "declined": 0.4981},
      {"threshold": 0.45, "answered": 0.8687, "declined": 0.6025},
      {"threshold": 0.5, "answered": 0.8191, "declined": 0.6847},
      {"threshold": 0.55, "answered": 0.7564, "declined": 0.7631},
      {"threshold": 0.6, "answered": 0.6922, "declined": 0.8298}
    ]
  },
  "abstention": {
    "examples": 2722,
    "crossValidated": {"answered": 0.9205, "declinedWithoutAnswer": 0.5729},
    "fittedOnAll": {"answered": 0.9205, "declinedWithoutAnswer": 0.5796}
  },
  "veto": {
    "examples": 2678,
    "floorsAlone": {"answered": 0.947, "declinedWithoutAnswer": 0.3645},
    "crossValidated": {"answered": 0.8999, "declinedWithoutAnswer": 0.6154},
    "fittedOnAll": {"answered": 0.9291, "declinedWithoutAnswer": 0.5915},
    "newsAnsweredByTheFloors": 38,
    "newsUnanswerableNowDeclined": 0
  },
  "extraSentence": {
    "examples": 25029,
    "spansAmongCandidates": 280,
    "crossValidated": {"goldSpanBefore": 0.6453, "goldSpanAfter": 0.6826, "answerWordsBefore": 59.3, "wordsAdded": 8.3, "answersGivenOne": 0.2918}
  }
} as const;
