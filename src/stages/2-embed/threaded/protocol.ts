/**
 * Messages between the service and its embedding worker thread. The worker
 * can hold several models at once, each a numbered load: the first from the
 * worker's start, later ones when the offline model is rebuilt. Engines
 * still answering with an older load keep it until they are gone, and one
 * worker thread serves them all (onnxruntime-node 1.14 can crash the
 * process when one of two threads that ran it is stopped).
 */
import type { FallbackNotice, ModelIdentity, ModelProfile, SpannedPassage } from '../../../contracts/model.ts';
import type { ModelChoice } from '../load.ts';

export type WorkerConfig = ModelChoice;

export type EmbedKind = 'query' | 'passage';

/** `load`: which of the worker's loaded models embeds. */
export type EmbedRequest = { kind: EmbedKind; id: number; load: number; texts: string[] };

/** Passages with their spans, embedded in one pass each (Embedder.embedPassagesWithSpans). */
export type SpannedRequest = { kind: 'spanned'; id: number; load: number; passages: SpannedPassage[] };

/** The network's forward passes alone over texts, as ingest batches them (Embedder.forwardPasses: the bench's limit). */
export type ForwardRequest = { kind: 'forward'; id: number; load: number; texts: string[] };

/** The load the worker starts with, from its workerData. */
export const FIRST_LOAD = 0;

export type ToWorker =
  | EmbedRequest
  | SpannedRequest
  | ForwardRequest
  /** Load another model beside those loaded, numbered `load`. */
  | { kind: 'load'; load: number; config: WorkerConfig }
  /** Forget a load: nothing embeds with it any more. */
  | { kind: 'unload'; load: number }
  /** The corpus paragraphs the worker asked for, to build the offline model for a load. */
  | { kind: 'paragraphs'; load: number; paragraphs: string[] }
  | { kind: 'paragraphs-failed'; load: number; message: string };

export type FromWorker =
  | { type: 'log'; line: string; level?: 'info' | 'warn' }
  /** The offline model must be built: the worker needs the corpus paragraphs, which the main thread reads. */
  | { type: 'need-paragraphs'; load: number }
  | { type: 'ready'; load: number; model: ModelIdentity; profile: ModelProfile; fallback: FallbackNotice | null; loadSeconds: number }
  | { type: 'failed'; load: number; message: string }
  | { type: 'vectors'; id: number; vectors: Float32Array[] }
  | { type: 'forwarded'; id: number; tokens: number; seconds: number }
  | { type: 'error'; id: number; message: string };
