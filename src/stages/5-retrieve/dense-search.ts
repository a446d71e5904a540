/**
 * Dense search over the paragraph vectors: an exact scan, or, for an index
 * with vector lists (store/vector-lists.ts), a scan of the lists closest to
 * the question only. The lists are probed until enough rows were seen, so a
 * question landing among small lists still gets enough candidates.
 */
import type { VectorLists } from '../../contracts/store.ts';
import { allocateRowScores, rowScoresOver, type RowScores } from '../../kernel/row-scores.ts';
import { KBest, type ScoredRow } from '../../kernel/top-k.ts';

export interface ListProbes {
  /**
   * @default 12 — lists scanned per question. Recall@20 against the exact scan at 100,003 paragraphs
   * (the bench's corpus, offline model built on the seed articles): 0.958 in 0.27 ms; 16 lists 0.973 in
   * 0.34 ms, 24 lists 0.984 in 0.47 ms (npm run bench prints it for the default; it read 0.99 with an
   * earlier build of the offline model).
   */
  lists: number;
  /** @default 40 — rows to see per result wanted, beyond the first lists if needed, so a question among small lists still gets enough. */
  candidatesPerResult: number;
}

export const DEFAULT_LIST_PROBES: ListProbes = { lists: 12, candidatesPerResult: 40 };

/** Rows a search may return (1) or must skip (0), one byte per paragraph row; null: every row. */
export type RowMask = Uint8Array | null;

/** The rows both masks allow: `only` (a question's candidates in a small index fetched for it) and `allowed` (a filter's). */
export function bothAllow(only: Uint8Array, allowed: RowMask): Uint8Array {
  if (!allowed) return only;
  const both = new Uint8Array(only.length);
  for (let row = 0; row < only.length; row++) both[row] = only[row]! & allowed[row]!;
  return both;
}

/** Dense search over the paragraph vectors: exact, or through vector lists when the index has them. */
export interface DenseSearch {
  search(vector: Float32Array, k: number, allowed?: RowMask): ScoredRow[];
  readonly approximate: boolean;
  /** Whether rows are scored in WebAssembly SIMD (retrieve/simd-scan.ts). */
  readonly simd: boolean;
}

export class ExactSearch implements DenseSearch {
  readonly approximate = false;
  private readonly rows: number;
  private readonly scorer: RowScores;

  constructor(matrix: Float32Array, dimensions: number) {
    this.rows = matrix.length / dimensions;
    this.scorer = rowScoresOver(matrix, dimensions);
  }

  get simd(): boolean {
    return this.scorer.simd;
  }

  search(vector: Float32Array, k: number, allowed: RowMask = null): ScoredRow[] {
    this.scorer.setQuery(vector);
    const best = new KBest(k);
    offerRun(best, this.scorer.scores(0, this.rows), 0, null, allowed);
    return best.result();
  }
}

export class ListSearch implements DenseSearch {
  readonly approximate = true;
  private readonly centroids: ExactSearch;
  /** The vectors regrouped list by list: a list is scanned as one contiguous run (2.5× faster than row by row at 100,000 rows). */
  private readonly grouped: RowScores;
  /** Where each list starts in `grouped` (one extra entry: where the last ends). */
  private readonly listStarts: Uint32Array;
  /** The matrix row of each position of `grouped`. */
  private readonly rowAt: Int32Array;

  constructor(
    matrix: Float32Array,
    dimensions: number,
    lists: VectorLists,
    private readonly probes: ListProbes = DEFAULT_LIST_PROBES,
  ) {
    this.centroids = new ExactSearch(lists.centroids, dimensions);
    const count = lists.centroids.length / dimensions;
    this.listStarts = new Uint32Array(count + 1);
    for (const list of lists.listOfRow) this.listStarts[list + 1]!++;
    for (let list = 0; list < count; list++) this.listStarts[list + 1]! += this.listStarts[list]!;
    const next = this.listStarts.slice(0, count);
    this.rowAt = new Int32Array(lists.listOfRow.length);
    this.grouped = allocateRowScores(lists.listOfRow.length, dimensions);
    const grouped = this.grouped.matrix;
    lists.listOfRow.forEach((list, row) => {
      const at = next[list]!++;
      this.rowAt[at] = row;
      grouped.set(matrix.subarray(row * dimensions, (row + 1) * dimensions), at * dimensions);
    });
  }

  get simd(): boolean {
    return this.grouped.simd;
  }

  search(vector: Float32Array, k: number, allowed: RowMask = null): ScoredRow[] {
    const lists = this.centroids.search(vector, Math.min(this.listStarts.length - 1, this.probes.lists * 4));
    const best = new KBest(k);
    const enough = k * this.probes.candidatesPerResult;
    let scanned = 0;
    this.grouped.setQuery(vector);
    for (const [probe, { row: list }] of lists.entries()) {
      if (probe >= this.probes.lists && scanned >= enough) break;
      const start = this.listStarts[list]!;
      const length = this.listStarts[list + 1]! - start;
      // Rows a filter skips do not count towards enough candidates.
      scanned += offerRun(best, this.grouped.scores(start, length), start, this.rowAt, allowed);
    }
    return best.result();
  }
}

/**
 * Offers a run of scores, position `first + i` standing for row
 * `rowAt[first + i]` (or itself), skipping rows the mask leaves out;
 * returns how many rows it could offer.
 */
function offerRun(best: KBest, scores: Float32Array, first: number, rowAt: Int32Array | null, allowed: RowMask): number {
  let offered = 0;
  for (let i = 0; i < scores.length; i++) {
    const row = rowAt ? rowAt[first + i]! : first + i;
    if (allowed && allowed[row] === 0) continue;
    offered++;
    const score = scores[i]!;
    if (score >= best.threshold) best.offer(row, score);
  }
  return offered;
}

/** The dense search an index supports: through its lists when it has them. */
export function denseSearchFor(matrix: Float32Array, dimensions: number, lists: VectorLists | null, probes = DEFAULT_LIST_PROBES): DenseSearch {
  return lists ? new ListSearch(matrix, dimensions, lists, probes) : new ExactSearch(matrix, dimensions);
}
