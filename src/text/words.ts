/**
 * Word-level view of text shared by the offline model builder and the answer
 * scorer: split on anything that is not a letter or digit (so elisions such as
 * `l’EMCO` and compounds such as `état-major` fall apart the way a BERT
 * pre-tokenizer splits them), fold, and stem with Snowball.
 */
import snowball from 'snowball-stemmers';
import { eng as englishStopWords, fra as frenchStopWords } from 'stopword';
import { fold } from './fold.ts';

const WORD = /[\p{L}\p{N}]+/gu;

/** Question words carry the question's shape, not its topic. */
const INTERROGATIVES = [
  'combien', 'comment', 'pourquoi', 'quand', 'quoi', 'lequel', 'laquelle', 'lesquels', 'lesquelles',
  'est-ce', 'ce', 'quels', 'quelles', 'what', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'which',
];

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...frenchStopWords, ...englishStopWords, ...INTERROGATIVES].map(fold),
);

const frenchStemmer = snowball.newStemmer('french');

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function isStopWord(foldedWord: string): boolean {
  return STOP_WORDS.has(foldedWord);
}

/**
 * Stem of one word. Snowball's French stemmer wants the accented form, so it
 * is stemmed before folding; the result is folded so that stems compare
 * accent-insensitively.
 */
export function stem(word: string): string {
  return fold(frenchStemmer.stem(word.toLowerCase()));
}

/**
 * Content stem of each word seen, '' for a stop word. Words follow Zipf's
 * law, so a few thousand entries serve most of any text: stemming 100,000
 * paragraphs goes from tens of seconds to a few. Cleared when full, which
 * only costs recomputation.
 */
const contentStemOf = new Map<string, string>();
const CONTENT_STEM_MEMO_LIMIT = 500_000;

/** Content-word stems of a text: the terms whose overlap says two texts share a topic. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    let content = contentStemOf.get(w);
    if (content === undefined) {
      content = isStopWord(fold(w)) ? '' : stem(w);
      if (contentStemOf.size >= CONTENT_STEM_MEMO_LIMIT) contentStemOf.clear();
      contentStemOf.set(w, content);
    }
    if (content !== '') out.push(content);
  }
  return out;
}

/**
 * The stem of the same word family across a French derivation the stemmer
 * leaves apart: verbs in -der/-dre make nouns in -sion/-se (évader →
 * évasion, décider → décision, répondre → réponse), so their stems differ
 * in the last letter only. Null when no such partner can exist.
 */
export function derivationalPartner(stem: string): string | null {
  // Shorter stems ("aid", "vend") would pair unrelated words.
  if (stem.length < 4) return null;
  if (stem.endsWith('d')) return `${stem.slice(0, -1)}s`;
  if (stem.endsWith('s')) return `${stem.slice(0, -1)}d`;
  return null;
}
