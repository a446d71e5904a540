/**
 * Gradient-boosted regression trees on the logistic loss (Friedman 2001;
 * XGBoost's second-order leaf values): each round fits one shallow tree to
 * the gradients of the examples' log-odds so far. Splits are tried at
 * quantiles of each feature, each example's bin found once, so a round
 * costs features × examples at each node. Deterministic: the same examples
 * give the same trees.
 */
import type { BoostedTree } from '../../contracts/tuning.ts';
import { treeValue } from '../../pipeline/pipeline.ts';
import { logistic } from '../../shared/logistic.ts';
import { round } from '../../shared/round.ts';
import type { Example } from './logistic.ts';

export interface BoostingOptions {
  /** @default 200 — rounds; cross-validated on PIAF, declines level off past 150. */
  rounds: number;
  /** @default 0.1 — each tree's share of the log-odds. */
  rate: number;
  /** @default 2 — splits from root to leaf: pairs of features, no more (deeper trees fitted PIAF's articles, not the task). */
  depth: number;
  /**
   * @default 50 — examples a leaf must hold. Cross-validated on PIAF, 20 and 50 decline alike (0.518 and 0.516 at 0.92
   * answered); with 50, the veto's in-use point moves less when one article is left out (± 0.035 against ± 0.051):
   * its threshold is one news question's score, and larger leaves make that score less of a draw (README, "Evaluation").
   */
  minLeaf: number;
  /** @default 32 — candidate split points per feature, at its quantiles. */
  quantiles: number;
}

export const DEFAULT_BOOSTING: BoostingOptions = { rounds: 200, rate: 0.1, depth: 2, minLeaf: 50, quantiles: 32 };

export function fitBoostedTrees(examples: readonly Example[], options: BoostingOptions = DEFAULT_BOOSTING): BoostedTree[] {
  const dimensions = examples[0]?.features.length ?? 0;
  const splits = Array.from({ length: dimensions }, (_, d) => quantilesOf(examples.map((e) => e.features[d]!), options.quantiles));
  const logOdds = new Float64Array(examples.length);
  const gradient = new Float64Array(examples.length);
  const hessian = new Float64Array(examples.length);
  const all = examples.map((_, i) => i);
  const growing = { splits, bins: binned(examples, splits), gradient, hessian, minLeaf: options.minLeaf };
  const trees: BoostedTree[] = [];
  for (let round = 0; round < options.rounds; round++) {
    examples.forEach((e, i) => {
      const p = logistic(logOdds[i]!);
      gradient[i] = p - e.label;
      hessian[i] = Math.max(1e-6, p * (1 - p));
    });
    const tree = grow(all, options.depth, growing);
    trees.push(tree);
    examples.forEach((e, i) => (logOdds[i]! += options.rate * treeValue(tree, e.features)));
  }
  return trees;
}

interface Growing {
  splits: readonly number[][];
  /** Example i's bin on feature d, at i × features + d: the first split point its value does not exceed (after the last: above them all). */
  bins: Uint8Array;
  gradient: Float64Array;
  hessian: Float64Array;
  minLeaf: number;
}

/**
 * Each example's bin on each feature, found once: a node then sums its
 * examples' gradients by bin in one pass per feature, where comparing each
 * example with each split point cost a pass per point (thousands of
 * examples, as the extra sentence's fit has, took minutes a tree).
 */
function binned(examples: readonly Example[], splits: readonly number[][]): Uint8Array {
  if (splits.some((points) => points.length > 255)) throw new Error('boosted trees take at most 256 quantiles');
  const bins = new Uint8Array(examples.length * splits.length);
  examples.forEach((e, i) =>
    splits.forEach((points, d) => {
      let bin = 0;
      while (bin < points.length && e.features[d]! > points[bin]!) bin++;
      bins[i * splits.length + d] = bin;
    }),
  );
  return bins;
}

/** The best split of `rows` by gain (second-order, L2 of 1 on leaf values), grown to `depth`, or a leaf. */
function grow(rows: readonly number[], depth: number, g: Growing): BoostedTree {
  const sum = (list: readonly number[], of: Float64Array) => list.reduce((s, i) => s + of[i]!, 0);
  const [G, H] = [sum(rows, g.gradient), sum(rows, g.hessian)];
  const leaf = { value: -G / (H + 1) };
  if (depth === 0 || rows.length < 2 * g.minLeaf) return leaf;
  const width = g.splits.length;
  let best: { gain: number; feature: number; bin: number } | null = null;
  g.splits.forEach((points, feature) => {
    // By bin, then cumulated: a split at point k sends left the examples of bins 0 to k (their values ≤ points[k]).
    const [gb, hb, nb] = [new Float64Array(points.length + 1), new Float64Array(points.length + 1), new Uint32Array(points.length + 1)];
    for (const i of rows) {
      const bin = g.bins[i * width + feature]!;
      gb[bin]! += g.gradient[i]!;
      hb[bin]! += g.hessian[i]!;
      nb[bin]!++;
    }
    let [gl, hl, nl] = [0, 0, 0];
    for (let k = 0; k < points.length; k++) {
      [gl, hl, nl] = [gl + gb[k]!, hl + hb[k]!, nl + nb[k]!];
      if (nl < g.minLeaf || rows.length - nl < g.minLeaf) continue;
      const gain = (gl * gl) / (hl + 1) + (G - gl) ** 2 / (H - hl + 1) - (G * G) / (H + 1);
      if (!best || gain > best.gain) best = { gain, feature, bin: k };
    }
  });
  if (!best) return leaf;
  const { feature, bin } = best;
  const below = rows.filter((i) => g.bins[i * width + feature]! <= bin);
  const above = rows.filter((i) => g.bins[i * width + feature]! > bin);
  return { feature, at: g.splits[feature]![bin]!, below: grow(below, depth - 1, g), above: grow(above, depth - 1, g) };
}

function quantilesOf(values: readonly number[], count: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const points = Array.from({ length: count - 1 }, (_, q) => sorted[Math.floor(((q + 1) * sorted.length) / count)]!);
  return [...new Set(points)];
}

/** A tree with its leaves rounded, as a fitted module writes it. */
export function roundedLeaves(tree: BoostedTree): BoostedTree {
  return 'value' in tree ? { value: round(tree.value, 6) } : { ...tree, below: roundedLeaves(tree.below), above: roundedLeaves(tree.above) };
}
