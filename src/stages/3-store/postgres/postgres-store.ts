/**
 * The index in PostgreSQL (with pgvector), for more than one machine: any
 * number of ancre processes read one database, and ingest runs from any
 * machine, one writer at a time (writer-lock.ts).
 *
 * Each build is a generation (schema.ts). A write inserts the new
 * generation's rows beside the current one, copying unchanged articles'
 * rows inside the database, then switches `current_build` in one
 * transaction: readers see the previous build until then, the new one
 * after, never a mix. The generation it replaced stays until the next
 * switch, so that a process still loading it finishes.
 */
import type pg from 'pg';
import { ConfigError, IndexCorruptError, StoreUnavailableError } from '../../../contracts/errors.ts';
import type { ArticleDocument } from '../../../contracts/document.ts';
import type { IndexManifest, IndexStore, LoadedIndex, PreviousBuild, StoredItem, VectorLists } from '../../../contracts/store.ts';
import { assembleIndex, sectionHeadings } from '../assemble.ts';
import { checkFormat, noIndex, readingBuild } from '../build-errors.ts';
import { INDEX_FORMAT, isParagraph } from '../items.ts';
import { Database, DEFAULT_POOL, type DatabaseSettings, type PoolOptions } from './database.ts';
import { copyKept, insertDocuments, insertParagraphs, insertSentences, readParagraphs, readSentences, type ParagraphRow, type SentenceRow } from './rows.ts';
import { migrate } from './schema.ts';
import { DEFAULT_VECTOR_LISTS, listsForBuild, listsFromBytes, listsToBytes, type ListsOfBuild, type VectorListOptions } from '../vector-lists.ts';
import { vectorMatrix } from '../vector-matrix.ts';
import { acquireWriterLock } from './writer-lock.ts';

interface GenerationRecord {
  id: string;
  created_at: Date;
  format: number;
  chunker_version: number;
  model: IndexManifest['model'];
  paragraph_count: number;
  sentence_count: number;
}

export class PostgresStore implements IndexStore {
  readonly db: Database;
  private migrated: Promise<number[]> | null = null;
  /** The paragraph ids by row of the generation `readPrevious` read: what extending its vector lists needs, not read twice. */
  private previousRows: { generation: string; ids: string[] } | null = null;

  constructor(
    settings: DatabaseSettings,
    private readonly lists: VectorListOptions = DEFAULT_VECTOR_LISTS,
    pool: PoolOptions = DEFAULT_POOL,
  ) {
    this.db = new Database(settings, pool);
  }

  get location(): string {
    return this.db.description;
  }

  /** Creates or upgrades ancre's tables, once per process; the versions applied now. */
  ready(): Promise<number[]> {
    this.migrated ??= migrate(this.db).catch((error: unknown) => {
      this.migrated = null;
      if (error instanceof StoreUnavailableError) throw error;
      throw new ConfigError(`cannot create or upgrade ancre's tables in ${this.location}: ${(error as Error).message}`);
    });
    return this.migrated;
  }

  async exists(): Promise<boolean> {
    return (await this.currentBuild()) !== null;
  }

  async currentBuild(): Promise<string | null> {
    await this.ready();
    const [row] = await this.db.query<{ generation: string }>(`SELECT generation FROM ${this.db.name('current_build')}`);
    return row?.generation ?? null;
  }

  async readPrevious(): Promise<PreviousBuild | null> {
    const generation = await this.currentBuild();
    if (!generation) return null;
    return readingBuild(`generation ${generation} in ${this.location}`, async () => {
      const manifest = await this.readManifest(generation);
      if (manifest.format !== INDEX_FORMAT) return { manifest, items: [] };
      // Vectors stay in the database: write copies unchanged articles' rows there.
      const paragraphs = await readParagraphs(this.db, generation, false);
      const { items: sentences } = await readSentences(this.db, generation, null);
      this.previousRows = { generation, ids: paragraphs.map((item) => item.id) };
      return { manifest, items: [...paragraphs, ...sentences] };
    });
  }

  async write(manifest: IndexManifest, items: readonly StoredItem[], keptParagraphs: ReadonlySet<string>): Promise<string> {
    await this.ready();
    const release = await acquireWriterLock(this.db);
    let generation: string | null = null;
    try {
      const previous = await this.currentBuild();
      generation = await this.createGeneration(manifest);
      await insertDocuments(this.db, generation, manifest.documents, manifest.paragraphIds);
      const paragraphs = items.filter(isParagraph);
      const sentences = items.filter((item) => !isParagraph(item));
      await this.writeItems({ generation, previous }, manifest.documents, { paragraphs, sentences }, keptParagraphs);
      if (paragraphs.length >= this.lists.minRows) await this.writeVectorLists({ generation, previous }, manifest.model.dimensions, paragraphs, keptParagraphs);
      await this.switchTo(generation, previous, { paragraphs: paragraphs.length, sentences: sentences.length });
      return `${this.db.description}, generation ${generation}`;
    } catch (error) {
      // A half-written generation goes at once (the next write would remove it too); the current one was never touched.
      if (generation) await this.db.query(`DELETE FROM ${this.db.name('generations')} WHERE id = $1 AND state = 'building'`, [generation]).catch(() => {});
      throw error;
    } finally {
      await release();
    }
  }

  async open(): Promise<LoadedIndex> {
    const generation = await this.currentBuild();
    if (!generation) throw noIndex(this.location);
    const parts = await readingBuild(`generation ${generation} in ${this.location}`, async () => {
      const manifest = await this.readManifest(generation);
      checkFormat(manifest, `${this.location} (generation ${generation})`);
      const paragraphs = await readParagraphs(this.db, generation, true);
      const sentences = await readSentences(this.db, generation, manifest.model.dimensions);
      const vectorLists = await this.readVectorLists(generation, paragraphs.length, manifest.model.dimensions);
      return { manifest, location: `${this.location}, generation ${generation}`, build: generation, paragraphs, sentences, vectorLists };
    });
    return assembleIndex(parts);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  async drop(): Promise<void> {
    await this.db.query(`DROP SCHEMA IF EXISTS "${this.db.schema}" CASCADE`);
    this.migrated = null;
  }

  private async createGeneration(manifest: IndexManifest): Promise<string> {
    const { model } = manifest;
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO ${this.db.name('generations')} (state, created_at, format, chunker_version, model_id, model_fingerprint, dimensions, model)
       VALUES ('building', $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [manifest.createdAt, manifest.format, manifest.chunkerVersion, model.id, model.fingerprint, model.dimensions, JSON.stringify(model)],
    );
    return row!.id;
  }

  /** Writes the items at their rows: new ones sent, kept ones copied from the previous generation. */
  private async writeItems(
    { generation, previous }: { generation: string; previous: string | null },
    documents: readonly ArticleDocument[],
    { paragraphs: paragraphItems, sentences: sentenceItems }: { paragraphs: readonly StoredItem[]; sentences: readonly StoredItem[] },
    keptParagraphs: ReadonlySet<string>,
  ): Promise<void> {
    const kept = previous ? keptParagraphs : new Set<string>();
    const byId = new Map(documents.map((doc) => [doc.id, doc]));
    const headings = sectionHeadings();
    const paragraphOf = new Map(paragraphItems.map((item) => [item.id, Number(item.metadata.paragraph)]));
    const freshParagraphs: ParagraphRow[] = [];
    const keptRows: { id: string; row: number }[] = [];
    paragraphItems.forEach((item, row) => {
      if (kept.has(item.id)) return void keptRows.push({ id: item.id, row });
      const doc = byId.get(String(item.metadata.doc))!;
      freshParagraphs.push({ row, item, heading: headings(doc)[Number(item.metadata.paragraph) - 1] ?? null });
    });
    const freshSentences: SentenceRow[] = [];
    const keptSentences: { chunk: string; sentence: number; row: number }[] = [];
    sentenceItems.forEach((item, row) => {
      const m = item.metadata;
      const chunk = String(m.chunk);
      if (kept.has(chunk)) return void keptSentences.push({ chunk, sentence: Number(m.sentence), row });
      const paragraph = byId.get(String(m.doc))!.paragraphs[paragraphOf.get(chunk)! - 1]!;
      freshSentences.push({ row, item, text: paragraph.text.slice(Number(m.start), Number(m.end)) });
    });
    await insertParagraphs(this.db, generation, freshParagraphs);
    await insertSentences(this.db, generation, freshSentences);
    if (previous && keptRows.length > 0) await copyKept(this.db, { from: previous, to: generation }, keptRows, keptSentences);
  }

  /** The new generation's vector lists: the previous generation's extended while they fit, else trained anew on every vector (read back, since kept rows were copied inside the database). */
  private async writeVectorLists(
    { generation, previous }: { generation: string; previous: string | null },
    dimensions: number,
    paragraphs: readonly StoredItem[],
    kept: ReadonlySet<string>,
  ): Promise<void> {
    const previousLists = previous && kept.size > 0 ? await this.listsOfBuild(previous, dimensions) : null;
    const lists = await listsForBuild(
      {
        ids: paragraphs.map((item) => item.id),
        dimensions,
        // Kept rows' vectors stayed in the database: zeros here, read back only if the lists are trained anew.
        vectors: vectorMatrix(paragraphs, dimensions),
        allVectors: async () => vectorMatrix(await readParagraphs(this.db, generation, true), dimensions),
      },
      previousLists,
      kept,
      this.lists,
    );
    const { centroids, listOfRow } = listsToBytes(lists);
    await this.db.query(`INSERT INTO ${this.db.name('vector_lists')} (generation, centroids, list_of_row, trained_on) VALUES ($1, $2, $3, $4)`, [
      generation,
      centroids,
      listOfRow,
      lists.trainedOn,
    ]);
  }

  /** A generation's vector lists, or null when it has none (a small index). */
  private async readVectorLists(generation: string, rows: number, dimensions: number): Promise<VectorLists | null> {
    const [record] = await this.db.query<{ centroids: Buffer; list_of_row: Buffer; trained_on: number }>(
      `SELECT centroids, list_of_row, trained_on FROM ${this.db.name('vector_lists')} WHERE generation = $1`,
      [generation],
    );
    return record ? listsFromBytes(record.centroids, record.list_of_row, record.trained_on, rows, dimensions) : null;
  }

  /** A generation's lists with its paragraphs' ids by row, or null (none, or unreadable: they are then trained anew). */
  private async listsOfBuild(generation: string, dimensions: number): Promise<ListsOfBuild | null> {
    try {
      const ids =
        this.previousRows?.generation === generation
          ? this.previousRows.ids
          : (await this.db.query<{ id: string }>(`SELECT id FROM ${this.db.name('paragraphs')} WHERE generation = $1 ORDER BY row`, [generation])).map((r) => r.id);
      const lists = await this.readVectorLists(generation, ids.length, dimensions);
      return lists && { lists, ids };
    } catch {
      return null;
    }
  }

  /** Makes `generation` current in one transaction, once its rows are all there; drops generations older than the one it replaces. */
  private async switchTo(generation: string, previous: string | null, expected: { paragraphs: number; sentences: number }): Promise<void> {
    const g = this.db.name('generations');
    await this.db.transaction(async (client) => {
      const counts = await countRows(client, this.db, generation);
      if (counts.paragraphs !== expected.paragraphs || counts.sentences !== expected.sentences) {
        throw new IndexCorruptError(
          `generation ${generation} holds ${counts.paragraphs} paragraphs and ${counts.sentences} sentences, expected ${expected.paragraphs} and ${expected.sentences}: the previous build changed during the ingest; run it again`,
        );
      }
      await client.query(`UPDATE ${g} SET state = 'retired' WHERE state = 'current'`);
      await client.query(`UPDATE ${g} SET state = 'current', switched_at = now(), paragraph_count = $2, sentence_count = $3 WHERE id = $1`, [
        generation,
        counts.paragraphs,
        counts.sentences,
      ]);
      await client.query(
        `INSERT INTO ${this.db.name('current_build')} (generation) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET generation = excluded.generation`,
        [generation],
      );
    });
    // Older generations, and any a killed writer left half-built: the writer lock says no other write is running.
    await this.db.query(`DELETE FROM ${g} WHERE id <> $1 AND id IS DISTINCT FROM $2`, [generation, previous]);
  }

  private async readManifest(generation: string): Promise<IndexManifest> {
    const [record] = await this.db.query<GenerationRecord>(`SELECT * FROM ${this.db.name('generations')} WHERE id = $1`, [generation]);
    if (!record) throw new Error(`generation ${generation} is gone (a newer build replaced it meanwhile)`);
    const docs = await this.db.query<{ article: ArticleDocument; paragraph_ids: string[] }>(
      `SELECT article, paragraph_ids FROM ${this.db.name('documents')} WHERE generation = $1 ORDER BY position`,
      [generation],
    );
    return {
      format: record.format,
      createdAt: new Date(record.created_at).toISOString(),
      model: record.model,
      chunkerVersion: record.chunker_version,
      documents: docs.map((d) => d.article),
      paragraphIds: Object.fromEntries(docs.map((d) => [d.article.id, d.paragraph_ids])),
    };
  }


}

async function countRows(client: pg.PoolClient, db: Database, generation: string): Promise<{ paragraphs: number; sentences: number }> {
  const { rows } = await client.query<{ paragraphs: number; sentences: number }>(
    `SELECT (SELECT count(*)::int FROM ${db.name('paragraphs')} WHERE generation = $1) AS paragraphs,
            (SELECT count(*)::int FROM ${db.name('sentences')} WHERE generation = $1) AS sentences`,
    [generation],
  );
  return rows[0]!;
}
