/** A file's bytes as float32 and uint32 arrays can view them. */

/** The bytes themselves, or a copy when they start at an offset a 4-byte number cannot (a Buffer from Node's pool may). */
export function fourByteAligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
}
