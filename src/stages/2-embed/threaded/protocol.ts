/** Messages between the service and its embedding worker thread. */
import type { AncreConfig } from '../../../apps/config.ts';
import type { ModelIdentity } from '../embedder.ts';
import type { FallbackNotice } from '../load.ts';
import type { ModelProfile } from '../model-profile.ts';

export type WorkerConfig = Pick<AncreConfig, 'model' | 'modelsDir' | 'offlineModelDir' | 'modelLoadTimeoutMs' | 'corpusDir'>;

export type EmbedKind = 'query' | 'passage';

export type ToWorker = { id: number; kind: EmbedKind; texts: string[] };

export type FromWorker =
  | { type: 'log'; line: string; level?: 'info' | 'warn' }
  | { type: 'ready'; model: ModelIdentity; profile: ModelProfile; fallback: FallbackNotice | null; loadSeconds: number }
  | { type: 'failed'; message: string }
  | { type: 'vectors'; id: number; vectors: Float32Array[] }
  | { type: 'error'; id: number; message: string };
