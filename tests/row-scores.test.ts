import { describe, expect, it } from 'vitest';
import { ExactSearch } from '../src/stages/5-retrieve/dense-search.ts';
import { allocateRowScores, JsRowScores, rowScoresOver } from '../src/kernel/row-scores.ts';
import { topK } from '../src/kernel/top-k.ts';
import { mulberry32 } from '../src/shared/random.ts';

function randomMatrix(rows: number, dimensions: number, seed: number): Float32Array {
  const next = mulberry32(seed);
  return Float32Array.from({ length: rows * dimensions }, () => next() - 0.5);
}

describe('row scores (the dense scan kernel)', () => {
  it('scores runs of rows in WebAssembly SIMD as the JavaScript loop does', () => {
    for (const dimensions of [256, 384]) {
      const matrix = randomMatrix(300, dimensions, dimensions);
      const simd = rowScoresOver(matrix, dimensions);
      expect(simd.simd).toBe(true);
      const js = new JsRowScores(matrix, dimensions);
      const query = randomMatrix(1, dimensions, 7);
      simd.setQuery(query);
      js.setQuery(query);
      for (const [first, count] of [[0, 300], [17, 1], [120, 45], [299, 1]] as const) {
        const expected = Array.from(js.scores(first, count));
        const got = Array.from(simd.scores(first, count));
        expect(got).toHaveLength(count);
        got.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 4));
      }
      // A new query replaces the old one.
      const other = randomMatrix(1, dimensions, 8);
      simd.setQuery(other);
      js.setQuery(other);
      expect(simd.scores(5, 1)[0]).toBeCloseTo(js.scores(5, 1)[0]!, 4);
    }
  });

  it('falls back to JavaScript for widths the kernel does not take, with the same results', () => {
    const matrix = randomMatrix(50, 10, 3);
    const scores = rowScoresOver(matrix, 10);
    expect(scores.simd).toBe(false);
    scores.setQuery(randomMatrix(1, 10, 4));
    expect(scores.scores(0, 50)).toHaveLength(50);
    const empty = allocateRowScores(0, 384);
    expect(empty.matrix).toHaveLength(0);
    expect(empty.scores(0, 0)).toHaveLength(0);
  });

  it('an exact search through it ranks as the plain top-k scan does', () => {
    const dimensions = 384;
    const matrix = randomMatrix(2_000, dimensions, 11);
    const search = new ExactSearch(matrix, dimensions);
    expect(search.simd).toBe(true);
    for (let q = 0; q < 5; q++) {
      const query = randomMatrix(1, dimensions, 100 + q);
      expect(search.search(query, 20).map((r) => r.row)).toEqual(topK(matrix, query, 20).map((r) => r.row));
    }
  });
});
