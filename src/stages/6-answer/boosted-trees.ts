/** Reading boosted regression trees (contracts/tuning.ts, BoostedTrees): what the veto and the extra sentences' model both are. */
import type { BoostedTree, BoostedTrees } from '../../contracts/tuning.ts';

/** The trees' log-odds for a row: their leaves' sum, times the rate. */
export function treesLogOdds(model: BoostedTrees, row: ArrayLike<number>): number {
  // A plain loop: reduce's running sum is a boxed number, a fresh one for each of the trees, question after question.
  let sum = 0;
  for (const tree of model.trees) sum += model.rate * treeValue(tree, row);
  return sum;
}

/** The value of the leaf a row reaches in one tree. */
export function treeValue(tree: BoostedTree, row: ArrayLike<number>): number {
  let node = tree;
  while (!('value' in node)) node = row[node.feature]! <= node.at ? node.below : node.above;
  return node.value;
}

/** Whether `trees` are well-formed trees over a row of `width` features, each split on one of them and each value finite. */
function wellFormedTrees(trees: unknown, width: number): boolean {
  const node = (tree: unknown): boolean => {
    if (typeof tree !== 'object' || tree === null) return false;
    if ('value' in tree) return Number.isFinite(tree.value);
    const split = tree as Partial<{ feature: unknown; at: unknown; below: unknown; above: unknown }>;
    return Number.isInteger(split.feature) && (split.feature as number) >= 0 && (split.feature as number) < width && Number.isFinite(split.at) && node(split.below) && node(split.above);
  };
  return Array.isArray(trees) && trees.every(node);
}

/**
 * Whether a fitted model of boosted trees reads the row `names` describes:
 * it names those features, in order, and has a finite rate and threshold and
 * well-formed trees over them. A model fitted on another row would score
 * what it was never shown.
 */
export function readsRow(model: BoostedTrees & { features: unknown; threshold: unknown }, names: readonly string[]): boolean {
  const { features, rate, threshold, trees } = model;
  return (
    Array.isArray(features) &&
    features.length === names.length &&
    features.every((name, i) => name === names[i]) &&
    [rate, threshold].every(Number.isFinite) &&
    wellFormedTrees(trees, names.length)
  );
}
