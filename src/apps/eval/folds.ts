/**
 * Cross-validation by article: every question (or ask, or example) of an
 * article falls in the same fold, so no article is both fitted and scored.
 * Articles are dealt to the folds in sorted order, so the folds are the same
 * on every run.
 */

/** Folds of every cross-validation `npm run fit` reports. */
export const FOLDS = 5;

/** Each article's fold, for the articles `docs` names (repeats allowed). */
export function articleFolds(docs: Iterable<string>, folds: number): Map<string, number> {
  return new Map([...new Set(docs)].sort().map((doc, i) => [doc, i % folds]));
}

/**
 * Each item's score under a model fitted without its fold, in the items'
 * order: `fit` is given the other folds' items and returns how its model
 * scores one.
 */
export function outOfFold<T extends { doc: string }>(items: readonly T[], folds: number, fit: (training: T[]) => (item: T) => number): number[] {
  const foldOf = articleFolds(items.map((item) => item.doc), folds);
  const out = new Array<number>(items.length);
  for (let fold = 0; fold < folds; fold++) {
    const score = fit(items.filter((item) => foldOf.get(item.doc) !== fold));
    items.forEach((item, i) => foldOf.get(item.doc) === fold && (out[i] = score(item)));
  }
  return out;
}
