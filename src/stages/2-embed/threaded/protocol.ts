/** Messages between the service and its embedding worker thread. */
import type { FallbackNotice, ModelIdentity, ModelProfile, SpannedPassage } from '../../../contracts/model.ts';
import type { ModelChoice } from '../load.ts';

export type WorkerConfig = ModelChoice;

export type EmbedKind = 'query' | 'passage';

export type EmbedRequest = { kind: EmbedKind; id: number; texts: string[] };

/** Passages with their spans, embedded in one pass each (Embedder.embedPassagesWithSpans). */
export type SpannedRequest = { kind: 'spanned'; id: number; passages: SpannedPassage[] };

export type ToWorker =
  | EmbedRequest
  | SpannedRequest
  /** The corpus paragraphs the worker asked for, to build the offline model. */
  | { kind: 'paragraphs'; paragraphs: string[] }
  | { kind: 'paragraphs-failed'; message: string };

export type FromWorker =
  | { type: 'log'; line: string; level?: 'info' | 'warn' }
  /** The offline model must be built: the worker needs the corpus paragraphs, which the main thread reads. */
  | { type: 'need-paragraphs' }
  | { type: 'ready'; model: ModelIdentity; profile: ModelProfile; fallback: FallbackNotice | null; loadSeconds: number }
  | { type: 'failed'; message: string }
  | { type: 'vectors'; id: number; vectors: Float32Array[] }
  | { type: 'error'; id: number; message: string };
