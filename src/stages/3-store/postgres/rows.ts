/**
 * A generation's rows: written in batches (one INSERT per batch, its
 * columns passed as arrays and unnested), kept rows copied inside the
 * database from the previous generation rather than sent again, and read
 * back in pages of rows in order, so that a large build neither holds one
 * huge result nor blocks other connections for long.
 */
import type { ArticleDocument } from '../../../contracts/document.ts';
import type { IndexManifest, ItemMetadata, StoredItem } from '../../../contracts/store.ts';
import type { Database } from './database.ts';
import { TEXT_SEARCH } from './schema.ts';

/** Rows per INSERT or SELECT: about 2 MB of 384-dimension vectors as text. */
const BATCH_ROWS = 500;

/**
 * pgvector's text form of a vector: `[0.1,0.2,…]`. Nine significant digits
 * give back exactly the same float32 (FLT_DECIMAL_DIG), in half the
 * characters of a double's shortest form: the rows sent are half as large.
 */
export function vectorLiteral(vector: ArrayLike<number>): string {
  let text = '[';
  for (let i = 0; i < vector.length; i++) text += (i === 0 ? '' : ',') + Number(vector[i]).toPrecision(9);
  return `${text}]`;
}

/** SQL for a vector column as pgvector's binary form (`vector_send`): four bytes per value instead of about twenty as text. */
export const vectorBytes = (column: string) => `vector_send(${column})`;

/** Reads pgvector's binary form: dimension (int16), a reserved int16, then big-endian float32 values. */
export function parseVectorBytes(bytes: Buffer, into: Float32Array = new Float32Array(bytes.readUInt16BE(0))): Float32Array {
  const dimensions = bytes.readUInt16BE(0);
  if (dimensions !== into.length) throw new Error(`a vector has ${dimensions} dimensions, expected ${into.length}`);
  for (let i = 0; i < dimensions; i++) into[i] = bytes.readFloatBE(4 + 4 * i);
  return into;
}

/** A paragraph item to write, at its row, with the heading it sits under. */
export interface ParagraphRow {
  row: number;
  item: StoredItem;
  heading: string | null;
}

/** A sentence item to write, at its row, with its text. */
export interface SentenceRow {
  row: number;
  item: StoredItem;
  text: string;
}

/** The build's documents, in their order: the cleaned article and its paragraph ids. */
export async function insertDocuments(db: Database, generation: string, documents: readonly ArticleDocument[], paragraphIds: Record<string, string[]>): Promise<void> {
  const sql = `INSERT INTO ${db.name('documents')} (generation, position, id, title, hash, article, paragraph_ids)
    SELECT $1, u.position, u.id, u.title, u.hash, u.article::jsonb, ARRAY(SELECT jsonb_array_elements_text(u.ids::jsonb))
    FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(position, id, title, hash, article, ids)`;
  const positioned = documents.map((doc, position) => ({ doc, position }));
  for (const batch of batches(positioned, BATCH_ROWS / 10)) {
    await db.query(sql, [
      generation,
      batch.map(({ position }) => position),
      batch.map(({ doc }) => doc.id),
      batch.map(({ doc }) => doc.title),
      batch.map(({ doc }) => doc.hash),
      batch.map(({ doc }) => JSON.stringify(doc)),
      batch.map(({ doc }) => JSON.stringify(paragraphIds[doc.id] ?? [])),
    ]);
  }
}

export async function insertParagraphs(db: Database, generation: string, rows: readonly ParagraphRow[]): Promise<void> {
  const sql = `INSERT INTO ${db.name('paragraphs')} (generation, row, id, doc, paragraph, part, start_offset, end_offset, heading, text, embedding, search)
    SELECT $1, u.row, u.id, u.doc, u.paragraph, u.part, u.s, u.e, u.heading, u.text, u.embedding::vector, to_tsvector('${db.schema}.${TEXT_SEARCH}', u.text)
    FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[])
      AS u(row, id, doc, paragraph, part, s, e, heading, text, embedding)`;
  for (const batch of batches(rows)) {
    const m = batch.map(({ item }) => item.metadata);
    await db.query(sql, [
      generation,
      batch.map(({ row }) => row),
      batch.map(({ item }) => item.id),
      m.map((x) => String(x.doc)),
      m.map((x) => Number(x.paragraph)),
      m.map((x) => Number(x.part)),
      m.map((x) => Number(x.start)),
      m.map((x) => Number(x.end)),
      batch.map(({ heading }) => heading),
      m.map((x) => String(x.text)),
      batch.map(({ item }) => vectorLiteral(item.vector)),
    ]);
  }
}

export async function insertSentences(db: Database, generation: string, rows: readonly SentenceRow[]): Promise<void> {
  const sql = `INSERT INTO ${db.name('sentences')} (generation, row, chunk, doc, sentence, start_offset, end_offset, text, embedding)
    SELECT $1, u.row, u.chunk, u.doc, u.sentence, u.s, u.e, u.text, u.embedding::vector
    FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[])
      AS u(row, chunk, doc, sentence, s, e, text, embedding)`;
  for (const batch of batches(rows)) {
    const m = batch.map(({ item }) => item.metadata);
    await db.query(sql, [
      generation,
      batch.map(({ row }) => row),
      m.map((x) => String(x.chunk)),
      m.map((x) => String(x.doc)),
      m.map((x) => Number(x.sentence)),
      m.map((x) => Number(x.start)),
      m.map((x) => Number(x.end)),
      batch.map(({ text }) => text),
      batch.map(({ item }) => vectorLiteral(item.vector)),
    ]);
  }
}

/** Copies kept paragraphs (by id) and their sentences (by paragraph id and index) from `from` into `to`, at their new rows. */
export async function copyKept(
  db: Database,
  { from, to }: { from: string; to: string },
  paragraphs: readonly { id: string; row: number }[],
  sentences: readonly { chunk: string; sentence: number; row: number }[],
): Promise<void> {
  const p = db.name('paragraphs');
  const s = db.name('sentences');
  for (const batch of batches(paragraphs, BATCH_ROWS * 10)) {
    await db.query(
      `INSERT INTO ${p} (generation, row, id, doc, paragraph, part, start_offset, end_offset, heading, text, embedding, search)
       SELECT $1, k.row, x.id, x.doc, x.paragraph, x.part, x.start_offset, x.end_offset, x.heading, x.text, x.embedding, x.search
       FROM unnest($3::text[], $4::int[]) AS k(id, row) JOIN ${p} x ON x.generation = $2 AND x.id = k.id`,
      [to, from, batch.map((k) => k.id), batch.map((k) => k.row)],
    );
  }
  for (const batch of batches(sentences, BATCH_ROWS * 10)) {
    await db.query(
      `INSERT INTO ${s} (generation, row, chunk, doc, sentence, start_offset, end_offset, text, embedding)
       SELECT $1, k.row, x.chunk, x.doc, x.sentence, x.start_offset, x.end_offset, x.text, x.embedding
       FROM unnest($3::text[], $4::int[], $5::int[]) AS k(chunk, sentence, row) JOIN ${s} x ON x.generation = $2 AND x.chunk = k.chunk AND x.sentence = k.sentence`,
      [to, from, batch.map((k) => k.chunk), batch.map((k) => k.sentence), batch.map((k) => k.row)],
    );
  }
}

/** A generation's row (`generations`). */
export interface GenerationRecord {
  id: string;
  created_at: Date;
  format: number;
  chunker_version: number;
  model: IndexManifest['model'];
  paragraph_count: number;
  sentence_count: number;
}

/** A paragraph's row as read back (its vector in pgvector's binary form, when asked for). */
export interface ParagraphRecord {
  row: number;
  id: string;
  doc: string;
  paragraph: number;
  part: number;
  start_offset: number;
  end_offset: number;
  text: string;
  embedding?: Buffer;
}

/** A sentence's row as read back. */
export interface SentenceRecord {
  row: number;
  chunk: string;
  doc: string;
  sentence: number;
  start_offset: number;
  end_offset: number;
  embedding?: Buffer;
}

export const PARAGRAPH_COLUMNS = 'id, doc, paragraph, part, start_offset, end_offset, text';
export const SENTENCE_COLUMNS = 'chunk, doc, sentence, start_offset, end_offset';

export function paragraphItemOf(r: ParagraphRecord, vector: ArrayLike<number>): StoredItem {
  const metadata: ItemMetadata = { kind: 'paragraph', doc: r.doc, paragraph: r.paragraph, part: r.part, start: r.start_offset, end: r.end_offset, text: r.text };
  return { id: r.id, vector, metadata };
}

export function sentenceItemOf(r: SentenceRecord, vector: ArrayLike<number>): StoredItem {
  const metadata: ItemMetadata = { kind: 'sentence', doc: r.doc, chunk: r.chunk, sentence: r.sentence, start: r.start_offset, end: r.end_offset };
  return { id: `${r.chunk}/s${r.sentence}`, vector, metadata };
}

/** A generation's paragraph items in row order; without their vectors (left empty) unless `vectors`. */
export async function readParagraphs(db: Database, generation: string, vectors: boolean): Promise<StoredItem[]> {
  const columns = `${PARAGRAPH_COLUMNS}${vectors ? `, ${vectorBytes('embedding')} AS embedding` : ''}`;
  const records = await readPaged<ParagraphRecord>(db, 'paragraphs', columns, generation);
  return records.map((r) => paragraphItemOf(r, r.embedding ? parseVectorBytes(r.embedding) : []));
}

/** A generation's sentence items in row order, with their vectors as one matrix when `dimensions` is given. */
export async function readSentences(db: Database, generation: string, dimensions: number | null): Promise<{ vectors: Float32Array; items: StoredItem[] }> {
  const columns = `${SENTENCE_COLUMNS}${dimensions ? `, ${vectorBytes('embedding')} AS embedding` : ''}`;
  const records = await readPaged<SentenceRecord>(db, 'sentences', columns, generation);
  const width = dimensions ?? 0;
  const vectors = new Float32Array(records.length * width);
  const items = records.map((r, row) => {
    const vector = vectors.subarray(row * width, (row + 1) * width);
    if (r.embedding) parseVectorBytes(r.embedding, vector);
    return sentenceItemOf(r, vector);
  });
  return { vectors, items };
}

/** Rows of a generation's table in row order, a page at a time (keyset pagination on the primary key). */
async function readPaged<Row extends object>(db: Database, table: string, columns: string, generation: string): Promise<Row[]> {
  const rows: Row[] = [];
  const sql = `SELECT row, ${columns} FROM ${db.name(table)} WHERE generation = $1 AND row >= $2 ORDER BY row LIMIT ${BATCH_ROWS * 4}`;
  for (;;) {
    const page = await db.query<Row & { row: number }>(sql, [generation, rows.length]);
    for (const record of page) {
      if (record.row !== rows.length) throw new Error(`${table} of generation ${generation} has no row ${rows.length}`);
      rows.push(record);
    }
    if (page.length < BATCH_ROWS * 4) return rows;
  }
}

export function* batches<T>(rows: readonly T[], size = BATCH_ROWS): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
