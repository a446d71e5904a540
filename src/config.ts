/**
 * Every setting ancre reads from its environment, validated once at start-up
 * so that a bad value stops the process with a message naming the variable.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_MODEL = 'Xenova/multilingual-e5-small';

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvironmentSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ANCRE_MODEL: z.string().min(1).default(DEFAULT_MODEL),
  ANCRE_MODELS_DIR: z.string().min(1).optional(),
  ANCRE_OFFLINE_MODEL_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'models')),
  ANCRE_CORPUS_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'corpus')),
  ANCRE_INDEX_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'index')),
  ANCRE_MODEL_LOAD_TIMEOUT_MS: integer(100, 600_000).default(20_000),
  ANCRE_TOP_K: integer(1, 20).default(5),
  ANCRE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ANCRE_WATCH: z.enum(['0', '1', 'true', 'false']).default('0'),
});

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
  modelLoadTimeoutMs: number;
  defaultTopK: number;
  /** Enables POST /admin/reindex for requests bearing this token. */
  adminToken: string | undefined;
  /** Re-index when files in the corpus folder change. */
  watch: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AncreConfig {
  const parsed = EnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
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
    modelLoadTimeoutMs: e.ANCRE_MODEL_LOAD_TIMEOUT_MS,
    defaultTopK: e.ANCRE_TOP_K,
    adminToken: e.ANCRE_ADMIN_TOKEN,
    watch: e.ANCRE_WATCH === '1' || e.ANCRE_WATCH === 'true',
  };
}
