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
