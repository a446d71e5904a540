/**
 * The languages ancre knows, and the one its corpus is written in. Questions
 * may come in any of them; the corpus's pack stems the text and speaks for
 * ancre. To serve a corpus in another language, add its pack beside fr.ts
 * and name it here.
 */
import { createRequire } from 'node:module';
import snowball from 'snowball-stemmers';
import { english } from './en.ts';
import { french } from './fr.ts';
import type { LanguagePack } from './pack.ts';

export type { AnswerTypeCues, ClutterWords, LanguagePack, Messages } from './pack.ts';

/** Every pack: question cues, stop words and page furniture are read in all of them. */
export const LANGUAGES: readonly LanguagePack[] = [french, english];

/** The language of the corpus: its stemmer builds the index, its messages are ancre's. */
export const CORPUS_LANGUAGE: LanguagePack = french;

/** The pack of a language code, if ancre has one. */
export function languageByCode(code: string): LanguagePack | undefined {
  return LANGUAGES.find((pack) => pack.code === code);
}

const require = createRequire(import.meta.url);

/** A pack's word list (its `wordList` package), read once. */
export function wordListOf(pack: LanguagePack): readonly string[] {
  return require(pack.wordList) as string[];
}

let knownWords: Set<string> | null = null;
/** Whether a lower-case word is in the word list of a language ancre knows; the lists are read on first use (about 0.1 s). */
export function isKnownWord(lowerCaseWord: string): boolean {
  knownWords ??= new Set(LANGUAGES.flatMap(wordListOf));
  // The lists spell the ligatures out ("soeur", "ex-aequo").
  return knownWords.has(lowerCaseWord) || knownWords.has(lowerCaseWord.replace(/œ/g, 'oe').replace(/æ/g, 'ae'));
}

export type Stemmer = (lowerCaseWord: string) => string;

const stemmers = new Map<string, Stemmer>();
/** The Snowball stemmer of a pack, made once. */
export function stemmerOf(pack: LanguagePack): Stemmer {
  let stemmer = stemmers.get(pack.code);
  if (!stemmer) {
    const snowballStemmer = snowball.newStemmer(pack.snowball);
    stemmer = (word) => snowballStemmer.stem(word);
    stemmers.set(pack.code, stemmer);
  }
  return stemmer;
}

/** The values of one field across every pack, in pack order. */
export function acrossLanguages<T>(pick: (pack: LanguagePack) => readonly T[] | undefined): T[] {
  return LANGUAGES.flatMap((pack) => pick(pack) ?? []);
}
