/**
 * A build's paragraph terms (`StoredTerms`), kept beside the vectra file:
 * `terms.json` says how they were read (the reading's version, the term
 * context), which paragraph each row is, and the vocabulary; `terms.u32`
 * holds the row offsets and then the stems' ids, raw little-endian uint32,
 * read straight into typed arrays.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TermContext } from '../../../contracts/shared-index.ts';
import type { StoredTerms } from '../../../contracts/store.ts';

const HEADER = 'terms.json';
const IDS = 'terms.u32';

interface TermsHeader {
  version: string;
  context: TermContext;
  /** The paragraph id of each row, in the build's order. */
  rows: string[];
  vocabulary: string[];
}

export async function writeTermsFile(buildDir: string, version: string, rows: readonly string[], terms: StoredTerms): Promise<void> {
  const header: TermsHeader = { version, context: terms.context, rows: [...rows], vocabulary: [...terms.vocabulary] };
  const numbers = new Uint32Array(terms.offsets.length + terms.ids.length);
  numbers.set(terms.offsets);
  numbers.set(terms.ids, terms.offsets.length);
  await writeFile(path.join(buildDir, IDS), new Uint8Array(numbers.buffer));
  await writeFile(path.join(buildDir, HEADER), JSON.stringify(header));
}

/** Whether the build keeps terms read under `version` (without reading them). */
export async function holdsTerms(buildDir: string, version: string): Promise<boolean> {
  return (await readHeader(buildDir))?.version === version;
}

/**
 * The build's terms with the paragraph id of each row, when they were read
 * under `version` and are whole; null otherwise (none kept, another
 * reading, a file cut short): the caller reads the texts again.
 */
export async function readTermsFile(buildDir: string, version: string): Promise<{ rows: string[]; terms: StoredTerms } | null> {
  const header = await readHeader(buildDir);
  if (header?.version !== version) return null;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.join(buildDir, IDS));
  } catch {
    return null;
  }
  const count = header.rows.length + 1;
  if (bytes.byteLength % 4 !== 0 || bytes.byteLength / 4 < count) return null;
  // A Buffer from Node's pool may start at an offset uint32s cannot: then a copy aligns them.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const numbers = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const offsets = numbers.subarray(0, count);
  const ids = numbers.subarray(count);
  if (offsets[0] !== 0 || offsets[count - 1] !== ids.length || ids.some((id) => id >= header.vocabulary.length)) return null;
  for (let row = 1; row < count; row++) if (offsets[row]! < offsets[row - 1]!) return null;
  return { rows: header.rows, terms: { context: header.context, vocabulary: header.vocabulary, offsets, ids } };
}

async function readHeader(buildDir: string): Promise<TermsHeader | null> {
  try {
    return JSON.parse(await readFile(path.join(buildDir, HEADER), 'utf8')) as TermsHeader;
  } catch {
    return null;
  }
}
