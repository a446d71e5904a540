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

/** What a worker says, in order: its messages, an error it threw, its exit. */
interface WorkerEvents {
  message(message: FromWorker): void;
  error(error: Error): void;
  exit(code: number): void;
}

/**
 * A model worker started before its reader is ready (loadThreadedEmbedder):
 * it loads the model meanwhile, and what it says until then is held and
 * handed over in order.
 */
export interface StartedEmbedWorker {
  config: WorkerConfig;
  worker: Worker;
  /** Hands the worker's events to `events`, those held first. */
  attach(events: WorkerEvents): void;
}

/** Starts the model's worker now: a service does it before loading the rest of ancre, the longest part of its start. */
export function startEmbedWorker(config: WorkerConfig): StartedEmbedWorker {
  const worker = startWorker('stages/2-embed/threaded/embed-worker.ts', { workerData: config });
  const held: { [E in keyof WorkerEvents]: [E, Parameters<WorkerEvents[E]>[0]] }[keyof WorkerEvents][] = [];
  const holding: WorkerEvents = {
    message: (message) => held.push(['message', message]),
    error: (error) => held.push(['error', error]),
    exit: (code) => held.push(['exit', code]),
  };
  const names = Object.keys(holding) as (keyof WorkerEvents)[];
  for (const name of names) worker.on(name, holding[name]);
  return {
    config,
    worker,
    attach(events) {
      for (const name of names) {
        worker.off(name, holding[name]);
        worker.on(name, events[name]);
      }
      for (const [name, value] of held.splice(0)) (events[name] as (value: unknown) => void)(value);
    },
  };
}

/**
 * `paragraphs`: the corpus paragraphs, read on this thread when the worker
 * must build the offline model. `started`: the worker, when it was started
 * ahead with the same `config` (startEmbedWorker).
 */
export async function loadThreadedEmbedder(
  config: WorkerConfig,
  paragraphs: ParagraphSource,
  log: Logger,
  started: StartedEmbedWorker = startEmbedWorker(config),
): Promise<LoadedEmbedder & { embedder: ThreadedEmbedder }> {
  if (started.config !== config) throw new Error('the embedding worker was started for another model choice');
  const { worker } = started;
  const pending: Pending = new Map();
  let nextId = 0;
  let exited: Error | null = null;
  const ready = new Promise<Ready>((resolve, reject) => {
    started.attach({
      message: answerWorker(worker, pending, paragraphs, log, { resolve, reject }),
      error: reject,
      exit: (code) => {
        exited = new Error(`the embedding worker stopped (exit code ${code})`);
        reject(exited);
        for (const { reject: fail } of pending.values()) fail(exited);
        pending.clear();
      },
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
