/**
 * The offline model's vocabulary and embedding rows.
 *
 * Tokens are the normalised (lower-cased, accent-stripped) words of the
 * corpus and of a French and an English word list, plus character pieces so
 * that any other word still tokenizes. Rows are what tokens point at: many
 * tokens share a row, because every inflection of a stem must land on the
 * same direction (`réunion`, `réunions`), and words the corpus never uses
 * share hashed rows (they can only ever match each other, so the collisions
 * cost nothing and the table stays small).
 */
import type { LanguagePack } from '../../../lang/index.ts';
import { smoothedIdf } from '../../../shared/idf.ts';
import { fold } from '../../../text/fold.ts';
import { contentStems, isStopWord, stem, words } from '../../../text/words.ts';
import { hashString } from './random-direction.ts';

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

export type RowSpec =
  /** Carries no meaning: special tokens, punctuation, stop words. */
  | { kind: 'zero' }
  /** A stem the corpus uses, weighted by its inverse document frequency. */
  | { kind: 'stem'; stem: string; idf: number }
  /** A hashed bucket shared by stems the corpus never uses. */
  | { kind: 'bucket'; index: number; idf: number }
  /** A character piece of an unknown word: a weak signal of spelling. */
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
  /** Word lists of each language, stemmed by that language's stemmer: words the corpus does not use yet still land on a row. */
  wordLists: readonly { language: LanguagePack; words: readonly string[] }[];
  buckets?: number;
}

const BUCKETS = 16384;
const PIECE_LENGTHS = [2, 3, 4];
/** Pieces weigh a fraction of a word: a shared spelling is weaker evidence than a shared word. */
const PIECE_WEIGHT = 0.35;
const BASIC_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function buildVocabulary(input: VocabularyInput): Vocabulary {
  const buckets = input.buckets ?? BUCKETS;
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
  const firstBucket = rows.length;
  for (let index = 0; index < buckets; index++) addRow({ kind: 'bucket', index, idf: idf(0) });
  const bucketOf = (s: string) => firstBucket + (hashString(s) % buckets);

  const addWord = (word: string, language?: LanguagePack) => {
    const key = fold(word);
    if (key === '' || tokens.has(key)) return;
    if (isStopWord(key)) {
      tokens.set(key, meaningless);
      return;
    }
    const s = stem(word, language);
    tokens.set(key, stemRows.get(s) ?? bucketOf(s));
  };
  for (const word of corpusWords) addWord(word);
  for (const list of input.wordLists) for (const entry of list.words) for (const word of words(entry)) addWord(word, list.language);

  // Punctuation and symbols the corpus uses carry no meaning.
  for (const paragraph of input.paragraphs) {
    for (const ch of fold(paragraph)) {
      if (!/[\p{L}\p{N}\s]/u.test(ch) && !tokens.has(ch)) tokens.set(ch, meaningless);
    }
  }
  for (const piece of wordPieces(corpusWords)) {
    if (tokens.has(piece)) continue;
    const letters = piece.replace(/^##/, '');
    tokens.set(piece, /^[\p{L}\p{N}]+$/u.test(letters) ? addRow({ kind: 'piece', piece, weight: PIECE_WEIGHT }) : meaningless);
  }
  return { tokens, rows, paragraphCount: n, corpusStems: stemRows.size };
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
  return [...pieces].sort();
}
