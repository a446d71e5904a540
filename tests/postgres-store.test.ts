/**
 * The PostgreSQL store against real servers: PGlite's socket server
 * (Postgres 18 + pgvector, from npm) for everything, and Debian's
 * PostgreSQL 15 for what needs no vectors: the advisory lock between real
 * sessions, and the error a database without pgvector gets.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { readQuestions } from '../src/apps/eval/questions.ts';
import { ConfigError, IndexBusyError, IndexOutdatedError } from '../src/contracts/errors.ts';
import { Pipeline, type Engine } from '../src/pipeline/pipeline.ts';
import { DEFAULT_SQL_BM25, type SqlBm25Options } from '../src/stages/3-store/postgres/bm25.ts';
import { Database } from '../src/stages/3-store/postgres/database.ts';
import { PostgresStore } from '../src/stages/3-store/postgres/postgres-store.ts';
import { SCHEMA_VERSION } from '../src/stages/3-store/postgres/schema.ts';
import { acquireWriterLock } from '../src/stages/3-store/postgres/writer-lock.ts';
import { PARAGRAPH_TERMS } from '../src/stages/5-retrieve/paragraph-terms.ts';
import { HAVRE_ARTICLE, scratchCorpus, scratchServeProcess } from './support/corpus.ts';
import { startDebianPostgres, startPgliteServer, type PostgresServer } from './support/postgres.ts';
import { fixtureConfig, fixturePipeline } from './support/runtime.ts';

const DEV_SET = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');
const HAVRE_QUESTION = 'Combien de tonnes de cocaïne les douaniers du Havre ont-ils saisies ?';

/** What other programs read of an answer (timings aside, which differ from run to run). */
const answerOf = ({ answer, answerable, citations, passages }: Awaited<ReturnType<Engine['ask']>>) => ({ answer, answerable, citations, passages });

describe('the PostgreSQL store, on PGlite with pgvector', () => {
  let server: PostgresServer;
  const stores: PostgresStore[] = [];
  const storeIn = (schema: string) => {
    const store = new PostgresStore({ url: server.url, schema });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await startPgliteServer();
  }, 60_000);
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('creates its schema once, versioned, with French full text folded of accents', async () => {
    const store = storeIn('schema_check');
    expect(await store.ready()).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(await storeIn('schema_check').ready()).toEqual([]);
    const tables = await store.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'schema_check' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'current_build',
      'documents',
      'generations',
      'paragraphs',
      'postings',
      'schema_migrations',
      'sentences',
      'stem_stats',
      'writer_lease',
    ]);
    const [folded] = await store.db.query<{ v: string }>("SELECT to_tsvector('schema_check.corpus_text', 'Les policiers déployés à Marseille')::text AS v");
    // Accents folded before stemming (PGlite ships no stop word files, so "les" and "à" stay).
    expect(folded!.v).toMatch(/'deploy':3 .*'marseil':5 'polici':2/);
    expect(await store.exists()).toBe(false);
  });

  it('ingests the seed corpus and answers every dev question exactly as the vectra store does', async () => {
    const vectra = await (await fixturePipeline()).openEngine();
    const pipeline = await Pipeline.create({ ...fixtureConfig(), databaseUrl: server.url, databaseSchema: 'seed' }, () => {});
    try {
      const report = await pipeline.ingest();
      expect(report.paragraphs).toBe(vectra.summary().paragraphs);
      const engine = await pipeline.openEngine();
      // Nothing of the build is loaded: the database searches the vectors.
      expect(engine.summary()).toMatchObject({ denseSearch: 'database', simdScan: false });
      const comparable = (summary: ReturnType<Engine['summary']>) => ({ ...summary, builtAt: null, denseSearch: null, simdScan: null });
      expect(comparable(engine.summary())).toEqual(comparable(vectra.summary()));
      const questions = await readQuestions(DEV_SET);
      expect(questions.length).toBeGreaterThanOrEqual(12);
      for (const { question } of questions) {
        for (const mode of ['hybrid', 'dense', 'lexical'] as const) {
          expect(answerOf(await engine.ask(question, { topK: 5, mode })), `${mode}: ${question}`).toEqual(answerOf(await vectra.ask(question, { topK: 5, mode })));
        }
      }
      // What the articles a filter allows hold of a question's words, which the veto reads, is found in SQL as in the folder's postings.
      for (const { question } of questions) {
        for (const filter of [undefined, { exclude: ['002_9a0fa612789b1bfe'] }, { include: ['002_9a0fa612789b1bfe'] }]) {
          const [inDatabase, inFolder] = await Promise.all([engine, vectra].map((e) => e.vetoFeatures(question, { topK: 5, filter })));
          expect([...inDatabase!.row], `${question} ${JSON.stringify(filter)}`).toEqual([...inFolder!.row]);
        }
      }
      // A filter's ids no article has are found in one query, as the folder store finds them.
      const filter = { include: ['002_9a0fa612789b1bfe', 'no-such-article'], exclude: ['gone-1', 'gone-2'] };
      expect(await engine.filterWarnings(filter)).toEqual(await vectra.filterWarnings(filter));
      expect(await engine.filterWarnings(filter)).toEqual([
        'filter.include names an id no indexed article has: no-such-article',
        'filter.exclude names ids no indexed article has: gone-1, gone-2',
      ]);

      // BM25 in SQL read best first, a few postings a round, stops early with the same k best as scoring every posting.
      const sharedWith = (sqlBm25: SqlBm25Options) => {
        const store = new PostgresStore({ url: server.url, schema: 'seed' }, { sqlBm25 });
        stores.push(store);
        return store.openShared();
      };
      const scoringAll = await sharedWith({ ...DEFAULT_SQL_BM25, scoreAllBelow: Infinity });
      const bestFirst = await sharedWith({ scoreAllBelow: 0, firstDepth: 1, maxRoundShare: Infinity });
      for (const { question } of questions) {
        const { terms } = await engine.analyze(question);
        const [all, early] = await Promise.all([scoringAll, bestFirst].map((shared) => shared.lexicalRanking(terms, 3, { k1: 1.2, b: 0.75 })));
        expect(early!.length, question).toBe(Math.min(3, all!.length));
        expect(early!.map((p) => [p.id, p.score.toFixed(9)]), question).toEqual(all!.map((p) => [p.id, p.score.toFixed(9)]));
      }
    } finally {
      await pipeline.close();
    }
  });

  it('re-embeds only what changed, switches generations whole, and keeps only the one it replaced', async () => {
    const { corpusDir } = await scratchCorpus();
    const pipeline = await Pipeline.create({ ...fixtureConfig(), corpusDir, databaseUrl: server.url, databaseSchema: 'incremental' }, () => {});
    const store = pipeline.store as PostgresStore;
    try {
      const first = await pipeline.ingest();
      const before = await store.currentBuild();
      await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
      const second = await pipeline.ingest();
      expect(second.added).toHaveLength(1);
      expect(second.unchanged).toHaveLength(first.documents);
      expect(second.paragraphsEmbedded).toBe(second.paragraphs - first.paragraphs);
      const after = await store.currentBuild();
      expect(after).not.toBe(before);
      const answer = await (await pipeline.openEngine()).ask(HAVRE_QUESTION, { topK: 5 });
      expect(answer.answerable).toBe(true);
      expect(answer.answer).toContain('quatorze tonnes');
      await pipeline.ingest({ full: true });
      const generations = await store.db.query<{ id: string; state: string }>('SELECT id, state FROM incremental.generations ORDER BY id');
      expect(generations.map((g) => g.state)).toEqual(['retired', 'current']);
      expect(generations[0]!.id).toBe(after);
      const [orphans] = await store.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM incremental.paragraphs WHERE generation NOT IN (SELECT id FROM incremental.generations)',
      );
      expect(orphans!.n).toBe(0);

      // A write that fails halfway (here: a paragraph of an article the manifest does not list) leaves the current build, and nothing else.
      const current = await store.currentBuild();
      const previous = (await store.readPrevious())!;
      const stray = { id: 'nowhere#1', vector: new Float32Array(pipeline.embedder.model.dimensions), metadata: { kind: 'paragraph', doc: 'nowhere', paragraph: 1, part: 0, start: 0, end: 4, text: 'rien' } };
      await expect(store.write(previous.manifest, [stray], new Set())).rejects.toThrow();
      expect(await store.currentBuild()).toBe(current);
      const [building] = await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM incremental.generations WHERE state = 'building'");
      expect(building!.n).toBe(0);
    } finally {
      await pipeline.close();
    }
  });

  it('keeps each generation\'s postings equal to a fresh reading: kept ones copied, re-read when a new article defines an acronym they spell out, written again for a build that had none', async () => {
    const { corpusDir } = await scratchCorpus();
    const pipeline = await Pipeline.create({ ...fixtureConfig(), corpusDir, databaseUrl: server.url, databaseSchema: 'postings' }, () => {});
    const store = pipeline.store as PostgresStore;
    /** The current generation's postings as stored, and as the lexical stage reads its paragraphs from scratch. */
    const postings = async () => {
      const generation = await store.currentBuild();
      const paragraphs = (await (await store.readPrevious())!.items()).filter((item) => item.metadata.kind === 'paragraph');
      const texts = paragraphs.map((item) => String(item.metadata.text));
      const context = PARAGRAPH_TERMS.context(texts);
      const expected = texts.flatMap((text, row) => {
        const stems = PARAGRAPH_TERMS.stems(PARAGRAPH_TERMS.expanded(text, context));
        return [...new Set(stems)].map((stem) => `${stem} ${row} ${stems.filter((s) => s === stem).length} ${stems.length}`);
      });
      const stored = await store.db.query<{ stem: string; row: number; tf: number; length: number }>('SELECT stem, row, tf, length FROM postings.postings WHERE generation = $1', [generation]);
      return { stored: stored.map((p) => `${p.stem} ${p.row} ${p.tf} ${p.length}`).sort(), expected: expected.sort() };
    };
    try {
      await pipeline.ingest();
      const first = await postings();
      expect(first.stored.length).toBeGreaterThan(100);
      expect(first.stored).toEqual(first.expected);
      // A seed paragraph spells out "Parquet national financier"; an article now defines its acronym, so that paragraph is read with it.
      await writeFile(path.join(corpusDir, 'pnf.txt'), 'Le PNF en bref\n\nLe Parquet national financier (PNF) poursuit la fraude fiscale et la corruption.\n');
      await pipeline.ingest();
      const second = await postings();
      expect(second.stored).toEqual(second.expected);
      expect(second.stored.filter((p) => p.startsWith('pnf ')).length).toBeGreaterThan(1);

      // A generation an older ancre wrote has no postings: it cannot be answered from, and the next ingest writes it again without embedding anything.
      const current = await store.currentBuild();
      await store.db.query('DELETE FROM postings.postings WHERE generation = $1', [current]);
      await store.db.query('UPDATE postings.generations SET terms = NULL, term_count = NULL WHERE id = $1', [current]);
      await expect(pipeline.openEngine()).rejects.toThrow(IndexOutdatedError);
      const again = await pipeline.ingest();
      expect(again.paragraphsEmbedded).toBe(0);
      expect(await store.currentBuild()).not.toBe(current);
      const third = await postings();
      expect(third.stored).toEqual(third.expected);
      expect((await (await pipeline.openEngine()).ask(HAVRE_QUESTION, { topK: 5 })).passages.length).toBeGreaterThan(0);
    } finally {
      await pipeline.close();
    }
  });

  it('discards a scratch index with its schema, and refuses to discard the configured one', async () => {
    const parent = await Pipeline.create({ ...fixtureConfig(), databaseUrl: server.url, databaseSchema: 'parent' }, () => {});
    const { corpusDir, indexDir } = await scratchCorpus();
    const scratch = parent.at({ corpusDir, indexDir });
    const schemas = async () =>
      (await storeIn('schema_list').db.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'parent%' ORDER BY nspname")).map((r) => r.nspname);
    try {
      await parent.store.exists(); // The configured schema, made on first use.
      await scratch.ingest();
      expect(await schemas()).toEqual(['parent', 'parent_index']);
      await scratch.discardIndex();
      expect(await schemas()).toEqual(['parent']);
      await expect(parent.discardIndex()).rejects.toThrow(/refusing to remove the configured index/);
      expect(await schemas()).toEqual(['parent']);
    } finally {
      await scratch.close();
      await parent.close();
    }
  });

  it('lets one writer in at a time, and takes over a lease its writer stopped renewing', async () => {
    const one = storeIn('locks');
    await one.ready();
    const other = new Database({ url: server.url, schema: 'locks' });
    try {
      const release = await acquireWriterLock(one.db);
      await expect(acquireWriterLock(other)).rejects.toThrow(IndexBusyError);
      await expect(acquireWriterLock(other)).rejects.toThrow(/ancre pid \d+ on .+ is writing the index/);
      await release();
      const again = await acquireWriterLock(other);
      await again();
      // A writer that died: its lease is not renewed, and is taken over once it expires.
      const dead = await acquireWriterLock(one.db, { ttlMs: 200, renewMs: 60_000 });
      await expect(acquireWriterLock(other)).rejects.toThrow(IndexBusyError);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const taker = await acquireWriterLock(other);
      // The writer that was taken for dead comes back: releasing no longer frees the lease it lost.
      await dead();
      await expect(acquireWriterLock(one.db)).rejects.toThrow(IndexBusyError);
      await taker();
    } finally {
      await other.close();
    }
  });
});

describe('ancre serve on a shared database', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPgliteServer();
  }, 60_000);

  it('runs two instances: one re-indexes while the other answers without a failure, then both answer from the new article; a lost database gets 503 and is recovered', async () => {
    const token = 'shared-database-test-token';
    const env = { ANCRE_DATABASE_URL: server.url, ANCRE_DATABASE_SCHEMA: 'shared', ANCRE_BUILD_CHECK_MS: '200' };
    const writer = await scratchServeProcess({ ...env, ANCRE_ADMIN_TOKEN: token });
    const reader = await scratchServeProcess(env);
    const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as { store: { kind: string; build: string; reachable: boolean | null } };
    const ask = (url: string, question: string) =>
      fetch(`${url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    const reindex = () => fetch(`${writer.url}/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const waitUntil = async (condition: () => Promise<boolean>, what: string) => {
      for (const started = Date.now(); !(await condition()); ) {
        if (Date.now() - started > 15_000) throw new Error(`timed out waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      expect((await health(reader.url)).store.build).toBe((await health(writer.url)).store.build);
      let asked = 0;
      const failures: string[] = [];
      /** When each question was asked and answered. */
      const spans: [number, number][] = [];
      let asking = true;
      const loop = (async () => {
        while (asking) {
          for (const url of [reader.url, writer.url]) {
            const started = performance.now();
            const response = await ask(url, `Combien de services l'EMCO regroupe-t-il ? (${asked})`);
            spans.push([started, performance.now()]);
            asked++;
            if (response.status !== 200) failures.push(`${url}: ${response.status} ${await response.text()}`);
            else await response.arrayBuffer();
          }
        }
      })();
      await writeFile(path.join(writer.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
      const reindexStarted = performance.now();
      expect((await reindex()).status).toBe(200);
      const reindexEnded = performance.now();
      const newBuild = (await health(writer.url)).store.build;
      await waitUntil(async () => (await health(reader.url)).store.build === newBuild, 'the reader follows the new build');
      asking = false;
      await loop;
      expect(failures).toEqual([]);
      // Questions go to the database, which PGlite serves one statement at a time: few are answered while the ingest writes, but some are.
      const duringReindex = spans.filter(([started, ended]) => started < reindexEnded && ended > reindexStarted).length;
      expect(duringReindex).toBeGreaterThan(0);
      console.info(`shared database: ${asked} questions answered by two instances, ${duringReindex} of them during a re-index, ${failures.length} failed`);
      for (const url of [reader.url, writer.url]) {
        const body = (await (await ask(url, HAVRE_QUESTION)).json()) as { answerable: boolean; answer: string; citations: { doc: string }[] };
        expect(body.answerable, url).toBe(true);
        expect(body.answer).toContain('quatorze tonnes');
      }

      // The database goes away: questions and re-indexes, which both need it, get 503 with Retry-After.
      await server.stop();
      for (const refused of [await reindex(), await ask(reader.url, HAVRE_QUESTION)]) {
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
      }
      await waitUntil(async () => (await health(reader.url)).store.reachable === false, 'the reader sees the database gone');

      // …and back: both recover without a restart.
      await server.start();
      await waitUntil(async () => (await reindex()).status === 200, 'a re-index succeeds again');
      await waitUntil(async () => (await health(reader.url)).store.reachable === true, 'the reader sees the database back');
      expect((await ask(reader.url, HAVRE_QUESTION)).status).toBe(200);
    } finally {
      await writer.stop();
      await reader.stop();
    }
  }, 120_000);
});

describe('Debian PostgreSQL 15: real sessions, no pgvector', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startDebianPostgres();
  }, 60_000);

  it('keeps a second writer out with an advisory lock, which the server frees when the writer connection dies', async () => {
    const one = new Database({ url: server.url, schema: 'locks' });
    const two = new Database({ url: server.url, schema: 'locks' });
    try {
      const release = await acquireWriterLock(one);
      await expect(acquireWriterLock(two)).rejects.toThrow(/advisory lock/);
      await release();
      await (await acquireWriterLock(two))();
      // A writer killed mid-ingest: its connection ends, and the lock with it, with no lease to wait out.
      const killed = new pg.Client({ connectionString: server.url });
      killed.on('error', () => {});
      await killed.connect();
      await killed.query("SELECT pg_advisory_lock(hashtext('ancre-writer:locks'))");
      await expect(acquireWriterLock(two)).rejects.toThrow(IndexBusyError);
      await killed.query('SELECT pg_terminate_backend(pg_backend_pid())').catch(() => {});
      await killed.end().catch(() => {});
      await (await acquireWriterLock(two))();
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('keeps running when the server ends a connection it has lent out: the next query on it fails, and the store answers on', async () => {
    const db = new Database({ url: server.url, schema: 'lost' });
    const admin = new pg.Client({ connectionString: server.url });
    try {
      const lent = await db.connect();
      const [{ pid }] = (await lent.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      // The server's goodbye reaches the lent connection while no query runs on it: an 'error' event no caller awaits,
      // which stopped the whole process when nothing listened.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(lent.query('SELECT 1')).rejects.toThrow();
      lent.release(true);
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await admin.end().catch(() => {});
      await db.close();
    }
  });

  it('starts on a read-only connection, as a replica gives, once the primary brought the schema up to date', async () => {
    // The schema as a primary left it: at this ancre's version (its tables need pgvector, which this server lacks, so only the version table is made).
    const primary = new pg.Client({ connectionString: server.url });
    await primary.connect();
    await primary.query('CREATE SCHEMA replica_check');
    await primary.query('CREATE TABLE replica_check.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    await primary.query("INSERT INTO replica_check.schema_migrations (version, name) SELECT v, 'made by the primary' FROM generate_series(1, $1::int) AS v", [SCHEMA_VERSION]);
    await primary.end();
    const readOnly = `${server.url}${server.url.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c default_transaction_read_only=on')}`;
    const upToDate = new PostgresStore({ url: readOnly, schema: 'replica_check' });
    const behind = new PostgresStore({ url: readOnly, schema: 'replica_behind' });
    try {
      expect(await upToDate.ready()).toEqual([]);
      await expect(behind.ready()).rejects.toThrow(/cannot create or upgrade ancre's tables .*read-only transaction/);
    } finally {
      await upToDate.close();
      await behind.close();
    }
  });

  it('says plainly that a database without pgvector cannot hold the index', async () => {
    const store = new PostgresStore({ url: server.url, schema: 'novector' });
    try {
      await expect(store.ready()).rejects.toThrow(ConfigError);
      await expect(store.ready()).rejects.toThrow(/cannot create or upgrade ancre's tables in postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres \(schema novector\): .*vector/);
    } finally {
      await store.close();
    }
  });
});
