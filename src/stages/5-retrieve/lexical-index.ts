/**
 * The lexical view of the indexed paragraphs: their content stems, the
 * stems' inverse document frequencies, and BM25 ranking over them. Stems
 * that differ only in their last letter or two (`reproduir`/`reproduis`,
 * `syndical`/`syndicat`), or by a derivation (`evad`/`evas`), are treated
 * as one term, which Snowball's French stemmer leaves apart.
 */
import type { LexicalTerm, Lexicon } from '../../contracts/query.ts';
import { DEFAULT_BM25, type Bm25Parameters } from '../../contracts/shared-index.ts';
import type { StoredTerms } from '../../contracts/store.ts';
import { KBest, type ScoredRow } from '../../kernel/top-k.ts';
import { bm25Idf, bm25TermFrequencyPart, smoothedIdf } from '../../shared/idf.ts';
import { commonPrefixLength, contentStems, derivationalPartner } from '../../text/words.ts';
import type { RowMask } from './dense-search.ts';

/** Stems share a family when they agree on all but their last letter, from this length on. */
const NEAR_PREFIX_MIN = 5;

export function nearStems(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < NEAR_PREFIX_MIN) return false;
  return commonPrefixLength(a, b) >= Math.max(NEAR_PREFIX_MIN, shorter - 1);
}

/** The key under which a stem's near stems are found: its first letters (none for a stem too short to have near ones). */
export function familyKey(stem: string): string | null {
  return stem.length >= NEAR_PREFIX_MIN ? stem.slice(0, NEAR_PREFIX_MIN) : null;
}

/** A stem and, of the indexed stems sharing its key (`sameKey`), those near it, then its derivational partner when indexed. */
export function wordFamily(stem: string, sameKey: readonly string[], knows: (stem: string) => boolean): string[] {
  // In byte order: the same family whichever order the stems were indexed or fetched in.
  const near = sameKey.filter((s) => s !== stem && nearStems(s, stem)).sort();
  const partner = derivationalPartner(stem);
  if (partner !== null && knows(partner) && !near.includes(partner)) near.push(partner);
  return [stem, ...near];
}

/**
 * The paragraphs that hold a stem, in row order, each with its BM25 score
 * for that stem computed once at load: a query then only adds numbers up.
 */
interface Posting {
  rows: Int32Array;
  impacts: Float32Array;
}

/**
 * The corpus a BM25 score is relative to, when the index holds only some of
 * its paragraphs (a question's candidates fetched from a database): its
 * size, mean length and document frequencies, instead of the index's own.
 */
export interface CorpusStatistics {
  paragraphs: number;
  averageLength: number;
  documentFrequency(stem: string): number;
}

/** A lexical ranking of paragraphs for weighted terms: what the retriever asks of BM25, or of any replacement. */
export interface LexicalRanker {
  /** The k best paragraph rows, skipping those `allowed` leaves out. */
  search(terms: readonly LexicalTerm[], k: number, allowed?: RowMask): ScoredRow[];
}

/** Paragraphs' stems as ids into a vocabulary, as a build keeps them. */
export type StemIds = Pick<StoredTerms, 'vocabulary' | 'offsets' | 'ids'>;

/** A stem's paragraphs, in row order, with how often each holds it; and each paragraph's count of stems. */
interface Counted {
  lists: Iterable<{ stem: string; rows: Int32Array; frequencies: ArrayLike<number> }>;
  lengths: ArrayLike<number>;
}

function isStemIds(stems: Iterable<readonly string[]> | StemIds): stems is StemIds {
  return (stems as StemIds).offsets instanceof Uint32Array;
}

function countStems(stemLists: Iterable<readonly string[]>): Counted {
  const building = new Map<string, { rows: number[]; frequencies: number[] }>();
  const lengths: number[] = [];
  for (const stems of stemLists) {
    const row = lengths.length;
    lengths.push(stems.length);
    const counts = new Map<string, number>();
    for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    for (const [stem, frequency] of counts) {
      let posting = building.get(stem);
      if (!posting) building.set(stem, (posting = { rows: [], frequencies: [] }));
      posting.rows.push(row);
      posting.frequencies.push(frequency);
    }
  }
  const lists = [...building].map(([stem, { rows, frequencies }]) => ({ stem, rows: Int32Array.from(rows), frequencies }));
  return { lists, lengths };
}

/** The same count over ids, in two passes: each id's paragraphs counted, then laid out in one array, a stem's run after another's. */
function countStemIds({ vocabulary, offsets, ids }: StemIds): Counted {
  const rowCount = offsets.length - 1;
  const lengths = new Int32Array(rowCount);
  const paragraphs = new Int32Array(vocabulary.length);
  // The last row each id was met in, plus one (0: never).
  const lastRow = new Int32Array(vocabulary.length);
  for (let row = 0; row < rowCount; row++) {
    lengths[row] = offsets[row + 1]! - offsets[row]!;
    for (let i = offsets[row]!; i < offsets[row + 1]!; i++) {
      const id = ids[i]!;
      if (lastRow[id] !== row + 1) (lastRow[id] = row + 1), paragraphs[id]!++;
    }
  }
  const start = new Int32Array(vocabulary.length + 1);
  for (let id = 0; id < vocabulary.length; id++) start[id + 1] = start[id]! + paragraphs[id]!;
  const rows = new Int32Array(start[vocabulary.length]!);
  const frequencies = new Int32Array(rows.length);
  // Where each id's next paragraph goes; the slot of its current one is the one before.
  const next = start.slice(0, vocabulary.length);
  lastRow.fill(0);
  for (let row = 0; row < rowCount; row++) {
    for (let i = offsets[row]!; i < offsets[row + 1]!; i++) {
      const id = ids[i]!;
      if (lastRow[id] !== row + 1) (lastRow[id] = row + 1), (rows[next[id]!] = row), next[id]!++;
      frequencies[next[id]! - 1]!++;
    }
  }
  const lists = [];
  for (let id = 0; id < vocabulary.length; id++) {
    if (paragraphs[id]! > 0) lists.push({ stem: vocabulary[id]!, rows: rows.subarray(start[id]!, start[id + 1]!), frequencies: frequencies.subarray(start[id]!, start[id + 1]!) });
  }
  return { lists, lengths };
}

export class LexicalIndex implements LexicalRanker, Lexicon {
  private readonly postings = new Map<string, Posting>();
  private readonly paragraphCount: number;
  private readonly byPrefix = new Map<string, string[]>();
  /** Per-query scratch, reused: one score per paragraph, and per term the best of its stems. */
  private readonly scores: Float32Array;
  private readonly termScores: Float32Array;
  /** Rows given a score so far, and rows given a score by the current term. */
  private readonly touched: Int32Array;
  private readonly termTouched: Int32Array;

  /** From the paragraphs' texts. */
  static fromTexts(paragraphs: Iterable<string>, options: Bm25Parameters = DEFAULT_BM25): LexicalIndex {
    const stemLists = (function* () {
      for (const text of paragraphs) yield contentStems(text);
    })();
    return new LexicalIndex(stemLists, options);
  }

  /**
   * From the content stems of each paragraph, in order (`contentStems` of its text), read once; or from them stored as
   * ids into a vocabulary (a build's stems, `StoredTerms`), counted by id without a string a stem. Scored against
   * `corpus` when given, else against these paragraphs.
   */
  constructor(stems: Iterable<readonly string[]> | StemIds, options: Bm25Parameters = DEFAULT_BM25, corpus?: CorpusStatistics) {
    const { lists, lengths } = isStemIds(stems) ? countStemIds(stems) : countStems(stems);
    this.paragraphCount = lengths.length;
    this.scores = new Float32Array(this.paragraphCount);
    this.termScores = new Float32Array(this.paragraphCount);
    this.touched = new Int32Array(this.paragraphCount);
    this.termTouched = new Int32Array(this.paragraphCount);
    let total = 0;
    for (let row = 0; row < lengths.length; row++) total += lengths[row]!;
    const averageLength = corpus?.averageLength ?? total / Math.max(1, lengths.length);
    for (const { stem, rows, frequencies } of lists) {
      const idf = corpus ? bm25Idf(corpus.paragraphs, corpus.documentFrequency(stem)) : bm25Idf(this.paragraphCount, rows.length);
      const impacts = new Float32Array(rows.length);
      for (let i = 0; i < rows.length; i++) impacts[i] = idf * bm25TermFrequencyPart(frequencies[i]!, lengths[rows[i]!]!, options, averageLength);
      this.postings.set(stem, { rows, impacts });
      const key = familyKey(stem);
      if (key !== null) {
        if (!this.byPrefix.has(key)) this.byPrefix.set(key, []);
        this.byPrefix.get(key)!.push(stem);
      }
    }
  }

  private documentFrequency(stem: string): number {
    return this.postings.get(stem)?.rows.length ?? 0;
  }

  /** Smoothed IDF: a stem no paragraph has weighs most, and never infinitely. */
  idf(stem: string): number {
    return smoothedIdf(this.paragraphCount, this.documentFrequency(stem));
  }

  knows(stem: string): boolean {
    return this.postings.has(stem);
  }

  /** The stem itself and the indexed stems that are near it or of its word family. */
  expand(stem: string): string[] {
    const key = familyKey(stem);
    return wordFamily(stem, (key !== null && this.byPrefix.get(key)) || [], (s) => this.knows(s));
  }

  /** Of these stems, those some paragraph holds that `allowed` leaves in: what the articles a question may answer from say of its words. */
  held(stems: readonly string[], allowed: RowMask = null): ReadonlySet<string> {
    const held = new Set<string>();
    for (const stem of stems) {
      const rows = this.postings.get(stem)?.rows;
      // Without a mask any posting will do; with one, the first allowed row ends the walk.
      if (rows && (!allowed || rows.some((row) => allowed[row] === 1))) held.add(stem);
    }
    return held;
  }

  /** BM25 with each term scored by the best of its stems; only paragraphs holding a term are visited. */
  search(terms: readonly LexicalTerm[], k: number, allowed: RowMask = null): ScoredRow[] {
    const { scores, termScores, touched, termTouched } = this;
    let touchedCount = 0;
    for (const term of terms) {
      const postings = term.stems.map((stem) => this.postings.get(stem)).filter((p) => p !== undefined);
      const weight = term.weight;
      if (postings.length === 1) {
        const { rows, impacts } = postings[0]!;
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          if (scores[row] === 0) touched[touchedCount++] = row;
          scores[row]! += impacts[i]! * weight;
        }
        continue;
      }
      let termCount = 0;
      for (const { rows, impacts } of postings) {
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          if (termScores[row] === 0) termTouched[termCount++] = row;
          if (impacts[i]! > termScores[row]!) termScores[row] = impacts[i]!;
        }
      }
      for (let i = 0; i < termCount; i++) {
        const row = termTouched[i]!;
        if (scores[row] === 0) touched[touchedCount++] = row;
        scores[row]! += termScores[row]! * weight;
        termScores[row] = 0;
      }
    }
    const best = new KBest(k);
    for (let i = 0; i < touchedCount; i++) {
      const row = touched[i]!;
      if (scores[row]! >= best.threshold && (!allowed || allowed[row] === 1)) best.offer(row, scores[row]!);
      scores[row] = 0;
    }
    return best.result();
  }
}
