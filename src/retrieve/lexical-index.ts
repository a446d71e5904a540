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

export class LexicalIndex {
  readonly paragraphStems: ReadonlySet<string>[];
  private readonly termFrequencies: Map<string, number>[];
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly documentFrequency = new Map<string, number>();
  private readonly byPrefix = new Map<string, string[]>();

  constructor(paragraphs: readonly string[]) {
    const stemLists = paragraphs.map((text) => contentStems(text));
    this.paragraphStems = stemLists.map((stems) => new Set(stems));
    this.termFrequencies = stemLists.map((stems) => {
      const counts = new Map<string, number>();
      for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
      return counts;
    });
    this.lengths = stemLists.map((stems) => stems.length);
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
    for (const stems of this.paragraphStems) {
      for (const stem of stems) {
        const seen = this.documentFrequency.get(stem);
        this.documentFrequency.set(stem, (seen ?? 0) + 1);
        if (seen === undefined && stem.length >= NEAR_PREFIX_MIN) {
          const key = stem.slice(0, NEAR_PREFIX_MIN);
          if (!this.byPrefix.has(key)) this.byPrefix.set(key, []);
          this.byPrefix.get(key)!.push(stem);
        }
      }
    }
  }

  get size(): number {
    return this.paragraphStems.length;
  }

  /** Smoothed IDF: a stem no paragraph has weighs most, and never infinitely. */
  idf(stem: string): number {
    const n = this.paragraphStems.length;
    return Math.log((n + 1) / ((this.documentFrequency.get(stem) ?? 0) + 1)) + 1;
  }

  knows(stem: string): boolean {
    return this.documentFrequency.has(stem);
  }

  /** The stem itself and the indexed stems that are near it. */
  expand(stem: string): string[] {
    const near = (this.byPrefix.get(stem.slice(0, NEAR_PREFIX_MIN)) ?? []).filter((s) => s !== stem && nearStems(s, stem));
    return [stem, ...near];
  }

  /** BM25 with each term scored by the best of its stems. */
  search(terms: readonly LexicalTerm[], k: number): ScoredRow[] {
    const n = this.paragraphStems.length;
    const scored: ScoredRow[] = [];
    for (let row = 0; row < n; row++) {
      const frequencies = this.termFrequencies[row]!;
      const norm = BM25.k1 * (1 - BM25.b + (BM25.b * this.lengths[row]!) / this.averageLength);
      let score = 0;
      for (const term of terms) {
        let best = 0;
        for (const stem of term.stems) {
          const tf = frequencies.get(stem);
          if (tf) best = Math.max(best, this.bm25Idf(stem) * ((tf * (BM25.k1 + 1)) / (tf + norm)));
        }
        score += best * term.weight;
      }
      if (score > 0) scored.push({ row, score });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, k);
  }

  private bm25Idf(stem: string): number {
    const df = this.documentFrequency.get(stem) ?? 0;
    const n = this.paragraphStems.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
