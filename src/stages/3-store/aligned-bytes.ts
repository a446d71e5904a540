/** Files of 4-byte numbers (vectors, stem ids): their bytes as float32 and uint32 arrays can view them, read and written past 2 GiB. */
import { open, type FileHandle } from 'node:fs/promises';

/** The bytes themselves, or a copy when they start at an offset a 4-byte number cannot (a Buffer from Node's pool may). */
export function fourByteAligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
}

/** Bytes read or written at a time: fs.readFile stops at 2 GiB (ERR_FS_FILE_TOO_LARGE), one read or write call too. */
const IO_BYTES = 256 * 1024 * 1024;

/**
 * A whole file of 4-byte numbers in a buffer of its own (aligned, not from
 * Node's pool), read in pieces so that it may pass 2 GiB: the sentence
 * vectors of some 650,000 paragraphs of the offline model, 470,000 of the
 * default model. `expectedBytes`: checked before anything is read, the
 * message naming the file as `name` and the size as `expected` words it.
 */
export async function readNumberFile(file: string, name: string, expectedBytes: number, expected: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size !== expectedBytes) throw wrongSize(name, size, expected);
    const bytes = new Uint8Array(size);
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(IO_BYTES, size - at), at);
      if (bytesRead === 0) throw new Error(`${name} ended at byte ${at} of ${size}`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** The bytes of a float32 matrix of `rows` rows of `dimensions` numbers. */
export const matrixBytes = (rows: number, dimensions: number) => rows * dimensions * Float32Array.BYTES_PER_ELEMENT;

/**
 * A whole float32 matrix file (`readNumberFile`), checked to hold `rows`
 * rows of `dimensions` numbers, which the message calls `what` ("12
 * sentences").
 */
export async function readMatrixFile(file: string, name: string, rows: number, dimensions: number, what: string): Promise<Float32Array> {
  const bytes = await readNumberFile(file, name, matrixBytes(rows, dimensions), `${rows} ${what} of ${dimensions} dimensions`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Float32Array.BYTES_PER_ELEMENT);
}

/** The error for a file of numbers whose size is not the one `expected` words (read, or only stat'ed). */
export function wrongSize(name: string, size: number, expected: string): Error {
  return new Error(`${name} holds ${size} bytes for ${expected}`);
}

/** Numbers gathered before a write, for vectors that stand alone (each embedded on its own): 4 MB. */
const STAGED_NUMBERS = 1 << 20;

/**
 * Vectors written as one row-major float32 file. A run of vectors that
 * already stand one after the other in one buffer (those kept from the
 * previous build, read as one matrix) is written from where it is, not
 * copied into a matrix first: at 200,003 paragraphs that copy took 614 MB
 * and 1.8 s of an added article's ingest. Vectors that stand alone (a run
 * of one) are gathered and written a few megabytes at a time, not one
 * write each.
 */
export async function writeVectorFile(file: string, vectors: Iterable<ArrayLike<number>>, dimensions: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const staged = new Float32Array(Math.max(STAGED_NUMBERS, dimensions));
    let stagedLength = 0;
    let run: { buffer: ArrayBufferLike; start: number; end: number; count: number } | null = null;
    const writeStaged = async () => {
      if (stagedLength) await writeBytes(handle, new Uint8Array(staged.buffer, 0, stagedLength * 4));
      stagedLength = 0;
    };
    const stage = async (vector: ArrayLike<number>) => {
      if (stagedLength + dimensions > staged.length) await writeStaged();
      staged.set(vector, stagedLength);
      stagedLength += dimensions;
    };
    const endRun = async () => {
      if (!run) return;
      const { buffer, start, end, count } = run;
      run = null;
      if (count === 1) return stage(new Float32Array(buffer, start, dimensions));
      await writeStaged();
      await writeBytes(handle, new Uint8Array(buffer, start, end - start));
    };
    for (const vector of vectors) {
      if (vector.length !== dimensions) throw new Error(`a vector of ${vector.length} numbers among vectors of ${dimensions}`);
      const continuesRun = vector instanceof Float32Array && run !== null && run.buffer === vector.buffer && run.end === vector.byteOffset && run.end - run.start < IO_BYTES;
      if (continuesRun) {
        run!.end += vector.byteLength;
        run!.count++;
        continue;
      }
      await endRun();
      if (vector instanceof Float32Array) run = { buffer: vector.buffer, start: vector.byteOffset, end: vector.byteOffset + vector.byteLength, count: 1 };
      else await stage(vector);
    }
    await endRun();
    await writeStaged();
  } finally {
    await handle.close();
  }
}

async function writeBytes(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, Math.min(IO_BYTES, bytes.length - at))).bytesWritten;
}
