/**
 * Dot products of one query vector with runs of a matrix's rows, the inner
 * loop of dense search: in WebAssembly SIMD where the runtime has it (5.7×
 * the JavaScript loop at 100,000 rows of 384 dimensions, `npm run bench`),
 * in JavaScript otherwise.
 */
import { SimdScanner } from './simd-scan.ts';
import { dot } from './top-k.ts';

export interface RowScores {
  /** Row-major; the owner fills it when it was allocated empty. */
  readonly matrix: Float32Array;
  readonly simd: boolean;
  /** Sets the vector the following `scores` calls compare rows with. */
  setQuery(vector: Float32Array): void;
  /** The scores of rows [first, first + count): a view valid until the next call. */
  scores(first: number, count: number): Float32Array;
}

/** Room for a matrix of `rows` × `dimensions`, to be filled through `matrix`. */
export function allocateRowScores(rows: number, dimensions: number): RowScores {
  return SimdScanner.create(rows, dimensions) ?? new JsRowScores(new Float32Array(rows * dimensions), dimensions);
}

/** Scores over `matrix`: a copy in SIMD memory, or the matrix itself. */
export function rowScoresOver(matrix: Float32Array, dimensions: number): RowScores {
  const simd = SimdScanner.create(matrix.length / dimensions, dimensions);
  if (!simd) return new JsRowScores(matrix, dimensions);
  simd.matrix.set(matrix);
  return simd;
}

export class JsRowScores implements RowScores {
  readonly simd = false;
  private query: Float32Array = new Float32Array(0);
  private readonly out: Float32Array;

  constructor(
    readonly matrix: Float32Array,
    dimensions: number,
  ) {
    this.out = new Float32Array(Math.max(1, matrix.length / dimensions));
  }

  setQuery(vector: Float32Array): void {
    this.query = vector;
  }

  scores(first: number, count: number): Float32Array {
    for (let i = 0; i < count; i++) this.out[i] = dot(this.matrix, first + i, this.query);
    return this.out.subarray(0, count);
  }
}
