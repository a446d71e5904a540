/**
 * BM25 over whole words as written (folded, stop words too) beside the
 * stems: where the stems' BM25 joins a word's forms ("présidente",
 * "président" and "présidence" are one stem) and leaves out the words that
 * carry no topic, this one counts the question's words as it writes them.
 * A second field of the same text, as search engines keep an exact field
 * beside a stemmed one; what it adds to the ranker was measured on PIAF
 * (README, "Whole words beside the stems").
 */
import type { WordFrequencies } from '../../contracts/word-frequencies.ts';
import { DEFAULT_BM25 } from '../../contracts/shared-index.ts';
import { bm25Idf, bm25TermFrequencyPart } from '../../shared/idf.ts';
import { occurrences } from '../../shared/sorted.ts';

/**
 * The BM25 scorer (k1 and b as the stems' BM25 defaults) of a question whose distinct words' hashes are
 * `questionHashes`: given a paragraph's words' hashes (sorted, repeats kept), its score. Each word's IDF is looked up
 * once per question, not once per candidate.
 */
export function wholeWordScorer(questionHashes: Uint32Array, frequencies: WordFrequencies): (paragraphHashes: Uint32Array) => number {
  const idfs = Float64Array.from(questionHashes, (hash) => bm25Idf(frequencies.paragraphs, frequencies.documentFrequency(hash)));
  return (paragraphHashes) => {
    let score = 0;
    questionHashes.forEach((hash, i) => {
      const tf = occurrences(paragraphHashes, hash);
      if (tf > 0) score += idfs[i]! * bm25TermFrequencyPart(tf, paragraphHashes.length, DEFAULT_BM25, frequencies.averageWords);
    });
    return score;
  };
}
