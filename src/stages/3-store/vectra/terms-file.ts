/**
 * A build's paragraph and article terms (`StoredTerms`), kept beside the
 * vectra file: `terms.json` says how they were read (the reading's version,
 * the term context), which paragraph each row is, which article each
 * article run is, and the vocabulary; `terms.u32` holds the row offsets,
 * the rows' stem ids, the article offsets and the articles' stem ids, raw
 * little-endian uint32, read straight into typed arrays.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TermContext } from '../../../contracts/shared-index.ts';
import type { StoredTerms } from '../../../contracts/store.ts';
import { fourByteAligned } from '../aligned-bytes.ts';

const HEADER = 'terms.json';
const IDS = 'terms.u32';
/** Bumped when the files' layout changes: terms in another layout are read from the texts again. */
const LAYOUT = 1;

interface TermsHeader {
  layout: number;
  version: string;
  context: TermContext;
  /** The paragraph id of each row, in the build's order. */
  rows: string[];
  /** The article id of each article run. */
  documents: string[];
  vocabulary: string[];
}

export async function writeTermsFile(buildDir: string, version: string, rows: readonly string[], terms: StoredTerms): Promise<void> {
  const { articles } = terms;
  const header: TermsHeader = { layout: LAYOUT, version, context: terms.context, rows: [...rows], documents: [...articles.documents], vocabulary: [...terms.vocabulary] };
  const parts = [terms.offsets, terms.ids, articles.offsets, articles.ids];
  const numbers = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) numbers.set(part, (at += part.length) - part.length);
  await writeFile(path.join(buildDir, IDS), new Uint8Array(numbers.buffer));
  await writeFile(path.join(buildDir, HEADER), JSON.stringify(header));
}

/**
 * The build's terms with the paragraph id of each row, when they were read
 * under `version` and are whole; null otherwise (none kept, another
 * reading, a file cut short): the caller reads the texts again.
 */
export async function readTermsFile(buildDir: string, version: string): Promise<{ rows: string[]; terms: StoredTerms } | null> {
  const header = await readHeader(buildDir);
  if (header?.layout !== LAYOUT || header.version !== version) return null;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.join(buildDir, IDS));
  } catch {
    return null;
  }
  const aligned = fourByteAligned(bytes);
  if (aligned.byteLength % 4 !== 0) return null;
  const numbers = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const rows = runs(numbers, 0, header.rows.length, header.vocabulary.length);
  const articles = rows && runs(numbers, rows.end, header.documents.length, header.vocabulary.length);
  if (!rows || !articles || articles.end !== numbers.length) return null;
  return {
    rows: header.rows,
    terms: {
      context: header.context,
      vocabulary: header.vocabulary,
      offsets: rows.offsets,
      ids: rows.ids,
      articles: { documents: header.documents, offsets: articles.offsets, ids: articles.ids },
    },
  };
}

/** `count` runs of ids stored from `start`: their offsets, then the ids; null when the numbers cannot be such runs. */
function runs(numbers: Uint32Array, start: number, count: number, vocabulary: number): { offsets: Uint32Array; ids: Uint32Array; end: number } | null {
  if (numbers.length < start + count + 1) return null;
  const offsets = numbers.subarray(start, start + count + 1);
  const end = start + count + 1 + offsets[count]!;
  if (offsets[0] !== 0 || numbers.length < end) return null;
  for (let i = 1; i <= count; i++) if (offsets[i]! < offsets[i - 1]!) return null;
  const ids = numbers.subarray(start + count + 1, end);
  for (let i = 0; i < ids.length; i++) if (ids[i]! >= vocabulary) return null;
  return { offsets, ids, end };
}

async function readHeader(buildDir: string): Promise<TermsHeader | null> {
  try {
    return JSON.parse(await readFile(path.join(buildDir, HEADER), 'utf8')) as TermsHeader;
  } catch {
    return null;
  }
}
