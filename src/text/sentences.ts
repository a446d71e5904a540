/**
 * Sentence splitting with character offsets, so that every quote
 * can be cut verbatim out of its paragraph.
 *
 * A boundary is a run of terminal punctuation (. ! ? …), optionally followed
 * by closing quotes or brackets, then white space, then something that can
 * open a sentence (capital letter, digit, opening quote, dash). It is not a
 * boundary when the period ends a known abbreviation (M., Dr., cf.), a
 * single-letter initial (J. Dupont), or when we are inside a quotation that
 * has not closed yet: splitting there would quote half a citation.
 */
import type { SentenceSpan } from '../contracts/document.ts';
import { acrossLanguages } from '../lang/index.ts';

export type { SentenceSpan };

/** Abbreviations of every language: a period that ends one ends no sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(acrossLanguages((pack) => pack.abbreviations));

const OPENING_QUOTES = new Set(['«', '“', '„']);
const CLOSING_QUOTES = new Set(['»', '”']);
const TERMINAL = /[.!?…]/;
const CLOSERS = /["'»”’)\]]/;
const SENTENCE_OPENER = /[\p{Lu}\p{N}«"“(\[—–-]/u;
/** The longest a sentence may grow while we wait for a quotation to close. */
const MAX_QUOTED_SENTENCE = 600;
/**
 * The longest a sentence may be. A text without sentence punctuation (a
 * transcript, a table saved as text, a page of tags) is cut into pieces a
 * quote can hold, rather than quoted whole. Longer than any sentence of
 * our evaluation corpora (PIAF's longest has 768 characters), so that no
 * written sentence is cut.
 */
const MAX_SENTENCE = 1000;

export function splitSentences(paragraph: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let sentenceStart = skipSpace(paragraph, 0);
  let openQuotes = 0;
  let straightQuoteOpen = false;

  for (let i = sentenceStart; i < paragraph.length; i++) {
    const ch = paragraph[i]!;
    if (OPENING_QUOTES.has(ch)) openQuotes++;
    else if (CLOSING_QUOTES.has(ch)) openQuotes = Math.max(0, openQuotes - 1);
    else if (ch === '"') straightQuoteOpen = !straightQuoteOpen;
    if (!TERMINAL.test(ch)) continue;

    let end = i + 1;
    while (end < paragraph.length && (TERMINAL.test(paragraph[end]!) || CLOSERS.test(paragraph[end]!))) {
      const closer = paragraph[end]!;
      if (CLOSING_QUOTES.has(closer)) openQuotes = Math.max(0, openQuotes - 1);
      else if (closer === '"') straightQuoteOpen = !straightQuoteOpen;
      end++;
    }
    const next = skipSpace(paragraph, end);
    if (next === end && end < paragraph.length) continue; // no space after: "1.5", "J.-C."
    if (next < paragraph.length && !SENTENCE_OPENER.test(paragraph[next]!)) continue;
    if (ch === '.' && endsWithAbbreviation(paragraph, sentenceStart, i)) continue;
    const insideQuote = openQuotes > 0 || straightQuoteOpen;
    if (insideQuote && end - sentenceStart < MAX_QUOTED_SENTENCE && next < paragraph.length) continue;

    pushSpan(spans, paragraph, sentenceStart, end);
    sentenceStart = next;
    i = next - 1;
  }
  pushSpan(spans, paragraph, sentenceStart, paragraph.length);
  return spans;
}

function endsWithAbbreviation(text: string, from: number, periodAt: number): boolean {
  let wordStart = periodAt;
  while (wordStart > from && /[\p{L}.°-]/u.test(text[wordStart - 1]!)) wordStart--;
  const word = text.slice(wordStart, periodAt);
  if (word.length === 0) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Dupont"
  return ABBREVIATIONS.has(word.toLowerCase());
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function pushSpan(spans: SentenceSpan[], text: string, start: number, end: number): void {
  let trimmedEnd = end;
  while (trimmedEnd > start && /\s/.test(text[trimmedEnd - 1]!)) trimmedEnd--;
  let from = start;
  while (trimmedEnd - from > MAX_SENTENCE) {
    const cut = cutPoint(text, from, from + MAX_SENTENCE);
    pushSpan(spans, text, from, cut);
    from = skipSpace(text, cut);
  }
  if (trimmedEnd > from) spans.push({ text: text.slice(from, trimmedEnd), start: from, end: trimmedEnd });
}

/**
 * Where to cut a sentence too long to quote, before `limit`: at a space
 * after a clause mark (; : ,) in the second half of the piece, else at its
 * last space there, else at the limit (a run of characters without space).
 */
function cutPoint(text: string, from: number, limit: number): number {
  const half = from + Math.floor((limit - from) / 2);
  for (const afterClause of [true, false]) {
    for (let i = limit; i > half; i--) if (/\s/.test(text[i]!) && (!afterClause || /[;:,]/.test(text[i - 1]!))) return i;
  }
  return limit;
}
