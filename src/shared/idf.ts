/**
 * Inverse document frequencies: how rare, and so how telling, a term is
 * among `documents` when `df` of them hold it; and BM25's other half, what
 * a term's occurrences in one document are worth.
 */

/** Smoothed IDF (scikit-learn's): a term no document has weighs most, never infinitely. */
export function smoothedIdf(documents: number, df: number): number {
  return Math.log((documents + 1) / (df + 1)) + 1;
}

/** BM25's IDF (Lucene's form, never negative): the weight of a matching term in a BM25 score. */
export function bm25Idf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/** BM25's term-frequency part: what `tf` occurrences are worth in a document of `length` terms against the mean length (at most k1 + 1). */
export function bm25TermFrequencyPart(tf: number, length: number, { k1, b }: { k1: number; b: number }, averageLength: number): number {
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / averageLength));
}
