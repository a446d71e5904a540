/** A file's bytes as float32 and uint32 arrays can view them. */
import { open } from 'node:fs/promises';

/** The bytes themselves, or a copy when they start at an offset a 4-byte number cannot (a Buffer from Node's pool may). */
export function fourByteAligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
}

/** Bytes read at a time: fs.readFile stops at 2 GiB (ERR_FS_FILE_TOO_LARGE), one read call too. */
const READ_BYTES = 256 * 1024 * 1024;

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
    if (size !== expectedBytes) throw new Error(`${name} holds ${size} bytes for ${expected}`);
    const bytes = new Uint8Array(size);
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(READ_BYTES, size - at), at);
      if (bytesRead === 0) throw new Error(`${name} ended at byte ${at} of ${size}`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
