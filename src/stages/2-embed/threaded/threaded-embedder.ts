/**
 * An embedder that runs the model on a worker thread. The ONNX runtime
 * computes on the calling thread, so on the service's main thread every
 * embedding would stop the event loop: pages, health checks and timers
 * would wait behind it, and questions could not even be counted as they
 * queue. On a worker, the service keeps answering while it embeds, and
 * questions that arrive together are embedded in one batch.
 */
import { Worker } from 'node:worker_threads';
import type { Embedder, ModelIdentity } from '../embedder.ts';
import type { LoadedEmbedder, Logger } from '../load.ts';
import type { ModelProfile } from '../model-profile.ts';
import type { EmbedKind, FromWorker, ToWorker, WorkerConfig } from './protocol.ts';

export interface ThreadedEmbedder extends Embedder {
  close(): Promise<void>;
}

export async function loadThreadedEmbedder(config: WorkerConfig, log: Logger): Promise<LoadedEmbedder & { embedder: ThreadedEmbedder }> {
  const worker = new Worker(new URL('./embed-worker-entry.mjs', import.meta.url), { workerData: config });
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let exited: Error | null = null;

  const ready = new Promise<Extract<FromWorker, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'log':
          return log(message.line, message.level);
        case 'ready':
          return resolve(message);
        case 'failed':
          return reject(new Error(message.message));
        case 'vectors':
          pending.get(message.id)?.resolve(message.vectors);
          pending.delete(message.id);
          return;
        case 'error':
          pending.get(message.id)?.reject(new Error(message.message));
          pending.delete(message.id);
          return;
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      exited = new Error(`the embedding worker stopped (exit code ${code})`);
      reject(exited);
      for (const { reject: fail } of pending.values()) fail(exited);
      pending.clear();
    });
  });
  const { model, profile, fallback, loadSeconds } = await ready;

  const embed = (kind: EmbedKind, texts: readonly string[]) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      if (exited) return reject(exited);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, kind, texts: [...texts] } satisfies ToWorker);
    });

  const embedder: ThreadedEmbedder = {
    model: model as ModelIdentity,
    profile: profile as ModelProfile,
    embedQueries: (texts) => embed('query', texts),
    embedPassages: (texts) => embed('passage', texts),
    close: async () => {
      await worker.terminate();
    },
  };
  return { embedder, fallback, loadSeconds };
}
