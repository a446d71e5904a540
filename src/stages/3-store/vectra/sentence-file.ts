/**
 * Sentence vectors, kept beside the vectra file rather than in it: a
 * paragraph has three or four sentences, and as JSON their vectors made the
 * index four times larger than the paragraphs' (224 MB at 10,000 paragraphs,
 * past what one JavaScript string can hold near 100,000). Here they are one
 * raw little-endian float32 matrix (`sentences.f32`) read straight into a
 * Float32Array, and one small JSON list of what each row is
 * (`sentences.json`).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ItemMetadata, StoredItem } from '../../../contracts/store.ts';
import { matrixBytes, readMatrixFile, writeVectorFile, wrongSize } from '../aligned-bytes.ts';

const VECTORS = 'sentences.f32';
const ROWS = 'sentences.json';

/** [doc, chunk id, sentence index, start, end] for each row of the matrix. */
type SentenceRow = [string, string, number, number, number];

export async function writeSentenceFile(buildDir: string, items: readonly StoredItem[], dimensions: number): Promise<void> {
  const rows: SentenceRow[] = items.map((item) => {
    const m = item.metadata;
    return [String(m.doc), String(m.chunk), Number(m.sentence), Number(m.start), Number(m.end)];
  });
  await writeVectorFile(path.join(buildDir, VECTORS), items.map((item) => item.vector), dimensions);
  await writeFile(path.join(buildDir, ROWS), JSON.stringify(rows));
}

/**
 * Throws unless the build has both sentence files, the matrix of the size
 * `sentences` rows make (when the manifest counts them), without reading
 * either: what an ingest that finds nothing changed checks of them.
 */
export async function checkSentenceFiles(buildDir: string, sentences: number | undefined, dimensions: number): Promise<void> {
  const [vectors, rows] = await Promise.all([VECTORS, ROWS].map((file) => stat(path.join(buildDir, file)).catch(() => null)));
  if (!vectors || !rows) throw new Error(`${!vectors ? VECTORS : ROWS} is missing`);
  if (sentences !== undefined && vectors.size !== matrixBytes(sentences, dimensions)) throw wrongSize(VECTORS, vectors.size, `${sentences} sentences of ${dimensions} dimensions`);
}

export async function readSentenceFile(buildDir: string, dimensions: number): Promise<{ vectors: Float32Array; items: StoredItem[] }> {
  const rows = JSON.parse(await readFile(path.join(buildDir, ROWS), 'utf8')) as SentenceRow[];
  const vectors = await readMatrixFile(path.join(buildDir, VECTORS), VECTORS, rows.length, dimensions, 'sentences');
  const items = rows.map(([doc, chunk, sentence, start, end], row): StoredItem => {
    const metadata: ItemMetadata = { kind: 'sentence', doc, chunk, sentence, start, end };
    return { id: `${chunk}/s${sentence}`, vector: vectors.subarray(row * dimensions, (row + 1) * dimensions), metadata };
  });
  return { vectors, items };
}
