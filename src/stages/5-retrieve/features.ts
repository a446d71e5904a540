/**
 * What a learned ranker knows of a candidate paragraph for a question: its
 * BM25 and dense scores and ranks, how much of the question's weighted
 * terms the paragraph, its best sentence and its title hold, whether the
 * question's word pairs and terms stand close together there, and whether it
 * holds the kind of answer asked for, and how much of it the paragraph's
 * words hold by their first letters and 4-grams where stems do not match
 * (word-forms.ts), how much of its phrasing (its consecutive words as
 * written) the paragraph keeps, and BM25 over its words as written
 * (whole-words.ts). The classic features of passage
 * ranking for question answering; their weights are fitted on data
 * (npm run fit), never set by hand.
 */
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import type { StoredChunk } from '../../contracts/store.ts';
import type { ChunkTerms } from './chunk-terms.ts';
import type { WordFrequencies } from '../../contracts/word-frequencies.ts';
import { formCoverage, formTerms, foundShare } from './word-forms.ts';
import { wholeWordScorer } from './whole-words.ts';

/** What the paragraph's words hold of the question's by first letters and 4-grams, where stems do not match (word-forms.ts). */
export const WORD_FORM_FEATURES = ['prefix4Coverage', 'prefix5Coverage', 'prefix6Coverage', 'gramCoverage', 'sentencePrefixCoverage'] as const;

export const FEATURES = [
  'lexical',
  'lexicalRank',
  'dense',
  'denseRank',
  'paragraphCoverage',
  'sentenceCoverage',
  'titleCoverage',
  'pairs',
  'proximity',
  'answerType',
  'articleCoverage',
  'names',
  'denseSentence',
  'rarestInParagraph',
  'rarestInArticle',
  'missingFromArticle',
  ...WORD_FORM_FEATURES,
  'wordPairs',
  'wholeWords',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** Where the word forms' features start in a row, in WORD_FORM_FEATURES' order. */
const WORD_FORMS_AT = FEATURES.indexOf(WORD_FORM_FEATURES[0]);
const WORD_PAIRS_AT = FEATURES.indexOf('wordPairs');
const WHOLE_WORDS_AT = FEATURES.indexOf('wholeWords');

/** Words apart within which two question terms count as standing together. */
const PROXIMITY_WINDOW = 8;

export interface CandidateScores {
  chunk: StoredChunk;
  dense: number;
  /** The best cosine between the question and one of the paragraph's sentences. */
  denseSentence: number;
  lexical: number;
  /** 0-based places in each ranking, or -1 when the ranking did not bring it. */
  denseRank: number;
  lexicalRank: number;
}

export interface TermSources {
  chunk: (chunk: StoredChunk) => ChunkTerms;
  /** Every stem of an article: its title and all its paragraphs (a Set does). */
  article: (doc: string) => { has(stem: string): boolean };
  /** The corpus's whole words, for their BM25 (whole-words.ts); without them that feature reads 0. */
  words?: WordFrequencies | null | undefined;
}

/** One row of features per candidate, in FEATURES' order. */
export function rankingFeatures(question: AnalyzedQuestion, candidates: readonly CandidateScores[], sources: TermSources): Float64Array[] {
  const maxLexical = candidates.reduce((max, c) => Math.max(max, c.lexical), 0);
  const termOfStem = new Map<string, number>();
  question.terms.forEach((term, index) => term.stems.forEach((stem) => termOfStem.has(stem) || termOfStem.set(stem, index)));
  const weights = question.terms.map((term) => term.weight);
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const pairs = questionPairs(question);
  const names = question.terms.flatMap((term, index) => (term.languageIndependent ? [index] : []));
  // The question's rarest term names what it is about more than any other: where it is absent, the answer rarely is.
  const maxWeight = Math.max(0, ...weights);
  const rarest = weights.indexOf(maxWeight);
  // Scratch room reused for every candidate (a question's features are computed for dozens of them): one byte per term.
  const seen = new Uint8Array(weights.length);
  const inParagraph = new Uint8Array(weights.length);
  const forms = formTerms(question.terms);
  const articles = new Map<string, ArticleTerms>();
  const articleOf = (doc: string) => {
    let terms = articles.get(doc);
    if (!terms) articles.set(doc, (terms = articleTerms(sources.article(doc), termOfStem, weights, seen, total)));
    return terms;
  };
  const rows = candidates.map((candidate) => {
    const terms = sources.chunk(candidate.chunk);
    const hits = questionHits(termOfStem, terms, weights.length);
    inParagraph.fill(0);
    for (const term of hits.terms) inParagraph[term] = 1;
    const inArticle = articleOf(candidate.chunk.doc);
    const sentences = sentenceRanges(hits, terms.sentenceStarts);
    let sentenceCoverage = 0;
    let proximity = 0;
    for (const range of sentences) {
      sentenceCoverage = Math.max(sentenceCoverage, distinctWeight(hits.terms, weights, seen, range[0], range[1]) / total);
      proximity = Math.max(proximity, bestWindow(hits, range, weights, seen) / total);
    }
    let missing = 0;
    for (let t = 0; t < weights.length; t++) if (!inArticle.has[t]) missing = Math.max(missing, weights[t]!);
    const row = new Float64Array(FEATURES.length);
    row[0] = maxLexical > 0 ? candidate.lexical / maxLexical : 0;
    row[1] = candidate.lexicalRank >= 0 ? 1 / (1 + candidate.lexicalRank) : 0;
    row[2] = candidate.dense;
    row[3] = candidate.denseRank >= 0 ? 1 / (1 + candidate.denseRank) : 0;
    row[4] = distinctWeight(hits.terms, weights, seen) / total;
    row[5] = sentenceCoverage;
    row[6] = titleWeight(termOfStem, terms.title, weights, seen) / total;
    row[7] = pairs.length ? pairs.filter(([a, b]) => sentences.some((range) => adjacent(hits, range, a, b))).length / pairs.length : 0;
    row[8] = proximity;
    row[9] = question.answerType !== 'other' && terms.cues.holds(question.answerType, question.text, question.longForms) ? 1 : 0;
    row[10] = inArticle.weight;
    row[11] = names.length ? names.filter((t) => inParagraph[t] === 1).length / names.length : 0;
    row[12] = candidate.denseSentence;
    row[13] = rarest >= 0 && inParagraph[rarest] === 1 ? 1 : 0;
    row[14] = rarest >= 0 && inArticle.has[rarest] === 1 ? 1 : 0;
    row[15] = maxWeight > 0 ? missing / maxWeight : 0;
    writeWrittenForms(row, terms, forms, question.wordPairs, total);
    return row;
  });
  return withWholeWords(rows, question, candidates, sources);
}

/** The whole words' BM25 (whole-words.ts) written into each candidate's row, as a share of the best candidate's, as the stems' BM25 is: a score's scale depends on the question's words. */
function withWholeWords(rows: Float64Array[], question: AnalyzedQuestion, candidates: readonly CandidateScores[], sources: TermSources): Float64Array[] {
  if (!sources.words) return rows;
  const score = wholeWordScorer(question.wordHashes, sources.words);
  candidates.forEach((candidate, i) => (rows[i]![WHOLE_WORDS_AT] = score(sources.chunk(candidate.chunk).wordHashes)));
  return asShareOfBest(rows, WHOLE_WORDS_AT);
}

/** `rows` with feature `at` divided by its largest value among them (left as it is when that is 0). */
function asShareOfBest(rows: Float64Array[], at: number): Float64Array[] {
  const best = rows.reduce((max, row) => Math.max(max, row[at]!), 0);
  if (best > 0) for (const row of rows) row[at] = row[at]! / best;
  return rows;
}

/** What the paragraph's words as written hold of the question's, where stems do not tell: their forms (word-forms.ts), and the question's word pairs. */
function writeWrittenForms(row: Float64Array, terms: ChunkTerms, forms: ReturnType<typeof formTerms>, wordPairs: Uint32Array, total: number): void {
  const byForm = formCoverage(forms, terms.forms, total);
  for (let i = 0; i < byForm.prefix.length; i++) row[WORD_FORMS_AT + i] = byForm.prefix[i]!;
  row[WORD_FORMS_AT + byForm.prefix.length] = byForm.grams;
  row[WORD_FORMS_AT + byForm.prefix.length + 1] = byForm.bestSentence;
  // The share of the question's consecutive words, as written, that stand together in one of the paragraph's sentences:
  // a question written from a paragraph keeps some of its phrasing, function words and all, which stems read as a bag of words lose.
  row[WORD_PAIRS_AT] = foundShare(wordPairs, terms.wordPairs);
}

/** The question's terms an article holds (one flag a term), and their share of the question's weight. */
interface ArticleTerms {
  has: Uint8Array;
  weight: number;
}

/** The question's few stems looked up in an article, once per article a question brings up. */
function articleTerms(stems: { has(stem: string): boolean }, termOfStem: ReadonlyMap<string, number>, weights: readonly number[], seen: Uint8Array, total: number): ArticleTerms {
  const has = new Uint8Array(weights.length);
  const found: number[] = [];
  for (const [stem, term] of termOfStem) {
    if (has[term] === 1 || !stems.has(stem)) continue;
    has[term] = 1;
    found.push(term);
  }
  return { has, weight: distinctWeight(found, weights, seen) / total };
}

/** The places of a paragraph's run of content stems that hold a question term, in reading order, with the term each holds. */
interface Hits {
  places: number[];
  terms: number[];
}

function questionHits(termOfStem: ReadonlyMap<string, number>, terms: ChunkTerms, termCount: number): Hits {
  // Each hit packed as place × terms + term in one number: sorting them sorts by place (a place holds one stem, so one term).
  const packed: number[] = [];
  for (const [stem, term] of termOfStem) for (const place of terms.places.get(stem) ?? []) packed.push(place * termCount + term);
  packed.sort((a, b) => a - b);
  const places = new Array<number>(packed.length);
  const found = new Array<number>(packed.length);
  for (let i = 0; i < packed.length; i++) {
    found[i] = packed[i]! % termCount;
    places[i] = (packed[i]! - found[i]!) / termCount;
  }
  return { places, terms: found };
}

/** Each sentence's hits as a range [from, to) of `hits`; sentences without one are left out (they score 0 on every feature). */
function sentenceRanges(hits: Hits, sentenceStarts: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  let sentence = 0;
  for (let from = 0; from < hits.places.length; ) {
    while (hits.places[from]! >= sentenceStarts[sentence + 1]!) sentence++;
    let to = from + 1;
    while (to < hits.places.length && hits.places[to]! < sentenceStarts[sentence + 1]!) to++;
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}

/** Consecutive content terms of the question, as term indexes: "trafic de drogue" gives (trafic, drogue). */
function questionPairs(question: AnalyzedQuestion): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 1; i < question.terms.length; i++) pairs.push([i - 1, i]);
  return pairs;
}

/** Whether terms a and b stand within two words of each other, in either order, among one sentence's hits. */
function adjacent(hits: Hits, [from, to]: [number, number], a: number, b: number): boolean {
  for (let i = from; i < to; i++) {
    const term = hits.terms[i]!;
    if (term !== a && term !== b) continue;
    const other = term === a ? b : a;
    for (let j = i + 1; j < to && hits.places[j]! <= hits.places[i]! + 2; j++) if (hits.terms[j] === other) return true;
  }
  return false;
}

/**
 * The summed weight of the distinct terms among `found[from..to)` (term
 * indexes; -1 for none), summed in the order they first appear; `seen` is
 * scratch room, one byte per term.
 */
function distinctWeight(found: readonly number[], weights: readonly number[], seen: Uint8Array, from = 0, to = found.length): number {
  seen.fill(0);
  let sum = 0;
  for (let i = from; i < to; i++) {
    const t = found[i]!;
    if (t < 0 || seen[t] === 1) continue;
    seen[t] = 1;
    sum += weights[t]!;
  }
  return sum;
}

/** The weight of the distinct question terms a title holds: the question's few stems looked up in it, rather than each of its stems mapped. */
function titleWeight(termOfStem: ReadonlyMap<string, number>, title: ReadonlySet<string>, weights: readonly number[], seen: Uint8Array): number {
  seen.fill(0);
  let sum = 0;
  for (const [stem, term] of termOfStem) {
    if (seen[term] === 1 || !title.has(stem)) continue;
    seen[term] = 1;
    sum += weights[term]!;
  }
  return sum;
}

/** The largest weight of distinct question terms found within any window of PROXIMITY_WINDOW words of one sentence (its hits [from, to)). */
function bestWindow(hits: Hits, [from, to]: [number, number], weights: readonly number[], seen: Uint8Array): number {
  let best = 0;
  for (let start = from; start < to; start++) {
    let end = start + 1;
    while (end < to && hits.places[end]! < hits.places[start]! + PROXIMITY_WINDOW) end++;
    best = Math.max(best, distinctWeight(hits.terms, weights, seen, start, end));
  }
  return best;
}
