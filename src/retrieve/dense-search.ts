/**
 * Dense search over the paragraph vectors: an exact scan, or, for an index
 * with vector lists (store/vector-lists.ts), a scan of the lists closest to
 * the question only. The lists are probed until enough rows were seen, so a
 * question landing among small lists still gets enough candidates.
 */
import type { VectorLists } from '../store/vector-lists.ts';
import { dot, KBest, topK, type ScoredRow } from './top-k.ts';

export const LIST_PROBES = {
  /** Lists scanned per question: recall@20 against the exact scan is 0.99 at 100,000 paragraphs (npm run bench). */
  lists: 12,
  /** Rows to see per result wanted, beyond the first lists if needed. */
  candidatesPerResult: 40,
} as const;

/** Dense search over the paragraph vectors: exact, or through vector lists when the index has them. */
export interface DenseSearch {
  search(vector: Float32Array, k: number): ScoredRow[];
  readonly approximate: boolean;
}

export class ExactSearch implements DenseSearch {
  readonly approximate = false;
  constructor(private readonly matrix: Float32Array) {}
  search(vector: Float32Array, k: number): ScoredRow[] {
    return topK(this.matrix, vector, k);
  }
}

export class ListSearch implements DenseSearch {
  readonly approximate = true;
  private readonly centroids: Float32Array;
  /** The vectors regrouped list by list: a list is scanned as one contiguous run (2.5× faster than row by row at 100,000 rows). */
  private readonly grouped: Float32Array;
  /** Where each list starts in `grouped` (one extra entry: where the last ends). */
  private readonly listStarts: Uint32Array;
  /** The matrix row of each position of `grouped`. */
  private readonly rowAt: Int32Array;

  constructor(matrix: Float32Array, dimensions: number, lists: VectorLists) {
    this.centroids = lists.centroids;
    const count = lists.centroids.length / dimensions;
    this.listStarts = new Uint32Array(count + 1);
    for (const list of lists.listOfRow) this.listStarts[list + 1]!++;
    for (let list = 0; list < count; list++) this.listStarts[list + 1]! += this.listStarts[list]!;
    const next = this.listStarts.slice(0, count);
    this.rowAt = new Int32Array(lists.listOfRow.length);
    this.grouped = new Float32Array(matrix.length);
    lists.listOfRow.forEach((list, row) => {
      const at = next[list]!++;
      this.rowAt[at] = row;
      this.grouped.set(matrix.subarray(row * dimensions, (row + 1) * dimensions), at * dimensions);
    });
  }

  search(vector: Float32Array, k: number): ScoredRow[] {
    const count = this.listStarts.length - 1;
    const lists = topK(this.centroids, vector, Math.min(count, LIST_PROBES.lists * 4));
    const best = new KBest(k);
    const enough = k * LIST_PROBES.candidatesPerResult;
    let scanned = 0;
    for (const [probe, { row: list }] of lists.entries()) {
      if (probe >= LIST_PROBES.lists && scanned >= enough) break;
      const end = this.listStarts[list + 1]!;
      for (let at = this.listStarts[list]!; at < end; at++) {
        const score = dot(this.grouped, at, vector);
        if (score >= best.threshold) best.offer(this.rowAt[at]!, score);
      }
      scanned += end - this.listStarts[list]!;
    }
    return best.result();
  }
}

/** The dense search an index supports: through its lists when it has them. */
export function denseSearchFor(matrix: Float32Array, dimensions: number, lists: VectorLists | null): DenseSearch {
  return lists ? new ListSearch(matrix, dimensions, lists) : new ExactSearch(matrix);
}
