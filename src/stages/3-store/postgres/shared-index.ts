/**
 * A generation answered from the database, without loading it: BM25 over
 * its postings with its own statistics, the nearest vectors through
 * pgvector's HNSW index, and a question's candidate articles fetched whole
 * as a small index of their own (stages/3-store/assemble.ts), with the
 * vectors of the candidates only. The SQL follows pgvector-node's examples:
 * vectors sent as text literals, read back in pgvector's binary form.
 */
import type { ArticleDocument } from '../../../contracts/document.ts';
import { IndexOutdatedError } from '../../../contracts/errors.ts';
import type { LexicalTerm } from '../../../contracts/query.ts';
import { filterRestricts, type DocumentFilter } from '../../../contracts/retrieval.ts';
import type { Bm25Parameters, ScoredParagraph, SharedIndex, TermContext } from '../../../contracts/shared-index.ts';
import type { IndexManifest, LoadedIndex } from '../../../contracts/store.ts';
import { LruCache } from '../../../shared/lru-cache.ts';
import { assembleIndex } from '../assemble.ts';
import { checkFormat, REBUILD } from '../build-errors.ts';
import type { Database } from './database.ts';
import { bm25Ranking, DEFAULT_SQL_BM25, type SqlBm25Options } from './bm25.ts';
import { filterSql } from './filter-sql.ts';
import type { PartialBasis, TermsOfBuild } from './postings.ts';
import { PARAGRAPH_COLUMNS, paragraphItemOf, parseVectorBytes, SENTENCE_COLUMNS, sentenceItemOf, vectorBytes, vectorLiteral, type GenerationRecord, type ParagraphRecord, type SentenceRecord } from './rows.ts';

/**
 * Nodes HNSW visits per question, at least (pgvector's default is 40): a
 * question asks for 20 paragraphs or more. Measured on PGlite at 10,003
 * paragraphs, 100 PIAF questions, recall@20 against the exact scan: 40 →
 * 0.882 (1.66 ms), 100 → 0.973 (1.98 ms), 200 → 0.992 (2.20 ms), 400 →
 * 0.994 (2.95 ms). Iterative scans go on past it while a filter or an
 * older generation in the same index leaves too few rows.
 */
const EF_SEARCH = 200;

/** Set on each connection: HNSW reads EF_SEARCH nodes, and goes on reading while rows of other generations or filtered articles fill its results. */
export const HNSW_SESSION = `SET hnsw.ef_search = ${EF_SEARCH}; SET hnsw.iterative_scan = strict_order`;

/**
 * Articles (their paragraphs' and sentences' rows) and paragraphs' vectors
 * kept at hand: the articles a corpus's questions bring up recur, and a
 * question then needs no fetch beyond its rankings. About 10 KB an article,
 * 8 KB a paragraph's vectors at 384 dimensions: 2,000 of each is about 36 MB.
 */
const ARTICLES_CACHED = 2000;
const VECTORS_CACHED = 2000;
/** Stems and word families whose document frequencies are kept: a question needs a dozen or so. */
const STEMS_CACHED = 20_000;

interface GenerationRow extends GenerationRecord {
  terms: TermsOfBuild | null;
  term_count: string | null;
  documents: number;
}

export async function openSharedIndex(db: Database, generation: string, location: string, sqlBm25: SqlBm25Options = DEFAULT_SQL_BM25): Promise<SharedIndex> {
  const [record] = await db.query<GenerationRow>(
    `SELECT g.*, (SELECT count(*)::int FROM ${db.name('documents')} d WHERE d.generation = g.id) AS documents FROM ${db.name('generations')} g WHERE g.id = $1`,
    [generation],
  );
  if (!record) throw new Error(`generation ${generation} is gone (a newer build replaced it meanwhile)`);
  checkFormat({ format: record.format } as IndexManifest, location);
  if (!record.terms?.partial || record.term_count === null) throw new IndexOutdatedError(`the index in ${location} holds no postings for BM25 in SQL (an older ancre wrote it): ${REBUILD}`);
  return new PostgresSharedIndex(db, { generation, location, sqlBm25 }, record, record.terms);
}

class PostgresSharedIndex implements SharedIndex {
  readonly createdAt: string;
  readonly model: IndexManifest['model'];
  readonly counts: SharedIndex['counts'];
  readonly termContext: TermContext;
  readonly averageLength: number;
  private readonly partial: PartialBasis;
  private readonly cachedArticles = new LruCache<string, ArticleRows>(ARTICLES_CACHED);
  private readonly cachedVectors = new LruCache<string, ParagraphVectors>(VECTORS_CACHED);
  /** Document frequencies (0: no paragraph holds the stem), and every stem of a prefix with its frequency: a build's never change. */
  private readonly cachedStems = new LruCache<string, number>(STEMS_CACHED);
  private readonly cachedFamilies = new LruCache<string, [string, number][]>(STEMS_CACHED);

  readonly build: string;
  readonly location: string;
  private readonly sqlBm25: SqlBm25Options;

  constructor(
    private readonly db: Database,
    { generation, location, sqlBm25 }: { generation: string; location: string; sqlBm25: SqlBm25Options },
    private readonly record: GenerationRow,
    terms: TermsOfBuild,
  ) {
    this.build = generation;
    this.location = location;
    this.sqlBm25 = sqlBm25;
    this.createdAt = new Date(record.created_at).toISOString();
    this.model = record.model;
    this.counts = { documents: record.documents, paragraphs: record.paragraph_count, sentences: record.sentence_count };
    this.termContext = terms.context;
    this.averageLength = Number(record.term_count) / Math.max(1, record.paragraph_count);
    this.partial = terms.partial;
  }

  async stemFrequencies(stems: readonly string[], prefixes: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const missingStems = stems.filter((stem) => {
      const df = this.cachedStems.get(stem);
      if (df !== undefined && df > 0) found.set(stem, df);
      return df === undefined;
    });
    const missingPrefixes = prefixes.filter((prefix) => {
      const family = this.cachedFamilies.get(prefix);
      for (const [stem, df] of family ?? []) found.set(stem, df);
      return family === undefined;
    });
    if (missingStems.length === 0 && missingPrefixes.length === 0) return found;
    const fetched = await this.fetchStemFrequencies(missingStems, missingPrefixes);
    for (const stem of missingStems) this.cachedStems.set(stem, fetched.get(stem) ?? 0);
    for (const prefix of missingPrefixes) this.cachedFamilies.set(prefix, [...fetched].filter(([stem]) => stem.startsWith(prefix)));
    for (const [stem, df] of fetched) found.set(stem, df);
    return found;
  }

  async stemsHeld(stems: readonly string[], filter?: DocumentFilter): Promise<Set<string>> {
    if (!filterRestricts(filter)) return new Set((await this.stemFrequencies(stems, [])).keys());
    const params: unknown[] = [this.build, [...new Set(stems)]];
    // The first allowed posting of each stem ends its search.
    const rows = await this.db.query<{ stem: string }>(
      `SELECT q.stem FROM unnest($2::text[]) AS q(stem)
       WHERE EXISTS (SELECT 1 FROM ${this.db.name('postings')} x JOIN ${this.db.name('paragraphs')} p ON p.generation = $1 AND p.row = x.row
                     WHERE x.generation = $1 AND x.stem = q.stem AND ${filterSql(filter, params)})`,
      params,
    );
    return new Set(rows.map((row) => row.stem));
  }

  private async fetchStemFrequencies(stems: readonly string[], prefixes: readonly string[]): Promise<Map<string, number>> {
    const s = this.db.name('stem_stats');
    const rows = await this.db.query<{ stem: string; df: number }>(
      `SELECT stem, df FROM ${s} WHERE generation = $1 AND stem = ANY($2::text[])
       UNION
       SELECT x.stem, x.df FROM unnest($3::text[]) AS p(prefix)
       JOIN ${s} x ON x.generation = $1 AND x.stem >= p.prefix COLLATE "C" AND x.stem < (p.prefix || chr(1114111)) COLLATE "C"`,
      [this.build, stems, prefixes],
    );
    return new Map(rows.map((row) => [row.stem, row.df]));
  }

  lexicalRanking(terms: readonly LexicalTerm[], k: number, bm25: Bm25Parameters, filter?: DocumentFilter, postings?: number): Promise<ScoredParagraph[]> {
    const corpus = { paragraphs: this.counts.paragraphs, averageLength: this.averageLength, partial: this.partial };
    return bm25Ranking(this.db, this.build, corpus, { terms, k, bm25, filter, postings }, this.sqlBm25);
  }

  async denseRanking(vector: Float32Array, k: number, filter?: DocumentFilter): Promise<ScoredParagraph[]> {
    const dimensions = vector.length;
    const params: unknown[] = [this.build, vectorLiteral(vector), k];
    const distance = `p.embedding::vector(${dimensions}) <#> $2::vector(${dimensions})`;
    const sql = `SELECT p.id, p.doc, -(${distance}) AS score FROM ${this.db.name('paragraphs')} p
      WHERE p.generation = $1 AND vector_dims(p.embedding) = ${dimensions} AND ${filterSql(filter, params)}
      ORDER BY ${distance} LIMIT $3`;
    // Each connection starts with HNSW_SESSION; a deeper question widens the search for itself only.
    if (k <= EF_SEARCH) return this.db.query<ScoredParagraph>(sql, params);
    return this.db.transaction(async (client) => {
      await client.query(`SET LOCAL hnsw.ef_search = ${k}`);
      return (await client.query<ScoredParagraph>(sql, params)).rows;
    });
  }

  async articles(docs: readonly string[], withVectors: ReadonlySet<string>): Promise<LoadedIndex> {
    const articles = [...(await this.articleRows(docs)).values()].sort((x, y) => x.position - y.position);
    const vectors = await this.vectorsOf([...withVectors]);
    const dimensions = this.model.dimensions;
    // In the build's row order, as a loaded build has them: rankings break ties by row.
    const paragraphs = articles.flatMap((a) => a.paragraphs).sort((x, y) => x.row - y.row);
    const sentences = articles.flatMap((a) => a.sentences).sort((x, y) => x.row - y.row);
    const sentenceVectors = new Float32Array(sentences.length * dimensions);
    return assembleIndex({
      manifest: {
        format: this.record.format,
        createdAt: this.createdAt,
        model: this.model,
        chunkerVersion: this.record.chunker_version,
        documents: articles.map((a) => a.article),
        paragraphIds: Object.fromEntries(articles.map((a) => [a.article.id, a.paragraphIds])),
      },
      location: this.location,
      build: this.build,
      paragraphs: paragraphs.map((r) => paragraphItemOf(r, vectors.get(r.id)?.paragraph ?? new Float32Array(dimensions))),
      sentences: {
        vectors: sentenceVectors,
        items: sentences.map((r, row) => {
          const vector = sentenceVectors.subarray(row * dimensions, (row + 1) * dimensions);
          const known = vectors.get(r.chunk)?.sentences.get(r.sentence);
          if (known) vector.set(known);
          return sentenceItemOf(r, vector);
        }),
      },
      vectorLists: null,
    });
  }

  /** Articles with their paragraphs' and sentences' rows (no vectors), from the cache or fetched together. */
  private articleRows(docs: readonly string[]): Promise<Map<string, ArticleRows>> {
    return this.cachedArticles.getOrFetchAll(docs, async (missing) => {
      const params = [this.build, missing];
      const [documents, paragraphs, sentences] = await Promise.all([
        this.db.query<{ position: number; article: ArticleDocument; paragraph_ids: string[] }>(
          `SELECT position, article, paragraph_ids FROM ${this.db.name('documents')} WHERE generation = $1 AND id = ANY($2::text[])`,
          params,
        ),
        this.db.query<ParagraphRecord>(`SELECT row, ${PARAGRAPH_COLUMNS} FROM ${this.db.name('paragraphs')} WHERE generation = $1 AND doc = ANY($2::text[])`, params),
        this.db.query<SentenceRecord>(`SELECT row, ${SENTENCE_COLUMNS} FROM ${this.db.name('sentences')} WHERE generation = $1 AND doc = ANY($2::text[])`, params),
      ]);
      const found = new Map<string, ArticleRows>();
      for (const { position, article, paragraph_ids } of documents) found.set(article.id, { position, article, paragraphIds: paragraph_ids, paragraphs: [], sentences: [] });
      for (const r of paragraphs) found.get(r.doc)?.paragraphs.push(r);
      for (const r of sentences) found.get(r.doc)?.sentences.push(r);
      return found;
    });
  }

  /** Paragraphs' vectors and their sentences', by paragraph id, from the cache or fetched together. */
  private vectorsOf(ids: readonly string[]): Promise<Map<string, ParagraphVectors>> {
    return this.cachedVectors.getOrFetchAll(ids, async (missing) => {
      const params = [this.build, missing];
      const [paragraphs, sentences] = await Promise.all([
        this.db.query<{ id: string; embedding: Buffer }>(`SELECT id, ${vectorBytes('embedding')} AS embedding FROM ${this.db.name('paragraphs')} WHERE generation = $1 AND id = ANY($2::text[])`, params),
        this.db.query<{ chunk: string; sentence: number; embedding: Buffer }>(
          `SELECT chunk, sentence, ${vectorBytes('embedding')} AS embedding FROM ${this.db.name('sentences')} WHERE generation = $1 AND chunk = ANY($2::text[])`,
          params,
        ),
      ]);
      const found = new Map<string, ParagraphVectors>();
      for (const r of paragraphs) found.set(r.id, { paragraph: parseVectorBytes(r.embedding), sentences: new Map() });
      for (const r of sentences) found.get(r.chunk)?.sentences.set(r.sentence, parseVectorBytes(r.embedding));
      return found;
    });
  }

  async document(id: string): Promise<ArticleDocument | undefined> {
    const [row] = await this.db.query<{ article: ArticleDocument }>(`SELECT article FROM ${this.db.name('documents')} WHERE generation = $1 AND id = $2`, [this.build, id]);
    return row?.article;
  }

  async unknownDocuments(ids: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM ${this.db.name('documents')} WHERE generation = $1 AND id = ANY($2::text[])`, [this.build, [...ids]]);
    const known = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !known.has(id));
  }

  async documents(): Promise<ArticleDocument[]> {
    const rows = await this.db.query<{ article: ArticleDocument }>(`SELECT article FROM ${this.db.name('documents')} WHERE generation = $1 ORDER BY position`, [this.build]);
    return rows.map((row) => row.article);
  }
}

/** An article as a question's small index needs it, vectors aside. */
interface ArticleRows {
  position: number;
  article: ArticleDocument;
  paragraphIds: string[];
  paragraphs: ParagraphRecord[];
  sentences: SentenceRecord[];
}

/** A paragraph's vector and its sentences' (by sentence index). */
interface ParagraphVectors {
  paragraph: Float32Array;
  sentences: Map<number, Float32Array>;
}

