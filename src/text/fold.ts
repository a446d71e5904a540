/**
 * Folding: the one normal form under which two spellings of a word compare
 * equal. It mirrors what a BERT normaliser does (NFD, drop combining marks,
 * lower-case) so that our own word lists line up with the tokenizer's view.
 */
const COMBINING_MARKS = /\p{Mn}+/gu;
const TYPOGRAPHIC_APOSTROPHES = /[\u2018\u2019\u02bc\u2032`´]/g;

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(TYPOGRAPHIC_APOSTROPHES, "'")
    .toLowerCase();
}

/** Accent-, case- and apostrophe-insensitive containment, used by the evaluation. */
export function foldedIncludes(haystack: string, needle: string): boolean {
  const squash = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return ` ${squash(haystack)} `.includes(` ${squash(needle)} `);
}
