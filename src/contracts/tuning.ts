/** Weight sets shared between the model's suggestions and the stages that use them. */

/** How much each ranking counts in reciprocal-rank fusion. */
export interface FusionWeights {
  dense: number;
  lexical: number;
}

/** Weights of the signals that rank sentences (stages/6-answer/score.ts). */
export interface SentenceWeights {
  /** The sentence's own cosine with the question. */
  sentence: number;
  /** Its paragraph's cosine with the question. */
  passage: number;
  /** The share of the question's weighted terms it holds. */
  coverage: number;
  /** It holds the kind of answer asked for. */
  answerType: number;
  /** Its paragraph holds the kind of answer asked for. */
  passageAnswerType: number;
  /** For a question about a name, the sentence that first names it in its article. */
  introduction: number;
  /** Its paragraph's place in the retrieval ranking, as 1/(1 + rank). */
  passageRank: number;
  /** The share of the question's consecutive words, as written, that stand together in it: the question echoes its phrasing. */
  wordPairs: number;
}

/**
 * A learned ranker's weights, by feature name (stages/5-retrieve/features.ts):
 * a paragraph's score is their weighted sum. Fitted on data (npm run fit).
 */
export type RankerWeights = Readonly<Record<string, number>>;

/**
 * A calibrated answerability: the probability that the articles hold an
 * answer is the logistic of the weighted features (stages/6-answer/abstention.ts)
 * plus the bias; ancre answers from `threshold` up. Fitted on data (npm run fit).
 */
export interface AbstentionCalibration {
  weights: Readonly<Record<string, number>>;
  bias: number;
  threshold: number;
}

/** One regression tree of a boosted model: a split on a feature of its row (at or below `at` goes `below`), or a leaf. */
export type BoostedTree = { feature: number; at: number; below: BoostedTree; above: BoostedTree } | { value: number };

/** Boosted regression trees (apps/eval/boosted-trees.ts): their summed leaves, times `rate`, are log-odds. */
export interface BoostedTrees {
  rate: number;
  trees: readonly BoostedTree[];
}

/**
 * A second opinion on answering, taken after the floors say yes: boosted
 * regression trees over features that mean the same in any corpus
 * (stages/6-answer/veto.ts), whose log-odds are that the articles hold an
 * answer; under `threshold`, ancre declines. Fitted on data (npm run fit).
 */
export interface AnswerabilityVeto extends BoostedTrees {
  /** The feature row's names, in order: a veto fitted on other features is refused. */
  features: readonly string[];
  threshold: number;
}

/**
 * Whether to quote more sentences (stages/6-answer/extra-sentence.ts):
 * boosted trees whose log-odds are that a sentence no quote holds holds the
 * answer; the likeliest are quoted whose probability reaches `threshold`.
 * Fitted on data (npm run fit).
 */
export interface ExtraSentenceModel extends BoostedTrees {
  /** The row's names, in order: a model fitted on another row is refused. */
  features: readonly string[];
  /** The probability from which a sentence is quoted. */
  threshold: number;
  /** The most sentences added to one answer, likeliest first, each reaching the threshold (fitted with it). */
  picks: number;
}
