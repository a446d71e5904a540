/**
 * Spherical k-means over unit vectors: centroids are the normalised means of
 * their rows, and a row belongs to the centroid with the largest dot
 * product. Trained on a sample, as FAISS trains its IVF quantizer. Long runs
 * yield to the event loop between slices, so a service building an index
 * keeps answering.
 */
import { mulberry32 } from '../shared/random.ts';
import { rowScoresOver, type RowScores } from './row-scores.ts';
import { yieldToEventLoop } from '../shared/yield.ts';

export interface KMeansOptions {
  /**
   * Rows of the training sample per centroid.
   * @default 40 — FAISS warns under 39.
   */
  samplePerCentroid: number;
  /** @default 8 — the centroids barely move after that on sentence embeddings. */
  iterations: number;
  /** @default 1 — seeded, so the same rows always give the same centroids. */
  seed: number;
}

export const DEFAULT_K_MEANS: KMeansOptions = { samplePerCentroid: 40, iterations: 8, seed: 1 };

/** Rows between pauses: about 20 ms of work. */
const ROWS_PER_SLICE = 4096;

/** `count` centroids (row-major, normalised) for the rows of `matrix`. */
export async function trainCentroids(matrix: Float32Array, dimensions: number, count: number, options: KMeansOptions = DEFAULT_K_MEANS): Promise<Float32Array> {
  const next = mulberry32(options.seed);
  const sample = sampleRows(matrix, dimensions, Math.min(matrix.length / dimensions, count * options.samplePerCentroid), next);
  const sampleSize = sample.length / dimensions;
  const centroids = sample.slice(0, count * dimensions);
  const sampleLists = new Uint32Array(sampleSize);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    await assignToCentroids(sample, centroids, dimensions, sampleLists);
    const { sums, sizes } = sumByCentroid(sample, dimensions, sampleLists, count);
    for (let list = 0; list < count; list++) {
      // An empty list restarts from a random sample row rather than staying dead.
      if (sizes[list] === 0) {
        const row = Math.floor(next() * sampleSize);
        centroids.set(sample.subarray(row * dimensions, (row + 1) * dimensions), list * dimensions);
      } else {
        normaliseInto(sums.subarray(list * dimensions, (list + 1) * dimensions), centroids.subarray(list * dimensions, (list + 1) * dimensions));
      }
    }
  }
  return centroids;
}

/** A partial Fisher–Yates shuffle picks `size` distinct rows. */
function sampleRows(matrix: Float32Array, dimensions: number, size: number, next: () => number): Float32Array {
  const rows = matrix.length / dimensions;
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(next() * (rows - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const sample = new Float32Array(size * dimensions);
  for (let i = 0; i < size; i++) sample.set(matrix.subarray(order[i]! * dimensions, (order[i]! + 1) * dimensions), i * dimensions);
  return sample;
}

function sumByCentroid(sample: Float32Array, dimensions: number, lists: Uint32Array, count: number): { sums: Float64Array; sizes: Uint32Array } {
  const sums = new Float64Array(count * dimensions);
  const sizes = new Uint32Array(count);
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i]!;
    sizes[list]!++;
    for (let d = 0; d < dimensions; d++) sums[list * dimensions + d]! += sample[i * dimensions + d]!;
  }
  return { sums, sizes };
}

function normaliseInto(sum: Float64Array, out: Float32Array): void {
  let norm = 0;
  for (let d = 0; d < sum.length; d++) norm += sum[d]! ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < sum.length; d++) out[d] = sum[d]! / norm;
}

/** Writes into `out[row]` the closest centroid of each of `rows` (every row when null). */
export async function assignToCentroids(
  matrix: Float32Array,
  centroidMatrix: Float32Array,
  dimensions: number,
  out: Uint32Array,
  rows: readonly number[] | null = null,
): Promise<void> {
  const centroids = rowScoresOver(centroidMatrix, dimensions);
  const count = rows ? rows.length : matrix.length / dimensions;
  for (let start = 0; start < count; start += ROWS_PER_SLICE) {
    const end = Math.min(count, start + ROWS_PER_SLICE);
    for (let i = start; i < end; i++) {
      const row = rows ? rows[i]! : i;
      out[row] = closestCentroid(centroids, matrix.subarray(row * dimensions, (row + 1) * dimensions));
    }
    await yieldToEventLoop();
  }
}

function closestCentroid(centroids: RowScores, vector: Float32Array): number {
  centroids.setQuery(vector);
  const scores = centroids.scores(0, centroids.matrix.length / vector.length);
  let best = 0;
  let bestScore = -Infinity;
  for (let list = 0; list < scores.length; list++) {
    if (scores[list]! > bestScore) {
      bestScore = scores[list]!;
      best = list;
    }
  }
  return best;
}
