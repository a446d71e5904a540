/**
 * Every setting ancre reads, from environment variables and command-line
 * flags, validated once at start-up: a bad value stops the process with a
 * message naming the variable (and its flag).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { TOP_K } from '../contracts/top-k.ts';
import { ConfigError } from '../contracts/errors.ts';
import { PROJECT_ROOT } from '../shared/project-root.ts';
import { DEFAULT_LIMITS } from './serve/state.ts';

export { PROJECT_ROOT };
export const DEFAULT_MODEL = 'Xenova/multilingual-e5-small';

const integer = (min: number, max: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const flag = z.enum(['0', '1', 'true', 'false'], { error: 'must be 0, 1, true or false' }).transform((v) => v === '1' || v === 'true');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Each variable, its default and meaning: the README's configuration table is this list. */
const EnvironmentSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ANCRE_MODEL: z.string().min(1).default(DEFAULT_MODEL),
  ANCRE_MODELS_DIR: z.string().min(1).optional(),
  ANCRE_OFFLINE_MODEL_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'models')),
  ANCRE_CORPUS_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'corpus')),
  ANCRE_INDEX_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'index')),
  ANCRE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a URL such as postgres://user:password@host:5432/database')
    .optional(),
  ANCRE_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL name (letters, digits, _)')
    .default('ancre'),
  ANCRE_BUILD_CHECK_MS: integer(0, 3_600_000).default(2000),
  ANCRE_MODEL_LOAD_TIMEOUT_MS: integer(100, 600_000).default(20_000),
  // One ONNX session computes on one core; each more thread holds another copy of the model (about 0.2 GB for e5-small).
  ANCRE_INGEST_THREADS: integer(1, 64).default(Math.min(4, availableParallelism())),
  ANCRE_TOP_K: integer(TOP_K.min, TOP_K.max).default(TOP_K.default),
  ANCRE_ADMIN_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .regex(/^[A-Za-z0-9._~+/-]+=*$/, 'must be a bearer token: letters, digits and . _ ~ + / - (then = padding)')
    .optional(),
  ANCRE_WATCH: flag.default(false),
  ANCRE_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ANCRE_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), 'must be a comma-separated list of origins such as https://example.org'),
  ANCRE_MAX_BODY_BYTES: integer(1024, 10 * 1024 * 1024).default(DEFAULT_LIMITS.maxBodyBytes),
  ANCRE_RATE_LIMIT: integer(0, 1_000_000).default(DEFAULT_LIMITS.rateLimitPerMinute),
  ANCRE_REQUEST_TIMEOUT_MS: integer(100, 600_000).default(DEFAULT_LIMITS.requestTimeoutMs),
  ANCRE_MAX_QUEUE: integer(1, 100_000).default(DEFAULT_LIMITS.maxQueue),
  ANCRE_HEADERS_TIMEOUT_MS: integer(100, 600_000).default(DEFAULT_LIMITS.headersTimeoutMs),
  ANCRE_BODY_TIMEOUT_MS: integer(100, 600_000).default(DEFAULT_LIMITS.bodyTimeoutMs),
  ANCRE_MAX_CONNECTIONS: integer(1, 1_000_000).default(DEFAULT_LIMITS.maxConnections),
  ANCRE_DRAIN_TIMEOUT_MS: integer(0, 600_000).default(DEFAULT_LIMITS.drainTimeoutMs),
});

/** The command-line flag that sets each variable, for error messages. */
export const FLAG_OF: Partial<Record<keyof z.input<typeof EnvironmentSchema>, string>> = {
  PORT: '--port',
  HOST: '--host',
  ANCRE_CORPUS_DIR: '--corpus',
  ANCRE_INDEX_DIR: '--index',
  ANCRE_DATABASE_URL: '--database-url',
  ANCRE_WATCH: '--watch',
};

export type ConfigOverrides = Partial<Record<keyof z.input<typeof EnvironmentSchema>, string>>;

export interface AncreConfig {
  port: number;
  host: string;
  /** The embedding model asked for; the offline model stands in when it cannot be loaded. */
  model: string;
  /** A folder holding downloaded models; when set, nothing is fetched from a hub. */
  modelsDir: string | undefined;
  /** Where the offline model is built (and hub downloads are cached). */
  offlineModelDir: string;
  corpusDir: string;
  indexDir: string;
  /** Keep the index in this PostgreSQL database (pgvector) instead of the folder `indexDir`. */
  databaseUrl: string | undefined;
  /** The schema of ancre's tables in that database. */
  databaseSchema: string;
  /** How often a service checks whether another process made a new build current; 0: never. */
  buildCheckMs: number;
  modelLoadTimeoutMs: number;
  /** Threads `ancre ingest` embeds on, each with its own copy of the model (not the offline one, whose cost is reading text). */
  ingestThreads: number;
  defaultTopK: number;
  /** Enables POST /admin/reindex for requests bearing this token. */
  adminToken: string | undefined;
  /** Re-index when files in the corpus folder change. */
  watch: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Origins allowed to call the API from a browser; empty: CORS off. */
  corsOrigins: string[];
  maxBodyBytes: number;
  /** Requests per minute per client address; 0: no limit. */
  rateLimitPerMinute: number;
  requestTimeoutMs: number;
  /** Questions that may wait for the embedding model before new ones get 503. */
  maxQueue: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxConnections: number;
  drainTimeoutMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): AncreConfig {
  const parsed = EnvironmentSchema.safeParse({ ...env, ...definedOnly(overrides) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]) as keyof typeof FLAG_OF;
      const via = FLAG_OF[name] ? ` (${FLAG_OF[name]})` : '';
      return `${name}${via} ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    model: e.ANCRE_MODEL,
    modelsDir: e.ANCRE_MODELS_DIR ? path.resolve(e.ANCRE_MODELS_DIR) : undefined,
    offlineModelDir: path.resolve(e.ANCRE_OFFLINE_MODEL_DIR),
    corpusDir: path.resolve(e.ANCRE_CORPUS_DIR),
    indexDir: path.resolve(e.ANCRE_INDEX_DIR),
    databaseUrl: e.ANCRE_DATABASE_URL,
    databaseSchema: e.ANCRE_DATABASE_SCHEMA,
    buildCheckMs: e.ANCRE_BUILD_CHECK_MS,
    modelLoadTimeoutMs: e.ANCRE_MODEL_LOAD_TIMEOUT_MS,
    ingestThreads: e.ANCRE_INGEST_THREADS,
    defaultTopK: e.ANCRE_TOP_K,
    adminToken: e.ANCRE_ADMIN_TOKEN,
    watch: e.ANCRE_WATCH,
    logLevel: e.ANCRE_LOG_LEVEL,
    corsOrigins: e.ANCRE_CORS_ORIGINS,
    maxBodyBytes: e.ANCRE_MAX_BODY_BYTES,
    rateLimitPerMinute: e.ANCRE_RATE_LIMIT,
    requestTimeoutMs: e.ANCRE_REQUEST_TIMEOUT_MS,
    maxQueue: e.ANCRE_MAX_QUEUE,
    headersTimeoutMs: e.ANCRE_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: e.ANCRE_BODY_TIMEOUT_MS,
    maxConnections: e.ANCRE_MAX_CONNECTIONS,
    drainTimeoutMs: e.ANCRE_DRAIN_TIMEOUT_MS,
  };
}

function definedOnly(overrides: ConfigOverrides): ConfigOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
