/**
 * Weights fitted for the offline model, written by `npm run fit`
 * (src/apps/eval/fit.ts) on ../shared/eval/piaf/dev.jsonl: listwise softmax regression
 * (l2 0.001, 600 Adam steps), 5-fold
 * cross-validation by article. Refit rather than edit.
 */
import type { AbstentionCalibration, ExtraSentenceModel, RankerWeights, SentenceWeights } from '../../../contracts/tuning.ts';

/** The learned passage ranker's weights, by feature (stages/5-retrieve/features.ts). */
export const OFFLINE_RANKER: RankerWeights = {
  "lexical": 1.9952,
  "lexicalRank": 0.4693,
  "dense": 1.4203,
  "denseRank": 0,
  "paragraphCoverage": 0,
  "sentenceCoverage": 0.1591,
  "titleCoverage": 3.2461,
  "pairs": 1.1667,
  "proximity": 0.5873,
  "answerType": 0.7974,
  "articleCoverage": 1.8409,
  "names": 1.2515,
  "denseSentence": 1.2752,
  "rarestInParagraph": 0,
  "rarestInArticle": 0.2737,
  "missingFromArticle": 0.5711,
  "prefix4Coverage": 1.1839,
  "prefix5Coverage": 0.3273,
  "prefix6Coverage": 1.6489,
  "gramCoverage": 2.5946,
  "sentencePrefixCoverage": 1.0362
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
  "sentence": 0.7485,
  "passage": 1.5163,
  "coverage": 4.6209,
  "answerType": 1.0233,
  "passageAnswerType": 0,
  "introduction": 0,
  "passageRank": 2.9555
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
    "coverage": 0.4752,
    "sentenceCoverage": -0.0355,
    "closestScore": 1.7556,
    "topScore": 0.6589,
    "topMargin": 0.3381,
    "topParagraphCoverage": -1.7521,
    "topTitleCoverage": 1.5927,
    "topArticleCoverage": -0.3961,
    "topNames": 0.0186,
    "topProximity": -0.4266,
    "topRarestInParagraph": -0.5025,
    "topRarestInArticle": 0.5889,
    "topMissingFromArticle": 0.2871
  },
  "bias": -6.5799,
  "threshold": 0.2233
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
  weights: [0.2725,0.1562,0.843,0.1607,-0.1484,-0.0029,0.5278,-0.1515,-0.0872,-0.5736,-0.0768,-0.1114,0.0628,-0.4905,0.4137,0.2399,1.3485,0.2336,-0.038,-0.0657,0.9854,0.0664,-0.09,-0.0324,-0.1052,-0.6681,0.0628,0,-0.095,-0.0085,-0.0717,-0.4456,0.2387,-0.1465,-0.1327,-0.1725,0.1332,-0.039,-0.069,-0.0114,-0.3862,-0.1011,0.1262,0.0699,0.0645,0.0149,0,-0.0128,0],
  bias: -1.6568,
  threshold: 0.0549,
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
  "passageRanker": {"goldAmongCandidates": 0.9403, "crossValidatedHitAt1": 0.7334, "crossValidatedHitAt5": 0.8865, "fittedOnAllHitAt1": 0.7349, "crossValidatedHitAt1WithoutWordForms": 0.7199},
  "sentenceChoice": {"goldAmongCandidates": 0.8862, "crossValidatedHitAt1": 0.547, "crossValidatedHitAt5": 0.7987, "fittedOnAllHitAt1": 0.5492, "weightsInUseHitAt1": 0.5346},
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
    "spanInAnswer": {"handSet": 0.6191, "fitted": 0.6527},
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
    "chosen": {"threshold": 0.385, "answered": 0.9227, "declined": 0.4597},
    "crossValidated": {"answered": 0.9198, "declined": 0.4693},
    "curve": [
      {"threshold": 0.25, "answered": 0.9869, "declined": 0.111},
      {"threshold": 0.3, "answered": 0.9694, "declined": 0.2339},
      {"threshold": 0.35, "answered": 0.9468, "declined": 0.3679},
      {"threshold": 0.4, "answered": 0.9139, "declined": 0.4959},
      {"threshold": 0.45, "answered": 0.8702, "declined": 0.6033},
      {"threshold": 0.5, "answered": 0.8213, "declined": 0.6869},
      {"threshold": 0.55, "answered": 0.7571, "declined": 0.7639},
      {"threshold": 0.6, "answered": 0.6929, "declined": 0.8283}
    ]
  },
  "abstention": {
    "examples": 2722,
    "crossValidated": {"answered": 0.9205, "declinedWithoutAnswer": 0.5662},
    "fittedOnAll": {"answered": 0.9205, "declinedWithoutAnswer": 0.5729}
  },
  "veto": {
    "examples": 2678,
    "floorsAlone": {"answered": 0.9485, "declinedWithoutAnswer": 0.363},
    "crossValidated": {"answered": 0.9089, "declinedWithoutAnswer": 0.599},
    "fittedOnAll": {"answered": 0.9201, "declinedWithoutAnswer": 0.6229},
    "newsAnsweredByTheFloors": 38,
    "newsUnanswerableNowDeclined": 0
  },
  "extraSentence": {
    "examples": 24737,
    "spansAmongCandidates": 277,
    "crossValidated": {"goldSpanBefore": 0.64, "goldSpanAfter": 0.6856, "answerWordsBefore": 59.8, "wordsAdded": 10.9, "answersGivenOne": 0.4026}
  }
} as const;
