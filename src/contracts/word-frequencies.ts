/**
 * How many paragraphs of a corpus hold each word as written (folded, stop
 * words too), and how long its paragraphs run: what a BM25 over whole words
 * needs besides the paragraph it scores. The offline model keeps them from
 * the corpus it was built on, as it keeps its IDF (stages/2-embed/offline).
 */
export interface WordFrequencies {
  /** Paragraphs counted. */
  paragraphs: number;
  /** Their mean length in words. */
  averageWords: number;
  /** Paragraphs holding the word whose folded form hashes to `hash` (text/words.ts `wordHashes`); 0 for a word none holds. */
  documentFrequency(hash: number): number;
}
