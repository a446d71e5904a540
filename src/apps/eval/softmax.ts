/**
 * Listwise softmax regression (as in ListNet's top-one model): for each
 * question, the probability that a candidate is the gold paragraph is the
 * softmax of its linear score; the weights maximise the gold paragraphs'
 * log-probability, with an L2 penalty, by Adam projected on non-negative
 * weights (each feature is built as evidence for a candidate, so the fit
 * may drop one but not reverse it). It fits exactly what is measured —
 * which candidate comes first.
 */
import { articleFolds, FOLDS } from './folds.ts';

export interface CandidateGroup {
  features: Float64Array[];
  /** Index of the gold candidate; the group is skipped in fitting when the gold paragraph is not among them. */
  gold: number;
}

export interface FitOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_FIT: FitOptions = { l2: 1e-3, iterations: 600, learningRate: 0.05 };

export function fitSoftmax(groups: readonly CandidateGroup[], dimensions: number, options: FitOptions = DEFAULT_FIT): Float64Array {
  const usable = groups.filter((g) => g.gold >= 0);
  const w = new Float64Array(dimensions);
  const m = new Float64Array(dimensions);
  const v = new Float64Array(dimensions);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= options.iterations; t++) {
    const grad = gradient(usable, w, options.l2);
    for (let d = 0; d < dimensions; d++) {
      m[d] = beta1 * m[d]! + (1 - beta1) * grad[d]!;
      v[d] = beta2 * v[d]! + (1 - beta2) * grad[d]! ** 2;
      const mHat = m[d]! / (1 - beta1 ** t);
      const vHat = v[d]! / (1 - beta2 ** t);
      // Every feature is built as evidence for a candidate: a weight may shrink to nothing, never turn against it.
      w[d] = Math.max(0, w[d]! - (options.learningRate * mHat) / (Math.sqrt(vHat) + epsilon));
    }
  }
  return w;
}

/** The mean negative log-likelihood's gradient, plus the penalty's. */
function gradient(groups: readonly CandidateGroup[], w: Float64Array, l2: number): Float64Array {
  const grad = Float64Array.from(w, (x) => l2 * x);
  for (const { features, gold } of groups) {
    const scores = features.map((x) => score(x, w));
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    features.forEach((x, i) => {
      const p = exps[i]! / sum - (i === gold ? 1 : 0);
      for (let d = 0; d < x.length; d++) grad[d]! += (p * x[d]!) / groups.length;
    });
  }
  return grad;
}

export function score(x: Float64Array, w: ArrayLike<number>): number {
  let sum = 0;
  for (let d = 0; d < x.length; d++) sum += x[d]! * w[d]!;
  return sum;
}

/** Rank (1-based) of the gold candidate when ordered by the weights; 0 when it is not a candidate. */
export function goldRank(group: CandidateGroup, w: ArrayLike<number>): number {
  if (group.gold < 0) return 0;
  const goldScore = score(group.features[group.gold]!, w);
  return 1 + group.features.filter((x, i) => i !== group.gold && score(x, w) > goldScore).length;
}

/**
 * Each group's gold rank under weights fitted without its fold: folds hold
 * whole articles (dealt in sorted order), so no article is both fitted and scored.
 */
export function crossValidate(groups: readonly (CandidateGroup & { doc: string })[], dimensions: number): number[] {
  const foldOf = articleFolds(groups.map((g) => g.doc), FOLDS);
  const ranks: number[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const weights = fitSoftmax(groups.filter((g) => foldOf.get(g.doc) !== fold), dimensions);
    for (const group of groups) if (foldOf.get(group.doc) === fold) ranks.push(goldRank(group, weights));
  }
  return ranks;
}
