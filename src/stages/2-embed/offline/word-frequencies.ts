/**
 * The corpus's whole words, counted when the offline model is built and
 * kept beside it (`word-frequencies.bin`), as its IDF is: how many
 * paragraphs hold each word as written, folded, stop words too, and their
 * mean length in words, for the ranker's BM25 over whole words
 * (stages/5-retrieve/whole-words.ts). Hashes rather than strings (text/words.ts
 * `wordHashes`): PIAF's 761 paragraphs hold 15,016 words, 120 KB this way.
 *
 * The file: paragraphs and word count (two uint32), the mean length
 * (float64), then the words' hashes ascending and their counts (uint32 each).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WordFrequencies } from '../../../contracts/word-frequencies.ts';
import { wordHashes } from '../../../text/words.ts';
import { lowerBound } from '../../../shared/sorted.ts';

export const WORD_FREQUENCIES_FILE = 'word-frequencies.bin';

const HEADER_BYTES = 16;

/** The file's bytes for `paragraphs`. */
export function countedWords(paragraphs: readonly string[]): Uint8Array {
  const counts = new Map<number, number>();
  let words = 0;
  for (const paragraph of paragraphs) {
    const hashes = wordHashes(paragraph);
    words += hashes.length;
    for (const hash of new Set(hashes)) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  }
  const hashes = Uint32Array.from(counts.keys()).sort();
  const bytes = new Uint8Array(HEADER_BYTES + hashes.length * 8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, paragraphs.length, true);
  view.setUint32(4, hashes.length, true);
  view.setFloat64(8, paragraphs.length ? words / paragraphs.length : 0, true);
  new Uint32Array(bytes.buffer, HEADER_BYTES, hashes.length).set(hashes);
  new Uint32Array(bytes.buffer, HEADER_BYTES + hashes.length * 4, hashes.length).set(hashes.map((hash) => counts.get(hash)!));
  return bytes;
}

/** The counts a model folder keeps, or null when it keeps none (a model another ancre built, or not the offline model). */
export async function readWordFrequencies(modelDir: string): Promise<WordFrequencies | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(modelDir, WORD_FREQUENCIES_FILE));
  } catch {
    return null;
  }
  return wordFrequenciesOf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The counts in a file's bytes; throws on bytes of another length than their header says. */
export function wordFrequenciesOf(bytes: Uint8Array): WordFrequencies {
  // Copied to a buffer of its own: typed arrays over it must start at multiples of 4.
  const own = new Uint8Array(bytes);
  const view = new DataView(own.buffer);
  const count = bytes.byteLength >= HEADER_BYTES ? view.getUint32(4, true) : -1;
  if (count < 0 || bytes.byteLength !== HEADER_BYTES + count * 8) throw new Error(`${WORD_FREQUENCIES_FILE} is damaged (${bytes.byteLength} bytes): build the offline model again with "npm run model:build", then "npm run ingest"`);
  const hashes = new Uint32Array(own.buffer, HEADER_BYTES, count);
  const counts = new Uint32Array(own.buffer, HEADER_BYTES + count * 4, count);
  return {
    paragraphs: view.getUint32(0, true),
    averageWords: view.getFloat64(8, true),
    documentFrequency: (hash) => {
      const at = lowerBound(hashes, hash);
      return at < count && hashes[at] === hash ? counts[at]! : 0;
    },
  };
}
