/**
 * The connection to PostgreSQL: a small pool, ancre's tables named inside
 * their own schema, and the failures of the connection itself (server down,
 * restarting, unreachable) told apart from those of a statement, so that a
 * service answers them with 503 and a retry delay instead of a fault.
 */
import type pg from 'pg';
import { ConfigError, StoreUnavailableError } from '../../../contracts/errors.ts';

export interface DatabaseSettings {
  /** A `postgres://` connection URL. */
  url: string;
  /**
   * The PostgreSQL schema ancre's tables live in: several ancre indexes
   * (or tests) can share one database, each in its own schema.
   * @default "ancre"
   */
  schema: string;
}

export const DEFAULT_SCHEMA = 'ancre';

export interface PoolOptions {
  /** @default "" — statements each new connection runs first (session settings). */
  sessionSql?: string;
  /**
   * Connections per process.
   * @default 4 — a service's questions do not touch the database; its build checks, loads and ingests need few.
   */
  max: number;
  /** @default 5000 — a database that does not answer a connection within it is taken for unreachable. */
  connectTimeoutMs: number;
}

export const DEFAULT_POOL: PoolOptions = { max: 4, connectTimeoutMs: 5000 };

/** SQLSTATE classes and codes that mean the connection, not the statement, failed: 08 (connection exception), 57P0x (shutdown), 53300 (too many connections). */
const CONNECTION_STATES = /^(08|57P0|53300)/;
/** What node-postgres and Node's sockets say when the server is not there or went away. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i;

/** Whether an error is the connection's failure rather than a statement's. */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || CONNECTION_STATES.test(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  return CONNECTION_MESSAGES.test(error.message);
}

export class Database {
  /** The URL without its password, and the schema, for messages. */
  readonly description: string;
  private readonly quotedSchema: string;
  /** Made on first use: the client library is loaded only by a process that talks to a database. */
  private pool: Promise<pg.Pool> | null = null;

  constructor(
    readonly settings: DatabaseSettings,
    private readonly options: PoolOptions = DEFAULT_POOL,
  ) {
    const url = parseUrl(settings.url);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(settings.schema)) {
      throw new ConfigError(`ANCRE_DATABASE_SCHEMA must be a lower-case SQL name (letters, digits, _), not "${settings.schema}"`);
    }
    this.quotedSchema = `"${settings.schema}"`;
    url.password = url.password ? '***' : '';
    this.description = `${url.toString()} (schema ${settings.schema})`;
  }

  private connectionPool(): Promise<pg.Pool> {
    this.pool ??= import('pg').then(({ default: { Pool } }) => {
      const { max, connectTimeoutMs } = this.options;
      const pool = new Pool({ connectionString: this.settings.url, max, connectionTimeoutMillis: connectTimeoutMs, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
      // An idle connection the server drops emits here; the next query reports the failure, so it is not fatal.
      pool.on('error', () => {});
      // …and so does a connection lent out (the pool listens to its idle ones only): a server that goes away while a
      // query runs, or while the writer holds its lock, made the client emit an 'error' no one heard, which stopped
      // the whole service. The query in flight, or the next one, fails with it and says the store is unavailable.
      pool.on('connect', (client) => client.on('error', () => {}));
      // Queued before any query the connection is lent for; a setting the server refuses (an older extension) leaves its default.
      const sessionSql = this.options.sessionSql;
      if (sessionSql) pool.on('connect', (client) => void client.query(sessionSql).catch(() => {}));
      return pool;
    });
    return this.pool;
  }

  /** A connection of the pool, for work that must stay on one session (the writer's lock); release it when done. */
  async connect(): Promise<pg.PoolClient> {
    const pool = await this.connectionPool();
    try {
      return await pool.connect();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /** A table (or other object) of ancre's schema, quoted for SQL. */
  name(object: string): string {
    return `${this.quotedSchema}."${object}"`;
  }

  get schema(): string {
    return this.settings.schema;
  }

  async query<Row extends object = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.using((client) => client.query<Row>(sql, params as unknown[]).then((result) => result.rows));
  }

  /** Runs `work` on one connection of the pool, turning a lost connection into StoreUnavailableError. */
  async using<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      broken = isConnectionFailure(error);
      throw broken ? this.unavailable(error) : error;
    } finally {
      client.release(broken);
    }
  }

  /** `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.using(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  unavailable(error: unknown): Error {
    if (!isConnectionFailure(error)) return error as Error;
    return new StoreUnavailableError(`the database ${this.description} cannot be reached (${(error as Error).message || 'connection failed'}): check that it is running and that ANCRE_DATABASE_URL is right`);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool).end();
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('ANCRE_DATABASE_URL (--database-url) must be a URL such as postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`ANCRE_DATABASE_URL (--database-url) must start with postgres://, not ${url.protocol}//`);
  }
  return url;
}
