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
 * The BM25 score (k1 and b as the stems' BM25 defaults) of a paragraph whose words' hashes are `paragraphHashes`
 * (sorted, repeats kept) for a question whose distinct words' hashes are `questionHashes`.
 */
export function wholeWordBm25(questionHashes: Uint32Array, paragraphHashes: Uint32Array, frequencies: WordFrequencies): number {
  let score = 0;
  for (const hash of questionHashes) {
    const tf = occurrences(paragraphHashes, hash);
    if (tf === 0) continue;
    const idf = bm25Idf(frequencies.paragraphs, frequencies.documentFrequency(hash));
    score += idf * bm25TermFrequencyPart(tf, paragraphHashes.length, DEFAULT_BM25, frequencies.averageWords);
  }
  return score;
}
