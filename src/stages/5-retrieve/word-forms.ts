/**
 * Word forms that stems leave apart. The stemmer joins a word's inflections
 * but not always its family or its variants: `agricole` and `agriculture`,
 * `production` and `produire`, a name spelt two ways. A question's word
 * that shares its first letters, or most of its letter 4-grams, with a word
 * of a paragraph is weaker evidence than a shared stem, and the ranker
 * weighs it as such: these are features of their own, fitted with the others
 * (npm run fit). Measured on PIAF's development questions, cross-validated
 * by article: passage hit@1 0.720 → 0.733 with the five features below.
 *
 * A paragraph's forms are kept compact, since the paragraphs' terms are
 * remembered by the thousand (chunk-terms.ts): its distinct words sorted,
 * which puts the words sharing a prefix side by side, and its 4-grams as
 * sorted 32-bit hashes.
 */
import { fnv1a } from '../../shared/hash.ts';
import { commonPrefixLength, foldWord } from '../../text/words.ts';

/**
 * Prefix lengths a question word and a paragraph word must share to count as
 * one word family: 4, 5 and 6 letters each add to the others (cross-validated
 * passage hit@1, no 4-grams: the three 0.725; weighted by the words' own IDF,
 * one length alone 0.722–0.723, the three 0.726).
 */
const PREFIX_LENGTHS = [4, 5, 6] as const;
/** The prefix length of the best sentence's coverage (sentencePrefixCoverage). */
const SENTENCE_PREFIX = 5;
/** Letters in a gram: beside the prefixes, 4-grams alone (0.731) did as well as 3-, 4- and 5-grams together (0.730). */
const GRAM = 4;

export interface WordForms {
  /** The paragraph's distinct content words, folded, in code-unit order. */
  words: readonly string[];
  /** For each of `words`, the sentences it stands in (indexes, ascending). */
  sentences: readonly (readonly number[])[];
  /** Hashes of the 4-grams of the paragraph's words (each word padded with a space either side), sorted. */
  grams: Uint32Array;
  /** The paragraph's sentences, those without a content word included. */
  sentenceCount: number;
}

/** A paragraph's forms, from its sentences' folded content words. */
export function wordForms(sentenceWords: readonly (readonly string[])[]): WordForms {
  const sentencesOf = new Map<string, number[]>();
  sentenceWords.forEach((words, sentence) => {
    for (const word of words) {
      const seen = sentencesOf.get(word);
      if (!seen) sentencesOf.set(word, [sentence]);
      else if (seen[seen.length - 1] !== sentence) seen.push(sentence);
    }
  });
  const words = [...sentencesOf.keys()].sort();
  return { words, sentences: words.map((word) => sentencesOf.get(word)!), grams: distinctGrams(words), sentenceCount: sentenceWords.length };
}

/** The words' 4-gram hashes, sorted, each once. */
function distinctGrams(words: readonly string[]): Uint32Array {
  return distinctSorted(words.map(gramHashes));
}

/** Hashes from several arrays, sorted, each once: gathered in one typed array and sorted there (a Set of them cost twice the time). */
export function distinctSorted(parts: readonly ArrayLike<number>[]): Uint32Array {
  const all = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) (all.set(part, at), (at += part.length));
  all.sort();
  let kept = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[kept++] = all[i]!;
  return all.slice(0, kept);
}

/** A question term as the forms are read for it: its folded word, its 4-grams and its sentence prefix computed once per question. */
export interface FormTerm {
  word: string;
  weight: number;
  grams: Uint32Array;
  /** Its first SENTENCE_PREFIX letters; null for a shorter word, matched whole. */
  sentencePrefix: string | null;
}

export function formTerms(terms: readonly { word: string; weight: number }[]): FormTerm[] {
  return terms.map((term) => {
    const word = foldWord(term.word);
    return { word, weight: term.weight, grams: gramHashes(word), sentencePrefix: word.length >= SENTENCE_PREFIX ? word.slice(0, SENTENCE_PREFIX) : null };
  });
}

/** The five features the forms give, each a share of the question's summed term weight (`total`). */
export interface FormCoverage {
  /** The weight of the terms that share their first n letters with a paragraph word (a shorter term: the whole word), for each of PREFIX_LENGTHS. */
  prefix: number[];
  /** The weight of the terms, each counted for the share of its 4-grams the paragraph's words hold. */
  grams: number;
  /** The most weight one sentence holds by 5-letter prefixes. */
  bestSentence: number;
}

/**
 * Each sentence's weight by prefixes, and the last term counted in it (a
 * term counts once a sentence however many of its words it matches there):
 * scratch room shared by every call, grown to the longest paragraph seen,
 * since a question reads dozens of candidates.
 */
let sentenceWeight = new Float64Array(64);
let countedTerm = new Int32Array(64);

export function formCoverage(terms: readonly FormTerm[], forms: WordForms, total: number): FormCoverage {
  const { words, sentenceCount } = forms;
  if (sentenceWeight.length < sentenceCount) [sentenceWeight, countedTerm] = [new Float64Array(sentenceCount), new Int32Array(sentenceCount)];
  sentenceWeight.fill(0, 0, sentenceCount);
  countedTerm.fill(-1, 0, sentenceCount);
  const prefix = PREFIX_LENGTHS.map(() => 0);
  let grams = 0;
  for (let t = 0; t < terms.length; t++) {
    const { word, weight, grams: termGrams } = terms[t]!;
    const at = lowerBound(words, word);
    const shared = Math.max(commonPrefixLength(word, words[at - 1] ?? ''), commonPrefixLength(word, words[at] ?? ''));
    const exact = words[at] === word;
    for (let i = 0; i < PREFIX_LENGTHS.length; i++) {
      if (word.length >= PREFIX_LENGTHS[i]! ? shared >= PREFIX_LENGTHS[i]! : exact) prefix[i]! += weight;
    }
    grams += termGrams.length ? (weight * countFound(termGrams, forms.grams)) / termGrams.length : exact ? weight : 0;
    const [from, to] = wordsByPrefix(terms[t]!, words, at);
    for (let w = from; w < to; w++) {
      for (const sentence of forms.sentences[w]!) {
        if (countedTerm[sentence] === t) continue;
        countedTerm[sentence] = t;
        sentenceWeight[sentence]! += weight;
      }
    }
  }
  let bestSentence = 0;
  for (let s = 0; s < sentenceCount; s++) bestSentence = Math.max(bestSentence, sentenceWeight[s]!);
  return { prefix: prefix.map((w) => w / total), grams: grams / total, bestSentence: bestSentence / total };
}

/**
 * The range of `words` sharing the term's sentence prefix (a shorter term:
 * the word itself), around `at`, the term's own place: sorted, they stand
 * together.
 */
function wordsByPrefix({ word, sentencePrefix }: FormTerm, words: readonly string[], at: number): [number, number] {
  if (sentencePrefix === null) return words[at] === word ? [at, at + 1] : [at, at];
  let from = at;
  while (from > 0 && words[from - 1]!.startsWith(sentencePrefix)) from--;
  let to = at;
  while (to < words.length && words[to]!.startsWith(sentencePrefix)) to++;
  return [from, to];
}

/** The first index of sorted `words` whose word is not below `word`. */
function lowerBound(words: readonly string[], word: string): number {
  let [low, high] = [0, words.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle]! < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The share of `wanted` (a question's hashes, with repeats) sorted `held` holds: 0 when there is nothing to find. */
export function foundShare(wanted: Uint32Array, held: Uint32Array | undefined): number {
  return wanted.length && held ? countFound(wanted, held) / wanted.length : 0;
}

/**
 * How many of `wanted` (with repeats) sorted `held` holds: a binary search
 * each, on numbers. Not lowerBound made generic: one search serving strings
 * and typed arrays turns polymorphic, and the forms of a question over the
 * seed corpus went from 17 to 29 µs (scratch benchmark, three runs).
 */
export function countFound(wanted: Uint32Array, held: Uint32Array): number {
  let found = 0;
  for (const gram of wanted) {
    let [low, high] = [0, held.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (held[middle]! < gram) low = middle + 1;
      else high = middle;
    }
    if (held[low] === gram) found++;
  }
  return found;
}

/**
 * FNV-1a hashes of the word's 4-grams, the word padded with a space either
 * side (so a gram also says where in the word it stands). A hash in 32 bits
 * rather than the gram itself: a paragraph's few hundred grams stay a small
 * typed array, and two grams share a hash once in about four billion pairs.
 * Remembered by word: words follow Zipf's law, so a few thousand serve most
 * paragraphs (cleared when full, which only costs recomputation).
 */
function gramHashes(word: string): Uint32Array {
  let hashes = gramsOfWord.get(word);
  if (hashes) return hashes;
  const padded = ` ${word} `;
  hashes = new Uint32Array(Math.max(0, padded.length - GRAM + 1));
  for (let start = 0; start < hashes.length; start++) hashes[start] = fnv1a(padded, start, start + GRAM);
  if (gramsOfWord.size >= GRAM_MEMO_LIMIT) gramsOfWord.clear();
  gramsOfWord.set(word, hashes);
  return hashes;
}

const gramsOfWord = new Map<string, Uint32Array>();
const GRAM_MEMO_LIMIT = 200_000;
