/**
 * ancre's tables in PostgreSQL, created and upgraded by ancre itself: each
 * migration has a version, applied once, in order, inside one transaction
 * that holds a lock, so that instances starting together migrate once.
 *
 * A build is a generation: its documents, paragraphs and sentences carry
 * its id, `current_build` names the one in use, and switching it is one
 * UPDATE, so every instance sees the old build or the new one, whole.
 *
 * Vectors are pgvector's `vector` without a fixed dimension: the model
 * (hence the dimension) can change from one generation to the next while
 * the previous one still serves. An HNSW index needs a dimension, and is
 * then an expression index per dimension, as pgvector's documentation
 * describes for mixed dimensions.
 */
import type pg from 'pg';
import { CORPUS_LANGUAGE } from '../../../lang/index.ts';
import type { Database } from './database.ts';

interface Migration {
  version: number;
  name: string;
  statements: (db: Database) => string[];
}

/** Postgres' text search configuration for the corpus language, with accents folded as ancre folds them. */
export const TEXT_SEARCH = 'corpus_text';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'generations, documents, paragraphs and sentences with vectors and full text',
    statements: (db) => [...generationTables(db), ...contentTables(db)],
  },
  {
    version: 2,
    name: 'vector lists of large generations',
    statements: (db) => [
      // A large generation's paragraph vectors split into lists (IVF, stages/3-store/vector-lists.ts), as the folder store keeps them beside its index.
      `CREATE TABLE ${db.name('vector_lists')} (
        generation bigint PRIMARY KEY REFERENCES ${db.name('generations')} (id) ON DELETE CASCADE,
        centroids bytea NOT NULL,
        list_of_row bytea NOT NULL,
        trained_on integer NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'postings and stem statistics for BM25 in SQL; paragraphs and sentences by article',
    statements: (db) => [
      // The build's term context (stores' ParagraphTerms): its version, the acronyms its articles define, and the paragraphs' summed length for BM25.
      `ALTER TABLE ${db.name('generations')} ADD COLUMN terms jsonb, ADD COLUMN term_count bigint`,
      // One row per stem and paragraph: its frequency there and the paragraph's length, from which BM25 is computed with the generation's statistics.
      `CREATE TABLE ${db.name('postings')} (
        generation bigint NOT NULL REFERENCES ${db.name('generations')} (id) ON DELETE CASCADE,
        stem text COLLATE "C" NOT NULL,
        row integer NOT NULL,
        tf integer NOT NULL,
        length integer NOT NULL,
        -- BM25's term-frequency part with the mean length known when the row was written: the order in which a stem's postings are read for the best first.
        partial real NOT NULL,
        -- Covering: a stem's postings are read from the index alone (after VACUUM), not from one heap page each.
        PRIMARY KEY (generation, stem, row) INCLUDE (tf, length)
      )`,
      // Kept paragraphs' postings are copied by row into the next generation.
      `CREATE INDEX postings_row ON ${db.name('postings')} (generation, row)`,
      `CREATE INDEX postings_best ON ${db.name('postings')} (generation, stem, partial DESC) INCLUDE (row)`,
      `CREATE TABLE ${db.name('stem_stats')} (
        generation bigint NOT NULL REFERENCES ${db.name('generations')} (id) ON DELETE CASCADE,
        stem text COLLATE "C" NOT NULL,
        df integer NOT NULL,
        -- Byte order ("C"): question analysis reads a word's family as a range of this key, every stem from its first letters on.
        PRIMARY KEY (generation, stem)
      )`,
      // A question's candidate articles are fetched whole.
      `CREATE INDEX paragraphs_doc ON ${db.name('paragraphs')} (generation, doc)`,
      `CREATE INDEX sentences_doc ON ${db.name('sentences')} (generation, doc)`,
    ],
  },
  {
    version: 4,
    name: 'no vector lists: pgvector\'s HNSW index searches the vectors',
    // Instances no longer load a generation (shared-index.ts): the lists of migration 2 had no reader left.
    statements: (db) => [`DROP TABLE ${db.name('vector_lists')}`],
  },
];

/** pgvector's HNSW index over the paragraph vectors of one dimension (an expression index, as its documentation describes for mixed dimensions). */
export function vectorIndex(db: Database, dimensions: number): string {
  return `CREATE INDEX IF NOT EXISTS paragraphs_hnsw_${dimensions} ON ${db.name('paragraphs')}
    USING hnsw ((embedding::vector(${dimensions})) vector_ip_ops) WHERE vector_dims(embedding) = ${dimensions}`;
}

/** Extensions, the text search configuration, and the tables that say which build is which. */
function generationTables(db: Database): string[] {
  return [
    'CREATE EXTENSION IF NOT EXISTS vector',
    'CREATE EXTENSION IF NOT EXISTS unaccent',
    // Snowball's algorithm names are Postgres' configuration names too.
    `CREATE TEXT SEARCH CONFIGURATION ${db.name(TEXT_SEARCH)} (COPY = pg_catalog.${CORPUS_LANGUAGE.snowball})`,
    `ALTER TEXT SEARCH CONFIGURATION ${db.name(TEXT_SEARCH)} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${CORPUS_LANGUAGE.snowball}_stem`,
    `CREATE TABLE ${db.name('generations')} (
      id bigserial PRIMARY KEY,
      state text NOT NULL CHECK (state IN ('building', 'current', 'retired')),
      created_at timestamptz NOT NULL DEFAULT now(),
      switched_at timestamptz,
      format integer NOT NULL,
      chunker_version integer NOT NULL,
      model_id text NOT NULL,
      model_fingerprint text NOT NULL,
      dimensions integer NOT NULL,
      model jsonb NOT NULL,
      paragraph_count integer,
      sentence_count integer
    )`,
    `CREATE TABLE ${db.name('current_build')} (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      generation bigint NOT NULL REFERENCES ${db.name('generations')} (id)
    )`,
  ];
}

/** What a build holds: its documents, paragraphs and sentences, and the writer's lease. */
function contentTables(db: Database): string[] {
  return [
    `CREATE TABLE ${db.name('documents')} (
      generation bigint NOT NULL REFERENCES ${db.name('generations')} (id) ON DELETE CASCADE,
      position integer NOT NULL,
      id text NOT NULL,
      title text NOT NULL,
      hash text NOT NULL,
      article jsonb NOT NULL,
      paragraph_ids text[] NOT NULL,
      PRIMARY KEY (generation, id),
      UNIQUE (generation, position)
    )`,
    `CREATE TABLE ${db.name('paragraphs')} (
      generation bigint NOT NULL REFERENCES ${db.name('generations')} (id) ON DELETE CASCADE,
      row integer NOT NULL,
      id text NOT NULL,
      doc text NOT NULL,
      paragraph integer NOT NULL,
      part integer NOT NULL,
      start_offset integer NOT NULL,
      end_offset integer NOT NULL,
      heading text,
      text text NOT NULL,
      embedding vector NOT NULL,
      search tsvector NOT NULL,
      PRIMARY KEY (generation, row),
      UNIQUE (generation, id)
    )`,
    `CREATE INDEX paragraphs_search ON ${db.name('paragraphs')} USING gin (search)`,
    `CREATE TABLE ${db.name('sentences')} (
      generation bigint NOT NULL REFERENCES ${db.name('generations')} (id) ON DELETE CASCADE,
      row integer NOT NULL,
      chunk text NOT NULL,
      doc text NOT NULL,
      sentence integer NOT NULL,
      start_offset integer NOT NULL,
      end_offset integer NOT NULL,
      text text NOT NULL,
      embedding vector NOT NULL,
      PRIMARY KEY (generation, row),
      UNIQUE (generation, chunk, sentence)
    )`,
    // The writer's lease, where advisory locks cannot tell writers apart (writer-lock.ts).
    `CREATE TABLE ${db.name('writer_lease')} (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      holder text NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
  ];
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies the migrations the database lacks; returns the versions applied now. */
export async function migrate(db: Database): Promise<number[]> {
  // Read first, write only when behind: a service pointed at a read-only
  // replica, where even CREATE … IF NOT EXISTS fails, starts on a schema
  // its primary already brought up to date.
  if ((await schemaVersion(db)) === SCHEMA_VERSION) return [];
  return db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ancre-migrate:${db.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${db.name('schema_migrations')} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = await appliedVersion(client, db);
    const pending = MIGRATIONS.filter((migration) => migration.version > applied);
    for (const migration of pending) {
      for (const statement of migration.statements(db)) await client.query(statement);
      await client.query(`INSERT INTO ${db.name('schema_migrations')} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    return pending.map((migration) => migration.version);
  });
}

/** The version of the schema's tables (0 when there are none), read without writing. */
async function schemaVersion(db: Database): Promise<number> {
  return db.using(async (client) => {
    const { rows } = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [db.name('schema_migrations')]);
    return rows[0]?.present ? appliedVersion(client, db) : 0;
  });
}

/** The newest migration applied; an error when a newer ancre applied it. */
async function appliedVersion(client: pg.PoolClient, db: Database): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${db.name('schema_migrations')}`);
  const applied = rows[0]?.version ?? 0;
  if (applied > SCHEMA_VERSION) {
    throw new Error(`the schema ${db.schema} is at version ${applied}, newer than this ancre's ${SCHEMA_VERSION}: upgrade ancre`);
  }
  return applied;
}
