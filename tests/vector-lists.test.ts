import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { denseSearchFor, ExactSearch, ListSearch } from '../src/stages/5-retrieve/dense-search.ts';
import { dot, KBest, topK } from '../src/kernel/top-k.ts';
import { VectraStore } from '../src/stages/3-store/vectra/vectra-store.ts';
import { buildVectorLists, extendVectorLists, listCount, readVectorLists, writeVectorLists } from '../src/stages/3-store/vector-lists.ts';
import { fixtureConfig } from './support/runtime.ts';
import { tempDir } from './support/temp.ts';

const openIndex = (indexDir: string) => new VectraStore(indexDir).open();

/** Unit vectors around `centers` random directions, like paragraphs around topics. */
function clustered(rows: number, dimensions: number, centers: number, seed: number): Float32Array {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const middles = Array.from({ length: centers }, () => Float32Array.from({ length: dimensions }, next));
  const matrix = new Float32Array(rows * dimensions);
  for (let row = 0; row < rows; row++) {
    const middle = middles[row % centers]!;
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      const x = middle[d]! + 0.6 * next();
      matrix[row * dimensions + d] = x;
      norm += x * x;
    }
    for (let d = 0; d < dimensions; d++) matrix[row * dimensions + d]! /= Math.sqrt(norm);
  }
  return matrix;
}

const DIMENSIONS = 32;
const matrix = clustered(3000, DIMENSIONS, 60, 7);
const work = tempDir('lists');

describe('top-k selection', () => {
  it('keeps the k best offers, best first, ties to the lower row', () => {
    const best = new KBest(3);
    for (const [row, score] of [[5, 0.1], [2, 0.9], [7, 0.5], [1, 0.5], [9, 0.95], [3, 0.2]] as const) best.offer(row, score);
    expect(best.result()).toEqual([{ row: 9, score: 0.95 }, { row: 2, score: 0.9 }, { row: 1, score: 0.5 }]);
    expect(best.threshold).toBe(0.5);
  });

  it('scores rows by their dot product, whatever the dimension count', () => {
    const odd = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 1, 1, 1, 1, 1, 1, 1]);
    expect(dot(odd, 1, Float32Array.from([1, 2, 3, 4, 5, 6, 7]))).toBe(28);
    expect(topK(odd, Float32Array.from([1, 0, 0, 0, 0, 0, 0]), 2).map((r) => r.row)).toEqual([0, 1]);
  });
});

describe('vector lists (approximate dense search)', () => {
  it('splits the rows into √n lists, the same way every time', async () => {
    const first = await buildVectorLists(matrix, DIMENSIONS);
    const second = await buildVectorLists(matrix, DIMENSIONS);
    expect(first.centroids.length).toBe(listCount(3000) * DIMENSIONS);
    expect(first.listOfRow.length).toBe(3000);
    expect(second.listOfRow).toEqual(first.listOfRow);
    // Each row sits in the list of its closest centroid.
    const row = 123;
    const vector = matrix.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS);
    const [closest] = topK(first.centroids, vector, 1);
    expect(first.listOfRow[row]).toBe(closest!.row);
  });

  it('finds nearly all of what the exact scan finds, reading a fraction of the rows', async () => {
    const lists = await buildVectorLists(matrix, DIMENSIONS);
    const approximate = new ListSearch(matrix, DIMENSIONS, lists);
    const exact = new ExactSearch(matrix, DIMENSIONS);
    const queries = clustered(50, DIMENSIONS, 60, 99);
    let recall = 0;
    for (let q = 0; q < 50; q++) {
      const vector = queries.subarray(q * DIMENSIONS, (q + 1) * DIMENSIONS);
      const truth = exact.search(vector, 10);
      const found = approximate.search(vector, 10);
      for (const { row, score } of found) expect(score).toBeCloseTo(dot(matrix, row, vector), 6);
      expect(found.map((r) => r.score)).toEqual([...found.map((r) => r.score)].sort((a, b) => b - a));
      recall += found.filter((r) => r.score >= truth.at(-1)!.score).length / 10 / 50;
    }
    expect(recall).toBeGreaterThan(0.9);
    expect(approximate.approximate).toBe(true);
  });

  it('keeps the lists of kept rows when the index changes a little, and trains again when it changes a lot', async () => {
    const lists = await buildVectorLists(matrix, DIMENSIONS);
    expect(lists.trainedOn).toBe(3000);
    // 100 rows changed: they are assigned to their closest centroid, the others keep theirs.
    const changed = new Set(Array.from({ length: 100 }, (_, i) => i * 29));
    const known = Array.from(lists.listOfRow, (list, row) => (changed.has(row) ? undefined : (list + 1) % listCount(3000)));
    const extended = (await extendVectorLists(matrix, DIMENSIONS, lists, known))!;
    expect(extended.centroids).toBe(lists.centroids);
    expect(extended.trainedOn).toBe(3000);
    for (let row = 0; row < 3000; row++) {
      expect(extended.listOfRow[row]).toBe(changed.has(row) ? lists.listOfRow[row] : known[row]);
    }
    const doubled = new Float32Array(matrix.length * 2);
    doubled.set(matrix);
    doubled.set(matrix, matrix.length);
    expect(await extendVectorLists(doubled, DIMENSIONS, lists, [])).toBeNull();
  });

  it('is stored beside the build, checked against it when read, and used by the index that has it', async () => {
    const dir = path.join(await work, 'index');
    await cp(fixtureConfig().indexDir, dir, { recursive: true });
    const build = path.join(dir, (await readFile(path.join(dir, 'CURRENT'), 'utf8')).trim());
    const before = await openIndex(dir);
    expect(before.vectorLists).toBeNull();
    expect(denseSearchFor(before.chunkVectors, before.dimensions, before.vectorLists).approximate).toBe(false);

    const lists = await buildVectorLists(before.chunkVectors, before.dimensions);
    await writeVectorLists(build, lists);
    const after = await openIndex(dir);
    expect(after.vectorLists!.listOfRow).toEqual(lists.listOfRow);
    const search = denseSearchFor(after.chunkVectors, after.dimensions, after.vectorLists);
    expect(search.approximate).toBe(true);
    // A paragraph's own vector finds that paragraph first.
    const chunk = after.chunks[5]!;
    const [best] = search.search(after.chunkVectors.subarray(chunk.row * after.dimensions, (chunk.row + 1) * after.dimensions), 3);
    expect(best!.row).toBe(chunk.row);

    await expect(readVectorLists(build, after.chunks.length + 1, after.dimensions)).rejects.toThrow(/do not match/);
    await writeFile(path.join(build, 'lists.u32'), new Uint8Array(3));
    await expect(openIndex(dir)).rejects.toThrow(/cannot be read .*rebuild it/);
  });
});
