/**
 * The lexical view of the indexed paragraphs: their content stems, the
 * stems' inverse document frequencies, and BM25 ranking over them. Stems
 * that differ only in their last letter or two (`reproduir`/`reproduis`,
 * `syndical`/`syndicat`) are treated as one term, which Snowball's French
 * stemmer leaves apart.
 */
import { contentStems } from '../text/words.ts';
import type { ScoredRow } from './top-k.ts';

/** One term of a query: any of its stems counts; `weight` is its importance. */
export interface LexicalTerm {
  stems: readonly string[];
  weight: number;
}

const BM25 = { k1: 1.2, b: 0.75 } as const;
const NEAR_PREFIX_MIN = 5;

export function nearStems(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < NEAR_PREFIX_MIN) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= Math.max(NEAR_PREFIX_MIN, shorter - 1);
}

/** The paragraphs that hold a stem, with how often: an inverted index, so a query reads only them. */
interface Posting {
  rows: number[];
  frequencies: number[];
}

export class LexicalIndex {
  readonly paragraphStems: ReadonlySet<string>[];
  private readonly postings = new Map<string, Posting>();
  /** BM25's length normalisation of each paragraph, computed once. */
  private readonly lengthNorms: Float64Array;
  private readonly byPrefix = new Map<string, string[]>();

  /** From the paragraphs' texts. */
  static fromTexts(paragraphs: readonly string[]): LexicalIndex {
    return new LexicalIndex(paragraphs.map((text) => contentStems(text)));
  }

  /** From the content stems of each paragraph, in order (`contentStems` of its text). */
  constructor(stemLists: readonly (readonly string[])[]) {
    this.paragraphStems = stemLists.map((stems) => new Set(stems));
    const averageLength = stemLists.reduce((sum, stems) => sum + stems.length, 0) / Math.max(1, stemLists.length);
    this.lengthNorms = Float64Array.from(stemLists, (stems) => BM25.k1 * (1 - BM25.b + (BM25.b * stems.length) / averageLength));
    stemLists.forEach((stems, row) => {
      const counts = new Map<string, number>();
      for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
      for (const [stem, frequency] of counts) {
        let posting = this.postings.get(stem);
        if (!posting) {
          posting = { rows: [], frequencies: [] };
          this.postings.set(stem, posting);
          if (stem.length >= NEAR_PREFIX_MIN) {
            const key = stem.slice(0, NEAR_PREFIX_MIN);
            if (!this.byPrefix.has(key)) this.byPrefix.set(key, []);
            this.byPrefix.get(key)!.push(stem);
          }
        }
        posting.rows.push(row);
        posting.frequencies.push(frequency);
      }
    });
  }

  private documentFrequency(stem: string): number {
    return this.postings.get(stem)?.rows.length ?? 0;
  }

  get size(): number {
    return this.paragraphStems.length;
  }

  /** Smoothed IDF: a stem no paragraph has weighs most, and never infinitely. */
  idf(stem: string): number {
    const n = this.paragraphStems.length;
    return Math.log((n + 1) / (this.documentFrequency(stem) + 1)) + 1;
  }

  knows(stem: string): boolean {
    return this.postings.has(stem);
  }

  /** The stem itself and the indexed stems that are near it. */
  expand(stem: string): string[] {
    const near = (this.byPrefix.get(stem.slice(0, NEAR_PREFIX_MIN)) ?? []).filter((s) => s !== stem && nearStems(s, stem));
    return [stem, ...near];
  }

  /** BM25 with each term scored by the best of its stems; only paragraphs holding a term are visited. */
  search(terms: readonly LexicalTerm[], k: number): ScoredRow[] {
    const scores = new Map<number, number>();
    for (const term of terms) {
      const best = new Map<number, number>();
      for (const stem of term.stems) {
        const posting = this.postings.get(stem);
        if (!posting) continue;
        const idf = this.bm25Idf(stem);
        for (let i = 0; i < posting.rows.length; i++) {
          const row = posting.rows[i]!;
          const tf = posting.frequencies[i]!;
          const score = (idf * (tf * (BM25.k1 + 1))) / (tf + this.lengthNorms[row]!);
          if (score > (best.get(row) ?? 0)) best.set(row, score);
        }
      }
      for (const [row, score] of best) scores.set(row, (scores.get(row) ?? 0) + score * term.weight);
    }
    return [...scores]
      .map(([row, score]) => ({ row, score }))
      .sort((a, b) => b.score - a.score || a.row - b.row)
      .slice(0, k);
  }

  private bm25Idf(stem: string): number {
    const df = this.documentFrequency(stem);
    const n = this.paragraphStems.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
