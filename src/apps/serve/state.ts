/** What the service's routes read: the engine (swapped whole by a live re-index), the model's story, limits. */
import type { FallbackNotice } from '../../contracts/model.ts';
import type { Engine } from '../../pipeline/pipeline.ts';
import type { Asset } from './assets.ts';
import type { Logger } from './log.ts';
import type { StoreStatus } from './build-follower.ts';
import type { Reindexer } from './reindexer.ts';

export interface ServiceLimits {
  /** @default 65536 — a question is at most 1,000 characters; the rest of a body this size is abuse. */
  maxBodyBytes: number;
  /** Requests per minute per client address on POST /ask. @default 0 — no limit. */
  rateLimitPerMinute: number;
  /** @default 10000 — past it, 504. */
  requestTimeoutMs: number;
  /** Questions that may wait for the answer work before new ones get 503. @default 256 */
  maxQueue: number;
  /**
   * Questions answered at once; several let the embedding worker batch them,
   * and the main thread analyse and answer some while others are embedded.
   * @default 8 — with the worker's batches of at most 4 (embed-worker.ts), 5 % more answers a second than 4 under
   * eight clients, for the offline model (1,874 → 1,973) and the default one's twin (175 → 182); README, "Per-request overhead".
   */
  maxConcurrent: number;
  /** Origins allowed to call the API from a browser. @default [] — CORS off. */
  corsOrigins: string[];
  /** A client must have sent its request's headers within this. @default 10000 — as reverse proxies allow. */
  headersTimeoutMs: number;
  /** …and its whole request, body included, within this. @default 30000 — a body trickled byte by byte is cut off. */
  bodyTimeoutMs: number;
  /** Connections held open at once; past it new ones are refused. @default 1024 */
  maxConnections: number;
  /** On stop, how long requests in flight may take before their connections are cut. @default 10000 */
  drainTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServiceLimits = {
  maxBodyBytes: 64 * 1024,
  rateLimitPerMinute: 0,
  requestTimeoutMs: 10_000,
  maxQueue: 256,
  maxConcurrent: 8,
  corsOrigins: [],
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  maxConnections: 1024,
  drainTimeoutMs: 10_000,
};

export interface ServiceState {
  /** Read on every request: replacing it swaps the index the service answers from. */
  engine: Engine;
  fallback: FallbackNotice | null;
  defaultTopK: number;
  assets: ReadonlyMap<string, Asset>;
  limits?: Partial<ServiceLimits>;
  logger?: Logger;
  /** Set once the service stops: responses then close their connections. */
  draining?: boolean;
  /** Which store the index is in and, when another process may write it, whether it answers. */
  store?: { kind: 'folder' | 'postgres'; status: StoreStatus | null };
  /** The corpus folder, where an article's original file is offered from (`/docs/{doc}/original`); without it, it is not. */
  corpusDir?: string;
  /** With `adminToken`, enables POST /admin/reindex. */
  reindexer?: Reindexer;
  adminToken?: string;
}
