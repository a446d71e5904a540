/**
 * An embedder that runs the model on a worker thread. The ONNX runtime
 * computes on the calling thread, so on the service's main thread every
 * embedding would stop the event loop: pages, health checks and timers
 * would wait behind it, and questions could not even be counted as they
 * queue. On a worker, the service keeps answering while it embeds, and
 * questions that arrive together are embedded in one batch.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../../shared/worker.ts';
import type { Embedder, LoadedEmbedder, Logger, ParagraphSource } from '../../../contracts/model.ts';
import type { EmbedKind, EmbedRequest, FromWorker, SpannedRequest, ToWorker, WorkerConfig } from './protocol.ts';

export interface ThreadedEmbedder extends Embedder {
  close(): Promise<void>;
}

type Pending = Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>;
type Ready = Extract<FromWorker, { type: 'ready' }>;

/** `paragraphs`: the corpus paragraphs, read on this thread when the worker must build the offline model. */
export async function loadThreadedEmbedder(
  config: WorkerConfig,
  paragraphs: ParagraphSource,
  log: Logger,
): Promise<LoadedEmbedder & { embedder: ThreadedEmbedder }> {
  const worker = startWorker('stages/2-embed/threaded/embed-worker.ts', { workerData: config });
  const pending: Pending = new Map();
  let nextId = 0;
  let exited: Error | null = null;
  const ready = new Promise<Ready>((resolve, reject) => {
    worker.on('message', answerWorker(worker, pending, paragraphs, log, { resolve, reject }));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      exited = new Error(`the embedding worker stopped (exit code ${code})`);
      reject(exited);
      for (const { reject: fail } of pending.values()) fail(exited);
      pending.clear();
    });
  });
  const { model, profile, fallback, loadSeconds } = await ready;

  const request = (message: Omit<EmbedRequest, 'id'> | Omit<SpannedRequest, 'id'>) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      if (exited) return reject(exited);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } satisfies ToWorker);
    });
  const embed = (kind: EmbedKind, texts: readonly string[]) => request({ kind, texts: [...texts] });

  const embedder: ThreadedEmbedder = {
    model,
    profile,
    embedQueries: (texts) => embed('query', texts),
    embedPassages: (texts) => embed('passage', texts),
    embedPassagesWithSpans: (passages) => request({ kind: 'spanned', passages: passages.map(({ text, spans }) => ({ text, spans: [...spans] })) }),
    close: async () => {
      await worker.terminate();
    },
  };
  return { embedder, fallback, loadSeconds };
}

/** What the main thread does with each message of its worker. */
function answerWorker(
  worker: Worker,
  pending: Pending,
  paragraphs: ParagraphSource,
  log: Logger,
  loading: { resolve: (ready: Ready) => void; reject: (error: Error) => void },
): (message: FromWorker) => void {
  const settle = (id: number, outcome: (waiting: NonNullable<ReturnType<Pending['get']>>) => void) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (waiting) outcome(waiting);
  };
  return (message) => {
    switch (message.type) {
      case 'log':
        return log(message.line, message.level);
      case 'need-paragraphs':
        return void paragraphs().then(
          (list) => worker.postMessage({ kind: 'paragraphs', paragraphs: list } satisfies ToWorker),
          (error: Error) => worker.postMessage({ kind: 'paragraphs-failed', message: error.message } satisfies ToWorker),
        );
      case 'ready':
        return loading.resolve(message);
      case 'failed':
        return loading.reject(new Error(message.message));
      case 'vectors':
        return settle(message.id, (waiting) => waiting.resolve(message.vectors));
      case 'error':
        return settle(message.id, (waiting) => waiting.reject(new Error(message.message)));
    }
  };
}
