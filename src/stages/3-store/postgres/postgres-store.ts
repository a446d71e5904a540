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
import { DEFAULT_BM25, type Bm25Parameters, type ParagraphTerms, type SharedIndex, type SharedIndexStore } from '../../../contracts/shared-index.ts';
import type { IndexManifest, LoadedIndex, PreviousBuild, StoredItem } from '../../../contracts/store.ts';
import { assembleIndex, sectionHeadings } from '../assemble.ts';
import { checkFormat, noIndex, readingBuild } from '../build-errors.ts';
import { INDEX_FORMAT, isParagraph } from '../items.ts';
import { Database, DEFAULT_POOL, type DatabaseSettings, type PoolOptions } from './database.ts';
import { copyKept, insertDocuments, insertParagraphs, insertSentences, readParagraphs, readSentences, type GenerationRecord, type ParagraphRow, type SentenceRow } from './rows.ts';
import { migrate, vectorIndex } from './schema.ts';
import { writePostings, type TermsOfBuild } from './postings.ts';
import { DEFAULT_SQL_BM25, type SqlBm25Options } from './bm25.ts';
import { HNSW_SESSION, openSharedIndex } from './shared-index.ts';
import { acquireWriterLock } from './writer-lock.ts';

export interface PostgresStoreOptions {
  /** @default DEFAULT_POOL */
  pool: PoolOptions;
  /**
   * How paragraphs are read for BM25 in SQL. Without it no postings are
   * written, and the builds can only be loaded whole (`open`), not shared.
   * @default null — the composition root hands in the lexical stage's reading.
   */
  terms: ParagraphTerms | null;
  /** @default DEFAULT_BM25 — the BM25 parameters postings are ordered for; the composition root hands in the retrieval's. */
  bm25: Bm25Parameters;
  /** @default DEFAULT_SQL_BM25 — when BM25 in SQL scores every posting, and when it reads them best first. */
  sqlBm25: SqlBm25Options;
}

export const DEFAULT_POSTGRES_STORE: PostgresStoreOptions = { pool: DEFAULT_POOL, terms: null, bm25: DEFAULT_BM25, sqlBm25: DEFAULT_SQL_BM25 };

export class PostgresStore implements SharedIndexStore {
  readonly db: Database;
  private migrated: Promise<number[]> | null = null;
  private readonly terms: ParagraphTerms | null;
  private readonly bm25: Bm25Parameters;
  private readonly sqlBm25: SqlBm25Options;

  constructor(settings: DatabaseSettings, options: Partial<PostgresStoreOptions> = {}) {
    const { pool, terms, bm25, sqlBm25 } = { ...DEFAULT_POSTGRES_STORE, ...options };
    this.db = new Database(settings, { ...pool, sessionSql: [pool.sessionSql, HNSW_SESSION].filter(Boolean).join('; ') });
    this.bm25 = bm25;
    this.sqlBm25 = sqlBm25;
    this.terms = terms;
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
    const what = `generation ${generation} in ${this.location}`;
    return readingBuild(what, async () => {
      const manifest = await this.readManifest(generation);
      if (manifest.format !== INDEX_FORMAT) return { manifest, items: async () => [] };
      const stale = this.terms && !(await this.termsOf(generation)).terms?.partial ? 'it holds no postings for BM25 in SQL' : undefined;
      let items: Promise<StoredItem[]> | null = null;
      // Vectors stay in the database: write copies unchanged articles' rows there.
      const readItems = () =>
        readingBuild(what, async () => {
          const paragraphs = await readParagraphs(this.db, generation, false);
          const { items: sentences } = await readSentences(this.db, generation, null);
          return [...paragraphs, ...sentences];
        });
      return { manifest, items: () => (items ??= readItems()), ...(stale ? { stale } : {}) };
    });
  }

  async write(manifest: IndexManifest, items: readonly StoredItem[], keptParagraphs: ReadonlySet<string>): Promise<string> {
    await this.ready();
    const release = await acquireWriterLock(this.db);
    let generation: string | null = null;
    try {
      const previous = await this.currentBuild();
      generation = await this.createGeneration(manifest);
      // Before the rows, so that it grows with them rather than being built over them all at the end.
      await this.db.query(vectorIndex(this.db, manifest.model.dimensions));
      await insertDocuments(this.db, generation, manifest.documents, manifest.paragraphIds);
      const paragraphs = items.filter(isParagraph);
      const sentences = items.filter((item) => !isParagraph(item));
      await this.writeItems({ generation, previous }, manifest.documents, { paragraphs, sentences }, keptParagraphs);
      if (this.terms) {
        const before = previous ? { id: previous, ...(await this.termsOf(previous)) } : null;
        await writePostings(this.db, { generation, previous: before }, paragraphs, keptParagraphs, { terms: this.terms, bm25: this.bm25 });
      }
      // Fresh statistics before questions reach the new rows: planned on stale ones, a word family's lookup scanned every stem (30 ms instead of 1).
      // VACUUM marks the postings' pages all-visible, so that BM25 reads them from its covering indexes alone.
      await this.db.query(`VACUUM (ANALYZE) ${this.db.name('postings')}`);
      await this.db.query(`ANALYZE ${['documents', 'paragraphs', 'sentences', 'stem_stats'].map((table) => this.db.name(table)).join(', ')}`);
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
      // Loaded whole, a generation is scanned exactly: instances answer through the database (openShared), whose HNSW index stands in for vector lists.
      return { manifest, location: `${this.location}, generation ${generation}`, build: generation, paragraphs, sentences, vectorLists: null };
    });
    return assembleIndex(parts);
  }

  /** The current build, answered from the database: nothing of it is loaded beyond what each question fetches. */
  async openShared(): Promise<SharedIndex> {
    const generation = await this.currentBuild();
    if (!generation) throw noIndex(this.location);
    return openSharedIndex(this.db, generation, `${this.location}, generation ${generation}`, this.sqlBm25);
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

  /** How a generation's paragraphs were read for its postings (null when it has none), and their mean length. */
  private async termsOf(generation: string): Promise<{ terms: TermsOfBuild | null; averageLength: number | null }> {
    const [row] = await this.db.query<{ terms: TermsOfBuild | null; term_count: string | null; paragraph_count: number | null }>(
      `SELECT terms, term_count, paragraph_count FROM ${this.db.name('generations')} WHERE id = $1`,
      [generation],
    );
    const averageLength = row?.term_count && row.paragraph_count ? Number(row.term_count) / row.paragraph_count : null;
    return { terms: row?.terms ?? null, averageLength };
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
      ...(record.sentence_count === null ? {} : { sentences: record.sentence_count }),
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
