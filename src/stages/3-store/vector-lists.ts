/**
 * Vector lists for large indexes: an inverted file of vectors (IVF, as in
 * FAISS' `IndexIVFFlat`). When a build is written, spherical k-means splits
 * the paragraph vectors into lists around centroids; a question is then
 * compared with the centroids and only the rows of its closest lists are
 * scanned (retrieve/dense-search.ts). At 100,000 paragraphs that reads a few
 * per cent of the vectors instead of all of them.
 *
 * Below `minRows` (options below) an exact scan is fast enough (under 4 ms) and
 * no lists are built, so small corpora keep exact rankings.
 *
 * On disk: `lists.f32` (the centroids, raw little-endian float32) and
 * `lists.u32` (each paragraph row's list, raw little-endian uint32).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VectorLists } from '../../contracts/store.ts';
import { assignToCentroids, DEFAULT_K_MEANS, trainCentroids, type KMeansOptions } from '../../kernel/k-means.ts';

export interface VectorListOptions {
  /**
   * Paragraph count from which lists are built.
   * @default 20_000 — below it an exact scan takes under 4 ms, and small corpora keep exact rankings.
   */
  minRows: number;
  kMeans: KMeansOptions;
  /**
   * How far the index may grow or shrink from the size the centroids were
   * trained on before they are trained again.
   * @default { min: 0.8, max: 1.25 } — the usual IVF practice: train once, add, retrain when the data has moved.
   */
  reuseRange: { min: number; max: number };
}

export const DEFAULT_VECTOR_LISTS: VectorListOptions = { minRows: 20_000, kMeans: DEFAULT_K_MEANS, reuseRange: { min: 0.8, max: 1.25 } };

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
  options: VectorListOptions = DEFAULT_VECTOR_LISTS,
): Promise<VectorLists | null> {
  const rows = matrix.length / dimensions;
  const { min, max } = options.reuseRange;
  if (rows < min * previous.trainedOn || rows > max * previous.trainedOn) return null;
  if (previous.centroids.length % dimensions !== 0) return null;
  const listOfRow = new Uint32Array(rows);
  const unknown: number[] = [];
  knownListOfRow.forEach((list, row) => {
    if (list === undefined) unknown.push(row);
    else listOfRow[row] = list;
  });
  await assignToCentroids(matrix, previous.centroids, dimensions, listOfRow, unknown);
  return { centroids: previous.centroids, listOfRow, trainedOn: previous.trainedOn };
}

/** How many lists for n rows: √n balances the centroid scan against the list scan. */
export function listCount(rows: number): number {
  return Math.max(1, Math.round(Math.sqrt(rows)));
}

/** Centroids trained on a sample of the rows, then every row assigned to its closest one. */
export async function buildVectorLists(matrix: Float32Array, dimensions: number, options: VectorListOptions = DEFAULT_VECTOR_LISTS): Promise<VectorLists> {
  const rows = matrix.length / dimensions;
  const centroids = await trainCentroids(matrix, dimensions, listCount(rows), options.kMeans);
  const listOfRow = new Uint32Array(rows);
  await assignToCentroids(matrix, centroids, dimensions, listOfRow);
  return { centroids, listOfRow, trainedOn: rows };
}

/** A build's lists with the paragraph ids of their rows: what the next build extends. */
export interface ListsOfBuild {
  lists: VectorLists;
  ids: readonly string[];
}

/**
 * The lists of a new build whose paragraphs are `ids` (by row), with their
 * vectors: the previous build's extended while they fit its size (a kept
 * paragraph keeps its vector, and so its list; the others go to their
 * closest centroid), or else trained anew.
 */
export async function listsForBuild(
  { ids, dimensions, vectors }: { ids: readonly string[]; dimensions: number; vectors: Float32Array },
  previous: ListsOfBuild | null,
  kept: ReadonlySet<string>,
  options: VectorListOptions = DEFAULT_VECTOR_LISTS,
): Promise<VectorLists> {
  if (previous) {
    const listOf = new Map(previous.ids.flatMap((id, row) => (kept.has(id) ? [[id, previous.lists.listOfRow[row]!] as const] : [])));
    const extended = await extendVectorLists(vectors, dimensions, previous.lists, ids.map((id) => listOf.get(id)), options);
    if (extended) return extended;
  }
  return buildVectorLists(vectors, dimensions, options);
}

/** Lists as stored (centroids as float32, each row's list as uint32, little-endian bytes), checked against the build they belong to. */
function listsFromBytes(centroidBytes: Uint8Array, rowBytes: Uint8Array, trainedOn: number, rows: number, dimensions: number): VectorLists {
  // Copies align the numbers whatever the offset of each buffer in its pool.
  const centroids = new Float32Array(new Uint8Array(centroidBytes).buffer);
  const listOfRow = new Uint32Array(new Uint8Array(rowBytes).buffer);
  const count = centroids.length / dimensions;
  if (
    centroidBytes.byteLength % (4 * dimensions) !== 0 ||
    rowBytes.byteLength % 4 !== 0 ||
    listOfRow.length !== rows ||
    listOfRow.some((list) => list >= count) ||
    !Number.isInteger(trainedOn)
  ) {
    throw new Error(`the vector lists do not match the ${rows} paragraphs of ${dimensions} dimensions`);
  }
  return { centroids, listOfRow, trainedOn };
}

/** The bytes `listsFromBytes` reads. */
function listsToBytes(lists: VectorLists): { centroids: Uint8Array; listOfRow: Uint8Array } {
  return {
    centroids: new Uint8Array(lists.centroids.buffer, lists.centroids.byteOffset, lists.centroids.byteLength),
    listOfRow: new Uint8Array(lists.listOfRow.buffer, lists.listOfRow.byteOffset, lists.listOfRow.byteLength),
  };
}

const CENTROIDS_FILE = 'lists.f32';
const ROW_LISTS_FILE = 'lists.u32';
const LISTS_INFO_FILE = 'lists.json';

export async function writeVectorLists(buildDir: string, lists: VectorLists): Promise<void> {
  const bytes = listsToBytes(lists);
  await writeFile(path.join(buildDir, CENTROIDS_FILE), bytes.centroids);
  await writeFile(path.join(buildDir, ROW_LISTS_FILE), bytes.listOfRow);
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
  return listsFromBytes(centroidBytes, rowBytes, trainedOn, rows, dimensions);
}
