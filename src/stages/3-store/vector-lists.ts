/**
 * Vector lists for large indexes: an inverted file of vectors (IVF, as in
 * FAISS' `IndexIVFFlat`). When a build is written, spherical k-means splits
 * the paragraph vectors into lists around centroids; a question is then
 * compared with the centroids and only the rows of its closest lists are
 * scanned (retrieve/dense-search.ts). At 100,000 paragraphs that reads a few
 * per cent of the vectors instead of all of them.
 *
 * Below `VECTOR_LISTS.minRows` an exact scan is fast enough (under 4 ms) and
 * no lists are built, so small corpora keep exact rankings.
 *
 * On disk: `lists.f32` (the centroids, raw little-endian float32) and
 * `lists.u32` (each paragraph row's list, raw little-endian uint32).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rowScoresOver, type RowScores } from '../../kernel/row-scores.ts';
import { mulberry32 } from '../../shared/random.ts';

export const VECTOR_LISTS = {
  /** Paragraph count from which lists are built. */
  minRows: 20_000,
  /** Rows of the k-means sample per list (FAISS warns under 39). */
  samplePerList: 40,
  iterations: 8,
} as const;

/** Centroids (row-major, normalised) and, for each row of the matrix, its list. */
export interface VectorLists {
  centroids: Float32Array;
  listOfRow: Uint32Array;
  /** How many rows the index had when the centroids were trained. */
  trainedOn: number;
}

/**
 * Centroids trained on n rows still describe an index that has grown or
 * shrunk by a quarter (the usual IVF practice: train once, add, retrain when
 * the data has moved); past that they are trained again.
 */
const REUSE_RANGE = { min: 0.8, max: 1.25 } as const;

/**
 * Lists for a new build that reuses the previous build's: rows whose list is
 * known keep it, new or changed rows are assigned to the closest centroid.
 * Null when the previous centroids are too far from the index's size.
 */
export async function extendVectorLists(
  matrix: Float32Array,
  dimensions: number,
  previous: VectorLists,
  knownListOfRow: readonly (number | undefined)[],
): Promise<VectorLists | null> {
  const rows = matrix.length / dimensions;
  if (rows < REUSE_RANGE.min * previous.trainedOn || rows > REUSE_RANGE.max * previous.trainedOn) return null;
  if (previous.centroids.length % dimensions !== 0) return null;
  const listOfRow = new Uint32Array(rows);
  const unknown: number[] = [];
  knownListOfRow.forEach((list, row) => {
    if (list === undefined) unknown.push(row);
    else listOfRow[row] = list;
  });
  const centroids = rowScoresOver(previous.centroids, dimensions);
  for (let start = 0; start < unknown.length; start += ROWS_PER_SLICE) {
    for (const row of unknown.slice(start, start + ROWS_PER_SLICE)) {
      listOfRow[row] = closestCentroid(centroids, matrix.subarray(row * dimensions, (row + 1) * dimensions));
    }
    await pause();
  }
  return { centroids: previous.centroids, listOfRow, trainedOn: previous.trainedOn };
}

/** How many lists for n rows: √n balances the centroid scan against the list scan. */
export function listCount(rows: number): number {
  return Math.max(1, Math.round(Math.sqrt(rows)));
}

const pause = () => new Promise((resolve) => setImmediate(resolve));

/** Rows between pauses: about 20 ms of work, so a service building an index keeps answering. */
const ROWS_PER_SLICE = 4096;

/**
 * Spherical k-means on a sample of the rows, then every row assigned to its
 * closest centroid. Yields to the event loop between slices of work.
 */
export async function buildVectorLists(matrix: Float32Array, dimensions: number, seed = 1): Promise<VectorLists> {
  const rows = matrix.length / dimensions;
  const lists = listCount(rows);
  // Seeded, so a corpus always gets the same lists.
  const next = mulberry32(seed);
  const sampleSize = Math.min(rows, lists * VECTOR_LISTS.samplePerList);
  // A partial Fisher–Yates shuffle picks the sample without repeats.
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(next() * (rows - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const sample = new Float32Array(sampleSize * dimensions);
  for (let i = 0; i < sampleSize; i++) sample.set(matrix.subarray(order[i]! * dimensions, (order[i]! + 1) * dimensions), i * dimensions);

  const centroids = sample.slice(0, lists * dimensions);
  const sampleLists = new Uint32Array(sampleSize);
  for (let iteration = 0; iteration < VECTOR_LISTS.iterations; iteration++) {
    await assign(sample, centroids, dimensions, sampleLists);
    const sums = new Float64Array(lists * dimensions);
    const sizes = new Uint32Array(lists);
    for (let i = 0; i < sampleSize; i++) {
      const list = sampleLists[i]!;
      sizes[list]!++;
      for (let d = 0; d < dimensions; d++) sums[list * dimensions + d]! += sample[i * dimensions + d]!;
    }
    for (let list = 0; list < lists; list++) {
      // An empty list restarts from a random sample row rather than staying dead.
      if (sizes[list] === 0) {
        const row = Math.floor(next() * sampleSize);
        centroids.set(sample.subarray(row * dimensions, (row + 1) * dimensions), list * dimensions);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < dimensions; d++) norm += sums[list * dimensions + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dimensions; d++) centroids[list * dimensions + d] = sums[list * dimensions + d]! / norm;
    }
  }
  const listOfRow = new Uint32Array(rows);
  await assign(matrix, centroids, dimensions, listOfRow);
  return { centroids, listOfRow, trainedOn: rows };
}

async function assign(matrix: Float32Array, centroidMatrix: Float32Array, dimensions: number, out: Uint32Array): Promise<void> {
  const rows = matrix.length / dimensions;
  const centroids = rowScoresOver(centroidMatrix, dimensions);
  for (let start = 0; start < rows; start += ROWS_PER_SLICE) {
    const end = Math.min(rows, start + ROWS_PER_SLICE);
    for (let row = start; row < end; row++) out[row] = closestCentroid(centroids, matrix.subarray(row * dimensions, (row + 1) * dimensions));
    await pause();
  }
}

function closestCentroid(centroids: RowScores, vector: Float32Array): number {
  centroids.setQuery(vector);
  const scores = centroids.scores(0, centroids.matrix.length / vector.length);
  let best = 0;
  let bestScore = -Infinity;
  for (let list = 0; list < scores.length; list++) {
    const score = scores[list]!;
    if (score > bestScore) {
      bestScore = score;
      best = list;
    }
  }
  return best;
}

const CENTROIDS_FILE = 'lists.f32';
const ROW_LISTS_FILE = 'lists.u32';
const LISTS_INFO_FILE = 'lists.json';

export async function writeVectorLists(buildDir: string, lists: VectorLists): Promise<void> {
  await writeFile(path.join(buildDir, CENTROIDS_FILE), new Uint8Array(lists.centroids.buffer, lists.centroids.byteOffset, lists.centroids.byteLength));
  await writeFile(path.join(buildDir, ROW_LISTS_FILE), new Uint8Array(lists.listOfRow.buffer, lists.listOfRow.byteOffset, lists.listOfRow.byteLength));
  await writeFile(path.join(buildDir, LISTS_INFO_FILE), JSON.stringify({ trainedOn: lists.trainedOn }));
}

/** The build's lists, or null when it has none (a small index). */
export async function readVectorLists(buildDir: string, rows: number, dimensions: number): Promise<VectorLists | null> {
  let centroidBytes: Buffer;
  try {
    centroidBytes = await readFile(path.join(buildDir, CENTROIDS_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const rowBytes = await readFile(path.join(buildDir, ROW_LISTS_FILE));
  const { trainedOn } = JSON.parse(await readFile(path.join(buildDir, LISTS_INFO_FILE), 'utf8')) as { trainedOn: number };
  // Copies align the numbers whatever the offset of each Buffer in its pool.
  const centroids = new Float32Array(new Uint8Array(centroidBytes).buffer);
  const listOfRow = new Uint32Array(new Uint8Array(rowBytes).buffer);
  const count = centroids.length / dimensions;
  if (
    centroidBytes.byteLength % (4 * dimensions) !== 0 ||
    listOfRow.length !== rows ||
    listOfRow.some((list) => list >= count) ||
    !Number.isInteger(trainedOn)
  ) {
    throw new Error(`${CENTROIDS_FILE} and ${ROW_LISTS_FILE} do not match the ${rows} paragraphs of ${dimensions} dimensions`);
  }
  return { centroids, listOfRow, trainedOn };
}
