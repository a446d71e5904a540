/**
 * The offline model's vocabulary and embedding rows.
 *
 * Tokens are the normalised (lower-cased, accent-stripped) words of the
 * corpus, the words of a French and an English word list whose stem the
 * corpus uses, and character pieces so that any other word still tokenizes.
 * Rows are what tokens point at: many tokens share a row, because every
 * inflection of a stem must land on the same direction (`réunion`,
 * `réunions`), including inflections the corpus has not used yet.
 *
 * Words whose stem the corpus never uses get no token of their own: they
 * tokenize into pieces. Giving each of the word lists' 570,000 words a token
 * made a tokenizer that took a second to load at every start, for words that
 * can only match words of articles added since the model was built, which
 * the staleness check (staleness.ts) bounds.
 */
import type { LanguagePack } from '../../../lang/index.ts';
import { smoothedIdf } from '../../../shared/idf.ts';
import { fold } from '../../../text/fold.ts';
import { contentStems, isStopWord, stem, stopWords, words } from '../../../text/words.ts';

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

export type RowSpec =
  /** Carries no meaning: special tokens, punctuation, stop words. */
  | { kind: 'zero' }
  /** A stem the corpus uses, weighted by its inverse document frequency. */
  | { kind: 'stem'; stem: string; idf: number }
  /** A character piece of an unknown word: a word's pieces together weigh what a word no paragraph uses weighs (pieceWeight). */
  | { kind: 'piece'; piece: string; weight: number };

export interface Vocabulary {
  /** token string -> row id; the row id is the token id the tokenizer emits. */
  tokens: Map<string, number>;
  rows: RowSpec[];
  paragraphCount: number;
  corpusStems: number;
}

export interface VocabularyInput {
  /** The corpus paragraphs: the documents for document frequencies. */
  paragraphs: readonly string[];
  /** Word lists of each language, stemmed by that language's stemmer: inflections the corpus does not use yet still land on their stem's row. */
  wordLists: readonly { language: LanguagePack; words: readonly string[] }[];
}

const PIECE_LENGTHS = [2, 3, 4];
const BASIC_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Appended to every word before WordPiece reads it (tokenizer-files.ts), and
 * so ending every whole-word token: a known word then matches only itself,
 * never the start of a longer unknown one ("prison" is read as pieces, not
 * as the corpus word "pris" followed by "##on").
 */
export const WORD_END = '</w>';

export function buildVocabulary(input: VocabularyInput): Vocabulary {
  const rows: RowSpec[] = [];
  const tokens = new Map<string, number>();
  const addRow = (spec: RowSpec) => rows.push(spec) - 1;

  for (const special of SPECIAL_TOKENS) tokens.set(special, addRow({ kind: 'zero' }));
  const meaningless = addRow({ kind: 'zero' });

  const { documentFrequency, corpusWords } = corpusStatistics(input.paragraphs);
  const n = input.paragraphs.length;
  const idf = (df: number) => smoothedIdf(n, df);
  const stemRows = new Map<string, number>();
  for (const [s, df] of [...documentFrequency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    stemRows.set(s, addRow({ kind: 'stem', stem: s, idf: idf(df) }));
  }

  // Words whose stem has no row: what pieces must stand for, counted below.
  const unknownWords = new Set<string>();
  const addWord = (word: string, language?: LanguagePack) => {
    const key = fold(word);
    if (key === '' || tokens.has(key + WORD_END)) return;
    if (isStopWord(key)) {
      tokens.set(key + WORD_END, meaningless);
      return;
    }
    const row = stemRows.get(stem(word, language));
    if (row !== undefined) tokens.set(key + WORD_END, row);
    else unknownWords.add(key);
  };
  // Every stop word, whether or not the corpus or a word list has it alone ("j", "m" of "j'ai", "m'a"): read in pieces, it would weigh as an unknown word.
  for (const word of stopWords()) addWord(word);
  for (const word of corpusWords) addWord(word);
  for (const list of input.wordLists) for (const entry of list.words) for (const word of words(entry)) addWord(word, list.language);

  // Punctuation and symbols the corpus uses carry no meaning, nor does the end of a word read in pieces.
  for (const paragraph of input.paragraphs) {
    for (const ch of fold(paragraph)) {
      if (!/[\p{L}\p{N}\s]/u.test(ch)) tokens.set(ch + WORD_END, meaningless);
    }
  }
  tokens.set(`##${WORD_END}`, meaningless);

  const pieces = wordPieces(corpusWords);
  const pieceSet = new Set(pieces);
  for (const key of unknownWords) if (tokens.has(key + WORD_END)) unknownWords.delete(key);
  const weight = pieceWeight(idf(0), meanPieceCount(unknownWords, pieceSet));
  for (const piece of pieces) tokens.set(piece, addRow({ kind: 'piece', piece, weight }));
  return { tokens, rows, paragraphCount: n, corpusStems: stemRows.size };
}

/**
 * What each piece weighs: a word read in pieces weighs, in all, what a word
 * no paragraph uses weighs (its IDF). So a question's word the corpus does
 * not know counts against every paragraph as much as it did when each such
 * word had a row of its own (a tokenizer of 570,000 words that took a second
 * to load): a question about what the articles never mention stays far from
 * them. Pieces are pseudo-random directions, so k of them sum to a vector of
 * length weight·√k; k is the mean count over the words given no token of
 * their own (of the corpus and the word lists).
 */
export function pieceWeight(unknownWordIdf: number, meanPieces: number): number {
  return unknownWordIdf / Math.sqrt(Math.max(1, meanPieces));
}

/** The mean number of pieces WordPiece reads `words` in, with `pieces` as its vocabulary of pieces (greedy longest match first, as Transformers.js does). */
export function meanPieceCount(words: Iterable<string>, pieces: ReadonlySet<string>): number {
  let total = 0;
  let count = 0;
  for (const word of words) {
    const chars = [...word];
    let start = 0;
    let read = 0;
    while (start < chars.length) {
      let end = chars.length;
      while (end > start && !pieces.has((start > 0 ? '##' : '') + chars.slice(start, end).join(''))) end--;
      if (end === start) break; // A character no piece has: WordPiece reads the word as [UNK].
      read++;
      start = end;
    }
    if (start < chars.length) continue;
    total += read;
    count++;
  }
  return count ? total / count : 1;
}

/** Document frequency of every content stem over the corpus paragraphs, and the (lower-cased) words they use. */
export function corpusStatistics(paragraphs: readonly string[]): { documentFrequency: Map<string, number>; corpusWords: Set<string> } {
  const documentFrequency = new Map<string, number>();
  const corpusWords = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const word of words(paragraph)) corpusWords.add(word.toLowerCase());
    // contentStems remembers each word's stem: stemming every occurrence took 8 s for 30,000 paragraphs.
    for (const s of new Set(contentStems(paragraph))) documentFrequency.set(s, (documentFrequency.get(s) ?? 0) + 1);
  }
  return { documentFrequency, corpusWords };
}

/**
 * Pieces, sorted: every character as a word start and as a continuation, so
 * no word is ever unknown, and the short n-grams of corpus words.
 */
function wordPieces(corpusWords: Iterable<string>): string[] {
  const pieces = new Set<string>();
  const characters = new Set(BASIC_CHARACTERS);
  for (const word of corpusWords) {
    const key = fold(word);
    for (const ch of key) characters.add(ch);
    for (const length of PIECE_LENGTHS) {
      for (let i = 0; i + length <= key.length; i++) {
        const gram = key.slice(i, i + length);
        pieces.add(i === 0 ? gram : `##${gram}`);
      }
    }
  }
  for (const ch of characters) {
    pieces.add(ch);
    pieces.add(`##${ch}`);
  }
  return [...pieces].filter((piece) => /^(##)?[\p{L}\p{N}]+$/u.test(piece)).sort();
}
