/**
 * Word-level view of text shared by the offline model builder and the answer
 * scorer: split on anything that is not a letter or digit (so elisions such as
 * `l’EMCO` and compounds such as `état-major` fall apart the way a BERT
 * pre-tokenizer splits them), fold, and stem with Snowball.
 */
import { acrossLanguages, CORPUS_LANGUAGE, LANGUAGES, stemmerOf, type LanguagePack } from '../lang/index.ts';
import { fold } from './fold.ts';
import { fnv1a } from '../shared/hash.ts';

const WORD = /[\p{L}\p{N}]+/gu;
const DIGITS = /^[0-9]+$/;

/** Stop words and question words of every language: a question in any of them is read for its topic words only. */
const STOP_WORDS: ReadonlySet<string> = new Set(acrossLanguages((pack) => [...pack.stopWords, ...pack.interrogatives]).map(fold));

const corpusStemmer = stemmerOf(CORPUS_LANGUAGE);

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * A hash (FNV-1a, 32 bits) of each two consecutive words of a text as
 * written, folded ("l'État-major" gives "l etat" and "etat major"), in text
 * order: its phrasing, stop words and all. Numbers rather than strings: a
 * paragraph's hundred pairs kept as strings doubled what reading its terms
 * the first time costs; two pairs share a hash once in about four billion.
 */
export function wordPairHashes(text: string): number[] {
  return contentStemsAndWords(text).pairs;
}

/** FNV-1a carried on from the first word's hash, through a space, over the second's. */
function pairHash(first: number, second: number): number {
  return Math.imul(Math.imul(first ^ 0x20, 0x01000193) ^ second, 0x01000193) >>> 0;
}

/** Words as a reader counts them: what white space separates. */
export function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

const QUESTION_FORMS: readonly RegExp[] = acrossLanguages((pack) => pack.questionForms);

/** The question with the phrases that only carry its shape (each pack's `questionForms`) blanked out. */
export function withoutQuestionForms(question: string): string {
  return QUESTION_FORMS.reduce((text, form) => text.replace(form, (match) => ' '.repeat(match.length)), question);
}

export function isStopWord(foldedWord: string): boolean {
  return STOP_WORDS.has(foldedWord);
}

/** Every stop word and question word, folded. */
export function stopWords(): Iterable<string> {
  return STOP_WORDS;
}

/**
 * Stem of one word in `language` (the corpus's by default). Snowball's
 * stemmers want the accented form, so the word is stemmed before folding;
 * the result is folded so that stems compare accent-insensitively.
 */
export function stem(word: string, language: LanguagePack = CORPUS_LANGUAGE): string {
  // Digits do not inflect: a number is its own stem (and the stemmer, at several µs a word, is the costly part of reading a question that names one).
  if (DIGITS.test(word)) return word;
  const stemmer = language === CORPUS_LANGUAGE ? corpusStemmer : stemmerOf(language);
  return fold(stemmer(word.toLowerCase()));
}

/** A word as the readers below take it: its stem and folded form (both '' for a stop word), and its folded form's hash, stop words too. */
interface Reading {
  stem: string;
  folded: string;
  hash: number;
}

/**
 * How each word seen reads: its content stem and its folded form, '' for a
 * stop word (and no folded form for a single letter, mostly an elided
 * article). Words follow Zipf's law, so a few thousand entries serve most of
 * any text: stemming 100,000 paragraphs goes from tens of seconds to a few.
 * Cleared when full, which only costs recomputation.
 */
const readingOf = new Map<string, Reading>();
const READING_MEMO_LIMIT = 500_000;

/**
 * Question words folded (stop words too): a question's words are folded for
 * its terms, its language and its word forms, question after question. Only
 * questions' words: what ingest reads is remembered by `reading` alone.
 */
const foldedOf = new Map<string, string>();
const FOLD_MEMO_LIMIT = 100_000;

/** One question word folded (fold.ts), remembered: fold's Unicode normalisation costs microseconds a word. */
export function foldWord(word: string): string {
  let folded = foldedOf.get(word);
  if (folded === undefined) {
    folded = fold(word);
    if (foldedOf.size >= FOLD_MEMO_LIMIT) foldedOf.clear();
    foldedOf.set(word, folded);
  }
  return folded;
}

function reading(word: string): Reading {
  let read = readingOf.get(word);
  if (read === undefined) {
    const folded = fold(word);
    const hash = fnv1a(folded);
    read = isStopWord(folded) ? { stem: '', folded: '', hash } : { stem: stem(word), folded: folded.length > 1 ? folded : '', hash };
    if (readingOf.size >= READING_MEMO_LIMIT) readingOf.clear();
    readingOf.set(word, read);
  }
  return read;
}

/** Content-word stems of a text: the terms whose overlap says two texts share a topic. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const { stem } = reading(w);
    if (stem !== '') out.push(stem);
  }
  return out;
}

/**
 * A text's content stems, its content words folded (the words themselves,
 * where stems would merge or part them), its word pairs' hashes
 * (`wordPairHashes`) and every word's hash (`wordHashes`), in reading order,
 * from one reading of the text.
 */
export function contentStemsAndWords(text: string): { stems: string[]; words: string[]; pairs: number[]; hashes: number[] } {
  const [stems, folded, pairs, hashes]: [string[], string[], number[], number[]] = [[], [], [], []];
  let previous: number | null = null;
  for (const w of words(text)) {
    const read = reading(w);
    if (read.stem !== '') stems.push(read.stem);
    if (read.folded !== '') folded.push(read.folded);
    if (previous !== null) pairs.push(pairHash(previous, read.hash));
    hashes.push(read.hash);
    previous = read.hash;
  }
  return { stems, words: folded, pairs, hashes };
}

/**
 * A hash (FNV-1a, 32 bits) of each word of a text as written, folded, stop
 * words too, in text order: the whole words a BM25 over words rather than
 * stems counts (stages/5-retrieve/whole-words.ts).
 */
export function wordHashes(text: string): number[] {
  return contentStemsAndWords(text).hashes;
}

/** How many UTF-16 units two strings share from their start. */
export function commonPrefixLength(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let n = 0;
  while (n < shorter && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** The stem of the same word family across a derivation the corpus language's stemmer leaves apart, or null. */
export function derivationalPartner(stem: string): string | null {
  return CORPUS_LANGUAGE.derivationalPartner?.(stem) ?? null;
}

/**
 * The language of a text, from the stop words it uses that belong to one
 * language only (the function words of a question say its language better
 * than its topic words, which are often names). Ties go to the corpus's.
 */
export function languageOf(textWords: readonly string[]): LanguagePack {
  const folded = textWords.map(foldWord);
  let best = CORPUS_LANGUAGE;
  let bestCount = countOwnStopWords(CORPUS_LANGUAGE, folded);
  for (const pack of LANGUAGES) {
    const count = countOwnStopWords(pack, folded);
    if (count > bestCount) [best, bestCount] = [pack, count];
  }
  return best;
}

const ownStopWords = new Map<LanguagePack, ReadonlySet<string>>();
function countOwnStopWords(pack: LanguagePack, foldedWords: readonly string[]): number {
  let own = ownStopWords.get(pack);
  if (!own) {
    const others = new Set(LANGUAGES.filter((p) => p !== pack).flatMap((p) => p.stopWords.map(fold)));
    own = new Set(pack.stopWords.map(fold).filter((w) => !others.has(w)));
    ownStopWords.set(pack, own);
  }
  return foldedWords.filter((w) => own.has(w)).length;
}
