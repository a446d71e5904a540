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
import { FIRST_LOAD, type EmbedKind, type EmbedRequest, type FromWorker, type SpannedRequest, type ToWorker, type WorkerConfig } from './protocol.ts';

export interface ThreadedEmbedder extends Embedder {
  /**
   * Loads another model on the same worker thread, beside this one (the
   * offline model rebuilt for a grown corpus): a second worker would run
   * the ONNX runtime on a second thread, and onnxruntime-node 1.14 can crash
   * the process when one of two such threads is stopped.
   */
  reload(config: WorkerConfig, paragraphs: ParagraphSource): Promise<LoadedThreaded>;
  /** Frees this model on the worker; the worker stops with the last of its models. */
  close(): Promise<void>;
}

export type LoadedThreaded = LoadedEmbedder & { embedder: ThreadedEmbedder };

type Ready = Extract<FromWorker, { type: 'ready' }>;
type Waiting<T> = { resolve: (value: T) => void; reject: (error: Error) => void };

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
): Promise<LoadedThreaded> {
  if (started.config !== config) throw new Error('the embedding worker was started for another model choice');
  const link = new WorkerLink(started.worker, log);
  // Waited for before the worker's held messages are handed over: they may ask for this load's paragraphs.
  const first = link.load(FIRST_LOAD, config, paragraphs);
  started.attach(link.events);
  return first;
}

/** The main thread's side of one worker: its requests in flight and the models it holds. */
class WorkerLink {
  private readonly requests = new Map<number, Waiting<Float32Array[]>>();
  private readonly forwards = new Map<number, Waiting<{ tokens: number; seconds: number }>>();
  private readonly loading = new Map<number, Waiting<Ready> & { paragraphs: ParagraphSource }>();
  /** The loads some embedder still answers with; the worker stops when none is left. */
  private readonly open = new Set<number>();
  private nextRequest = 0;
  private nextLoad = FIRST_LOAD + 1;
  private exited: Error | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly log: Logger,
  ) {}

  readonly events: WorkerEvents = {
    message: (message) => this.hear(message),
    error: (error) => this.stopped(error),
    exit: (code) => this.stopped(new Error(`the embedding worker stopped (exit code ${code})`)),
  };

  /** Waits for load `number` (the first is the worker's own; a later one is asked for here) and gives its embedder. */
  async load(number: number, config: WorkerConfig, paragraphs: ParagraphSource): Promise<LoadedThreaded> {
    if (this.exited) throw this.exited;
    const ready = new Promise<Ready>((resolve, reject) => this.loading.set(number, { resolve, reject, paragraphs }));
    if (number !== FIRST_LOAD) this.post({ kind: 'load', load: number, config });
    const { model, profile, fallback, loadSeconds } = await ready.catch(async (error: unknown) => {
      // A worker whose first model failed holds nothing: it would only keep the process alive.
      if (this.open.size === 0 && !this.exited) await this.worker.terminate();
      throw error;
    });
    this.open.add(number);
    const request = (message: Omit<EmbedRequest, 'id' | 'load'> | Omit<SpannedRequest, 'id' | 'load'>) => this.request({ ...message, load: number });
    const embed = (kind: EmbedKind, texts: readonly string[]) => request({ kind, texts: [...texts] });
    const embedder: ThreadedEmbedder = {
      model,
      profile,
      embedQueries: (texts) => embed('query', texts),
      embedPassages: (texts) => embed('passage', texts),
      embedPassagesWithSpans: (passages) => request({ kind: 'spanned', passages: passages.map(({ text, spans }) => ({ text, spans: [...spans] })) }),
      forwardPasses: (texts) => this.forward(number, texts),
      reload: (config, paragraphs) => this.load(this.nextLoad++, config, paragraphs),
      close: () => this.unload(number),
    };
    return { embedder, fallback, loadSeconds };
  }

  private async unload(number: number): Promise<void> {
    if (!this.open.delete(number)) return;
    // A model still loading keeps the worker too: it is stopped once that load fails with nothing else open (load).
    if (this.open.size > 0 || this.loading.size > 0) return this.post({ kind: 'unload', load: number });
    await this.worker.terminate();
  }

  private request(message: Omit<EmbedRequest, 'id'> | Omit<SpannedRequest, 'id'>): Promise<Float32Array[]> {
    return this.ask(this.requests, (id) => ({ ...message, id }));
  }

  private forward(load: number, texts: readonly string[]): Promise<{ tokens: number; seconds: number }> {
    return this.ask(this.forwards, (id) => ({ kind: 'forward', id, load, texts: [...texts] }));
  }

  /** Posts a message numbered `id` and waits in `waiting` for the worker's answer to it (one counter numbers every kind). */
  private ask<T>(waiting: Map<number, Waiting<T>>, message: (id: number) => ToWorker): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(this.exited);
      const id = this.nextRequest++;
      waiting.set(id, { resolve, reject });
      this.post(message(id));
    });
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private stopped(error: Error): void {
    this.exited ??= error;
    for (const waiting of [...this.loading.values(), ...this.requests.values(), ...this.forwards.values()]) waiting.reject(error);
    this.loading.clear();
    this.requests.clear();
    this.forwards.clear();
  }

  /** What the main thread does with each message of its worker. */
  private hear(message: FromWorker): void {
    switch (message.type) {
      case 'log':
        return this.log(message.line, message.level);
      case 'need-paragraphs': {
        const { load } = message;
        const source = this.loading.get(load)?.paragraphs;
        if (!source) return this.post({ kind: 'paragraphs-failed', load, message: 'no load is waiting for paragraphs' });
        return void source().then(
          (paragraphs) => this.post({ kind: 'paragraphs', load, paragraphs }),
          (error: Error) => this.post({ kind: 'paragraphs-failed', load, message: error.message }),
        );
      }
      case 'ready':
        return settle(this.loading, message.load, (waiting) => waiting.resolve(message));
      case 'failed':
        return settle(this.loading, message.load, (waiting) => waiting.reject(new Error(message.message)));
      case 'vectors':
        return settle(this.requests, message.id, (waiting) => waiting.resolve(message.vectors));
      case 'forwarded':
        return settle(this.forwards, message.id, (waiting) => waiting.resolve(message));
      case 'error':
        // A request's id is either an embedding's or a forward passes' timing: one counter numbers both.
        if (this.forwards.has(message.id)) return settle(this.forwards, message.id, (waiting) => waiting.reject(new Error(message.message)));
        return settle(this.requests, message.id, (waiting) => waiting.reject(new Error(message.message)));
    }
  }
}

/** Takes `key`'s waiter out of `waiting` and settles it, if it is still there. */
function settle<K, W>(waiting: Map<K, W>, key: K, outcome: (waiter: W) => void): void {
  const waiter = waiting.get(key);
  waiting.delete(key);
  if (waiter) outcome(waiter);
}
