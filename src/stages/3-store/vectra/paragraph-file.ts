/**
 * The paragraphs' vectors and rows in ancre's own layout, beside vectra's
 * file, which holds the same: one raw little-endian float32 matrix
 * (`paragraphs.f32`) and one small JSON list of what each row is
 * (`paragraphs.json`), as the sentences are kept (sentence-file.ts).
 *
 * vectra's file is JSON with every vector written out in decimals, and
 * reading it is most of a large index's start: at 100,003 paragraphs its
 * three parts took 3.4, 3.4 and 1.1 s of CPU to decode and parse on two
 * cores, while `ancre ask` waited 4.3 s of its 11.6. These two files read in
 * a fraction of that. A build is still written in vectra's format, which
 * vectra reads (the bench queries it with vectra's own `queryItems`), and it
 * is read from there when these are missing (a build an older ancre wrote)
 * or do not match it.
 *
 * A row holds no text: a paragraph's text is its article's, from `start` to
 * `end`, in the manifest every reader holds anyway. The writer checks that,
 * and keeps the text in the row when it is not so, which a build of this
 * ancre never has.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleDocument } from '../../../contracts/document.ts';
import type { IndexManifest, ItemMetadata, StoredItem } from '../../../contracts/store.ts';
import { matrixBytes, readMatrixFile, writeVectorFile } from '../aligned-bytes.ts';
import { manifestParagraphs } from '../items.ts';
import { yieldToEventLoop } from '../../../shared/yield.ts';
import { readVectraFile, storedNumber, vectraFiles } from './vectra-file.ts';

const VECTORS = 'paragraphs.f32';
const ROWS = 'paragraphs.json';

/** [id, doc, paragraph, part, start, end] for each row of the matrix, and the text when it is not the article's from start to end. */
type ParagraphRow = [string, string, number, number, number, number] | [string, string, number, number, number, number, string];

/**
 * The rows, and the size of each part of vectra's file they were written
 * beside: a part cut short or rewritten since is then read, and its damage
 * told, rather than passed over here and linked into every later build.
 */
interface ParagraphRows {
  vectraFiles: [string, number][];
  rows: ParagraphRow[];
}

/**
 * Writes the paragraphs' matrix and rows, in the vectra file's order. The
 * vectors as vectra's file keeps them (storedNumber), so that both read
 * back the same numbers, and an answer does not depend on which was read.
 */
export async function writeParagraphFile(buildDir: string, items: readonly StoredItem[], documents: ReadonlyMap<string, ArticleDocument>, dimensions: number): Promise<void> {
  const rows = items.map((item): ParagraphRow => {
    const { doc, paragraph, part, start, end, text } = item.metadata;
    const row: ParagraphRow = [item.id, String(doc), Number(paragraph), Number(part), Number(start), Number(end)];
    return documents.get(String(doc))?.text.slice(Number(start), Number(end)) === text ? row : [...row, String(text)];
  });
  await writeVectorFile(path.join(buildDir, VECTORS), storedRows(items, dimensions), dimensions);
  const parts = await Promise.all((await vectraFiles(buildDir)).map(async (file): Promise<[string, number]> => [file, await fileBytes(buildDir, file)]));
  await writeFile(path.join(buildDir, ROWS), JSON.stringify({ vectraFiles: parts, rows } satisfies ParagraphRows));
}

const fileBytes = (buildDir: string, file: string) => stat(path.join(buildDir, file)).then((found) => found.size, () => -1);

/** Rows read between yields to the event loop. */
const ROWS_PER_SLICE = 5000;

/** Rows of vectors written at a time: each block a buffer of its own, which writeVectorFile writes from where it stands. */
const ROWS_PER_BLOCK = 1024;

/** The items' vectors as vectra's file keeps them (storedNumber), row after row in blocks. */
function* storedRows(items: readonly StoredItem[], dimensions: number): Generator<Float32Array> {
  for (let start = 0; start < items.length; start += ROWS_PER_BLOCK) {
    const count = Math.min(ROWS_PER_BLOCK, items.length - start);
    const block = new Float32Array(count * dimensions);
    for (let row = 0; row < count; row++) {
      const vector = items[start + row]!.vector;
      if (vector.length !== dimensions) throw new Error(`a vector of ${vector.length} numbers among vectors of ${dimensions}`);
      for (let i = 0; i < dimensions; i++) block[row * dimensions + i] = storedNumber(vector[i]!);
    }
    for (let row = 0; row < count; row++) yield block.subarray(row * dimensions, (row + 1) * dimensions);
  }
}

/** Whether the build has both files, the matrix the size of the paragraphs its manifest lists (stat'ed, not read). */
export async function hasParagraphFile(buildDir: string, manifest: IndexManifest): Promise<boolean> {
  const [vectors, rows] = await Promise.all([VECTORS, ROWS].map((file) => stat(path.join(buildDir, file)).catch(() => null)));
  return !!vectors && !!rows && vectors.size === matrixBytes(manifestParagraphs(manifest), manifest.model.dimensions);
}

/**
 * The build's paragraph items, as many as its manifest lists: from these
 * files, or from vectra's for a build without them (a part of vectra's file
 * lost with the list of parts is told by the count).
 */
export async function readParagraphs(buildDir: string, manifest: IndexManifest, onWorker = false): Promise<StoredItem[]> {
  const mirrored = await readParagraphFile(buildDir, manifest);
  if (mirrored) return mirrored;
  const paragraphs = await readVectraFile(buildDir, manifest.model.dimensions, onWorker);
  const listed = manifestParagraphs(manifest);
  if (paragraphs.length !== listed) throw new Error(`its paragraphs' file holds ${paragraphs.length} paragraphs, its manifest lists ${listed}`);
  return paragraphs;
}

/** Whether vectra's file is in the parts, of the sizes, it was when the rows were written beside it. */
async function sameVectraFiles(buildDir: string, written: readonly [string, number][]): Promise<boolean> {
  const present = await vectraFiles(buildDir).catch(() => null);
  if (!Array.isArray(written) || !present || present.length !== written.length) return false;
  const sizes = await Promise.all(present.map((file) => fileBytes(buildDir, file)));
  return present.every((file, i) => written[i]![0] === file && written[i]![1] === sizes[i]);
}

/** The build's paragraph items, in the vectra file's order; null when the build lacks these files or they do not hold its manifest's paragraphs. */
async function readParagraphFile(buildDir: string, manifest: IndexManifest): Promise<StoredItem[] | null> {
  if (!(await hasParagraphFile(buildDir, manifest))) return null;
  const { dimensions } = manifest.model;
  // Rows that cannot be parsed (a file cut short) give way to vectra's file too.
  const parsed = (await readFile(path.join(buildDir, ROWS), 'utf8').then(JSON.parse, () => null).catch(() => null)) as ParagraphRows | null;
  const { vectraFiles: written, rows } = parsed ?? { vectraFiles: [], rows: null };
  if (!Array.isArray(rows) || rows.length !== manifestParagraphs(manifest) || !(await sameVectraFiles(buildDir, written))) return null;
  const vectors = await readMatrixFile(path.join(buildDir, VECTORS), VECTORS, rows.length, dimensions, 'paragraphs');
  const documents = new Map(manifest.documents.map((doc) => [doc.id, doc]));
  const items: StoredItem[] = [];
  for (const [row, [id, doc, paragraph, part, start, end, kept]] of rows.entries()) {
    // A service reading a new build keeps answering meanwhile.
    if (row > 0 && row % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    const text = kept ?? documents.get(doc)?.text.slice(start, end);
    if (text === undefined) return null;
    // The same metadata, in the same order, as the item was written with (items.ts paragraphItem).
    const metadata: ItemMetadata = { kind: 'paragraph', doc, paragraph, part, start, end, text };
    items.push({ id, vector: vectors.subarray(row * dimensions, (row + 1) * dimensions), metadata });
  }
  return items;
}
