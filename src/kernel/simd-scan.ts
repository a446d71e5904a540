/**
 * Dot products of one vector with a run of matrix rows in WebAssembly SIMD:
 * four float32 lanes and four accumulators, so a row of 384 dimensions is 24
 * steps instead of 384. The scan over vectors is most of a question's time
 * in a large index, and V8 does not vectorise the JavaScript loop.
 *
 * The module is 380 bytes, assembled here rather than shipped as a
 * binary so that what runs can be read: `scanKernel()` below is the whole
 * program, in WebAssembly's text order.
 */

const WASM_PAGE = 65_536;
/** Row widths the kernel handles: four accumulators of four lanes each. */
const LANES_PER_STEP = 16;

/**
 * A matrix kept in WebAssembly memory with room for one query vector and
 * one score per row. Fill `matrix`, then ask for the scores of any run of
 * rows.
 */
/** Structurally a `RowScores` (row-scores.ts), which picks it when the runtime allows. */
export class SimdScanner {
  readonly simd = true;
  /** Row-major, to be filled by the owner. */
  readonly matrix: Float32Array;
  private readonly query: Float32Array;
  private readonly out: Float32Array;
  private readonly queryOffset: number;
  private readonly outOffset: number;
  private readonly kernel: (matrix: number, rows: number, dimensions: number, query: number, out: number) => void;

  /** Null where the row width or the runtime rules the kernel out: callers then scan in JavaScript. */
  static create(rows: number, dimensions: number): SimdScanner | null {
    if (dimensions === 0 || dimensions % LANES_PER_STEP !== 0 || !simdSupported()) return null;
    const matrixBytes = rows * dimensions * 4;
    const total = matrixBytes + dimensions * 4 + Math.max(rows, 1) * 4;
    const pages = Math.ceil(total / WASM_PAGE);
    if (pages > 65_536) return null;
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    } catch {
      return null;
    }
    return new SimdScanner(memory, rows, dimensions);
  }

  private constructor(
    memory: WebAssembly.Memory,
    rows: number,
    private readonly dimensions: number,
  ) {
    const instance = new WebAssembly.Instance(compiledKernel(), { env: { memory } });
    this.kernel = instance.exports.scores as SimdScanner['kernel'];
    this.queryOffset = rows * dimensions * 4;
    this.outOffset = this.queryOffset + dimensions * 4;
    this.matrix = new Float32Array(memory.buffer, 0, rows * dimensions);
    this.query = new Float32Array(memory.buffer, this.queryOffset, dimensions);
    this.out = new Float32Array(memory.buffer, this.outOffset, Math.max(rows, 1));
  }

  /** Sets the vector the following `scores` calls compare rows with. */
  setQuery(vector: Float32Array): void {
    this.query.set(vector);
  }

  /** The dot products of rows [first, first + count) with the query; a view valid until the next call. */
  scores(first: number, count: number): Float32Array {
    this.kernel(first * this.dimensions * 4, count, this.dimensions, this.queryOffset, this.outOffset);
    return this.out.subarray(0, count);
  }
}

let supported: boolean | undefined;
function simdSupported(): boolean {
  supported ??= WebAssembly.validate(scanKernel());
  return supported;
}

let compiled: WebAssembly.Module | undefined;
function compiledKernel(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(scanKernel());
  return compiled;
}

// --- the module, byte by byte -------------------------------------------

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  i32: (value: number) => [0x41, ...signedLeb(value)],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  f32Add: [0x92],
  /** align 2^2, then the offset. */
  f32Store: (offset: number) => [0x38, 2, ...unsignedLeb(offset)],
  v128Load: (offset: number) => [0xfd, 0x00, 2, ...unsignedLeb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  f32x4Lane: (lane: number) => [0xfd, 0x1f, lane],
};

/**
 * scores(matrix, rows, dimensions, query, out): for each row r,
 * out[r] = Σ matrix[r][i] · query[i]; byte offsets, dimensions a multiple of 16.
 */
function scanKernel(): Uint8Array<ArrayBuffer> {
  const [matrix, rows, dimensions, query, out] = [0, 1, 2, 3, 4];
  const [row, i, rowAt, rowBytes] = [5, 6, 7, 8];
  const sums = [9, 10, 11, 12];
  const body = [
    ...op.get(dimensions), ...op.i32(2), ...op.i32Shl, ...op.set(rowBytes),
    ...op.get(matrix), ...op.set(rowAt),
    ...op.i32(0), ...op.set(row),
    ...op.block, ...op.loop,
    ...op.get(row), ...op.get(rows), ...op.i32GeU, ...op.brIf(1),
    ...sums.flatMap((sum) => [...op.v128Zero, ...op.set(sum)]),
    ...op.i32(0), ...op.set(i),
    ...op.block, ...op.loop,
    ...op.get(i), ...op.get(rowBytes), ...op.i32GeU, ...op.brIf(1),
    ...sums.flatMap((sum, lane) => [
      ...op.get(sum),
      ...op.get(rowAt), ...op.get(i), ...op.i32Add, ...op.v128Load(lane * 16),
      ...op.get(query), ...op.get(i), ...op.i32Add, ...op.v128Load(lane * 16),
      ...op.f32x4Mul, ...op.f32x4Add, ...op.set(sum),
    ]),
    ...op.get(i), ...op.i32(64), ...op.i32Add, ...op.set(i),
    ...op.br(0),
    ...op.end, ...op.end,
    ...op.get(out), ...op.get(row), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
    ...op.get(sums[0]!), ...op.get(sums[1]!), ...op.f32x4Add,
    ...op.get(sums[2]!), ...op.get(sums[3]!), ...op.f32x4Add,
    ...op.f32x4Add, ...op.set(sums[0]!),
    ...op.get(sums[0]!), ...op.f32x4Lane(0),
    ...[1, 2, 3].flatMap((lane) => [...op.get(sums[0]!), ...op.f32x4Lane(lane), ...op.f32Add]),
    ...op.f32Store(0),
    ...op.get(rowAt), ...op.get(rowBytes), ...op.i32Add, ...op.set(rowAt),
    ...op.get(row), ...op.i32(1), ...op.i32Add, ...op.set(row),
    ...op.br(0),
    ...op.end, ...op.end,
    ...op.end,
  ];
  const locals = [...unsignedLeb(2), 4, I32, 4, V128];
  const functionCode = [...locals, ...body];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), 0x00]])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]])),
    ...section(3, vector([[0x00]])),
    ...section(7, vector([[...name('scores'), 0x00, 0x00]])),
    ...section(10, vector([[...unsignedLeb(functionCode.length), ...functionCode]])),
  ]);
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}
