/**
 * One model on several threads, for ingest: onnxruntime-node 1.14 runs each
 * forward pass on the calling thread alone (CPU time equals wall time even
 * when the session is asked for more intra-op threads), so one session uses
 * one core. Each call's passages are cut into forward batches, which
 * embedders of the same model, one on this thread and the others on worker
 * threads, take each as it is free (BatchQueue); their vectors are put back
 * in order (README, "Performance").
 *
 * Only for a process that ends with its pipeline (`ancre ingest`, the bench): once every
 * thread that loaded the ONNX runtime's native module has stopped, a new
 * worker cannot load it again ("Module did not self-register"), which a
 * service reindexing with a pool would then need.
 */
import type { Embedder, Logger, SpannedPassage } from '../../contracts/model.ts';
import { forwardBatches } from './embedder.ts';
import type { ModelChoice } from './load.ts';
import { loadThreadedEmbedder } from './threaded/threaded-embedder.ts';
import { yieldToEventLoop } from '../../shared/yield.ts';

/** Passages counted at once before the event loop may run: the workers' finished batches are taken in between. */
const COUNT_SLICE = 64;

/** Each text's tokens, counted a slice at a time. */
async function countedInSlices(texts: readonly string[], count: (texts: readonly string[]) => number[]): Promise<number[]> {
  const tokens: number[] = [];
  for (let start = 0; start < texts.length; start += COUNT_SLICE) {
    if (start > 0) await yieldToEventLoop();
    tokens.push(...count(texts.slice(start, start + COUNT_SLICE)));
  }
  return tokens;
}

/** Whether two embedders hold one model: their vectors may then stand in one index. */
function sameModel(a: Embedder, b: Embedder): boolean {
  return a.model.id === b.model.id && a.model.fingerprint === b.model.fingerprint;
}

type Job = (member: Embedder) => Promise<void>;

/**
 * Forward batches waiting for a member, each taken by the first member free.
 * Dealt out in advance, the batches of a call went at the pace of its
 * slowest member: this thread also reads, splits and stores the corpus,
 * and the machine's cores do not run at one speed (README, "Performance").
 * Batches are pushed longest first. The workers take from the front, this
 * thread from the back: its passes are then short, so that it takes the
 * workers' finished batches in (and a loaded worker in) without their
 * waiting behind a long pass of its own, and the two meet in the middle.
 */
export class BatchQueue {
  #jobs: Job[] = [];
  #free: { take: (job: Job | null) => void; fromBack: boolean }[] = [];
  #closed = false;

  /** Adds a call's batches (longest first), then hands them to the members waiting. */
  push(...jobs: Job[]): void {
    if (this.#closed) throw new Error('the embedding pool is closed');
    this.#jobs.push(...jobs);
    while (this.#jobs.length && this.#free.length) {
      const member = this.#free.shift()!;
      member.take(this.#take(member.fromBack));
    }
  }

  /** The next batch, once there is one (the shortest from the back); null once closed. */
  next(fromBack = false): Promise<Job | null> {
    if (this.#jobs.length || this.#closed) return Promise.resolve(this.#jobs.length ? this.#take(fromBack) : null);
    return new Promise((take) => this.#free.push({ take, fromBack }));
  }

  #take(fromBack: boolean): Job {
    return (fromBack ? this.#jobs.pop() : this.#jobs.shift())!;
  }

  /**
   * Runs batches on `member` until the queue closes. This thread's member
   * takes from the back, and lets the event loop run between its batches:
   * its passes hold the thread until each ends.
   */
  async serve(member: Embedder, onThisThread: boolean): Promise<void> {
    for (let job = await this.next(onThisThread); job; job = await this.next(onThisThread)) {
      await job(member);
      if (onThisThread) await yieldToEventLoop();
    }
  }

  close(): void {
    this.#closed = true;
    for (const member of this.#free.splice(0)) member.take(null);
  }
}

/**
 * Batches a worker holds at once: one to compute and one more, so that it
 * never waits for this thread, busy in a pass of its own, to hand it the
 * next.
 */
const WORKER_LANES = 2;

/**
 * Each item's batch, cut as `first` would cut them, to the member free
 * first, the longest batches first (BatchQueue): the last ones are then of
 * middling length, and no member is left waiting long for another to
 * finish. (In a CPU profile of a 30 s ingest dealing the shortest first,
 * the main thread sat idle 2-4 s at the end while the worker ran the two
 * longest.) The batches, and what `run` gave for each.
 */
async function dealBatches<T, R>(
  queue: BatchQueue,
  first: Embedder,
  items: readonly T[],
  textOf: (item: T) => string,
  run: (member: Embedder, batch: T[]) => Promise<R>,
): Promise<{ batches: number[][]; results: R[] }> {
  const texts = items.map(textOf);
  const batches = forwardBatches(first.passageTokens ? await countedInSlices(texts, first.passageTokens) : texts.map((text) => text.length));
  const jobs: Job[] = [];
  const results = batches.map((batch) => new Promise<R>((resolve, reject) => jobs.push((member) => run(member, batch.map((i) => items[i]!)).then(resolve, reject))));
  queue.push(...jobs.reverse());
  return { batches, results: await Promise.all(results) };
}

/** The batches' vectors put back in the items' order, `vectorsOf(item)` for each. */
function inItemOrder<T>(items: readonly T[], batches: readonly number[][], results: readonly Float32Array[][], vectorsOf: (item: T) => number): Float32Array[] {
  const perItem = new Array<Float32Array[]>(items.length);
  batches.forEach((batch, b) => {
    let next = 0;
    for (const i of batch) {
      const count = vectorsOf(items[i]!);
      perItem[i] = results[b]!.slice(next, next + count);
      next += count;
    }
  });
  return perItem.flat();
}

/**
 * An embedder whose passages are embedded by `first` (this thread's) and by
 * the workers `joining` brings once they are loaded, each taking the next
 * forward batch as it is free; queries by the first. Every member must be
 * the same model: their vectors are mixed in one index. Closing it closes
 * the workers; the first is its owner's.
 */
export function pooledEmbedder(first: Embedder, joining: Promise<readonly Embedder[]> = Promise.resolve([])): Embedder {
  const queue = new BatchQueue();
  const workers = joining.then((loaded) => {
    const other = loaded.find((m) => !sameModel(m, first));
    if (other) throw new Error(`a pool of embedders must hold one model, not ${first.model.id} (${first.model.fingerprint}) and ${other.model.id} (${other.model.fingerprint})`);
    for (const worker of loaded) for (let lane = 0; lane < WORKER_LANES; lane++) void queue.serve(worker, false);
    return loaded;
  });
  // Told when asked for (forwardPasses, close); until then this thread embeds alone.
  workers.catch(() => {});
  void queue.serve(first, true);
  const dealt = <T, R>(items: readonly T[], textOf: (item: T) => string, run: (member: Embedder, batch: T[]) => Promise<R>) =>
    dealBatches(queue, first, items, textOf, run);
  const shared = async <T>(items: readonly T[], textOf: (item: T) => string, vectorsOf: (item: T) => number, embed: (member: Embedder, items: T[]) => Promise<Float32Array[]>) => {
    const { batches, results } = await dealt(items, textOf, embed);
    return inItemOrder(items, batches, results, vectorsOf);
  };
  /**
   * The forward passes alone, over the batches an ingest gives the members,
   * all members passing at once: their seconds shared between them, the
   * limit of as many cores as the pool uses.
   */
  const forwardPasses = async (texts: readonly string[]) => {
    const members = 1 + (await workers).length;
    const { results } = await dealt(texts, (text) => text, (member, batch) => member.forwardPasses!(batch));
    return { tokens: results.reduce((sum, r) => sum + r.tokens, 0), seconds: results.reduce((sum, r) => sum + r.seconds, 0) / members };
  };
  return {
    model: first.model,
    profile: first.profile,
    embedQueries: (texts) => first.embedQueries(texts),
    embedPassages: (texts) => shared(texts, (text) => text, () => 1, (member, batch) => member.embedPassages(batch)),
    embedPassagesWithSpans: (passages) => shared(passages, (p: SpannedPassage) => p.text, (p) => 1 + p.spans.length, (member, batch) => member.embedPassagesWithSpans(batch)),
    ...(first.forwardPasses ? { forwardPasses } : {}),
    ...(first.passageTokens ? { passageTokens: first.passageTokens } : {}),
    close: async () => {
      queue.close();
      await Promise.all((await workers.catch(() => [])).map((m) => m.close?.()));
    },
  };
}

/**
 * `first` joined by `threads - 1` more embedders of its model on worker
 * threads, started when passages are first embedded (an ingest with nothing
 * to embed starts none); this thread embeds meanwhile. A copy that cannot
 * be loaded, or loads another model, leaves the others to embed, said in
 * the log: the ingest goes on. The offline model is not pooled: its network
 * is a lookup, and reading the text is its whole cost.
 */
export function ingestPool(first: Embedder, choice: ModelChoice, threads: number, log: Logger): Embedder {
  if (threads <= 1 || first.model.offline) return first;
  let pool: Embedder | null = null;
  const loadWorkers = async (): Promise<Embedder[]> => {
    // Only what loading reads: the choice is handed to each worker thread.
    const config: ModelChoice = { model: first.model.id, modelsDir: choice.modelsDir, offlineModelDir: choice.offlineModelDir, modelLoadTimeoutMs: choice.modelLoadTimeoutMs };
    // A worker asks for paragraphs only to build the offline model, which a pool never holds.
    const noParagraphs = () => Promise.reject(new Error('a pooled embedder does not build the offline model'));
    const loads = await Promise.allSettled(Array.from({ length: threads - 1 }, () => loadThreadedEmbedder(config, noParagraphs, log)));
    const loaded = loads.flatMap((load) => (load.status === 'fulfilled' ? [load.value.embedder] : []));
    const workers = loaded.filter((w) => sameModel(w, first));
    await Promise.all(loaded.filter((w) => !workers.includes(w)).map((w) => w.close()));
    if (workers.length < threads - 1) {
      const failed = loads.find((load) => load.status === 'rejected');
      const why = failed?.status === 'rejected' ? String((failed.reason as Error)?.message ?? failed.reason) : 'another model was loaded';
      log(`ancre: WARNING: ${threads - 1 - workers.length} of ${threads - 1} more embedding threads could not load ${first.model.id} (${why}); embedding on ${workers.length + 1}`, 'warn');
    }
    return workers;
  };
  const ready = () => (pool ??= pooledEmbedder(first, loadWorkers()));
  return {
    model: first.model,
    profile: first.profile,
    embedQueries: (texts) => first.embedQueries(texts),
    embedPassages: (texts) => ready().embedPassages(texts),
    embedPassagesWithSpans: (passages) => ready().embedPassagesWithSpans(passages),
    ...(first.forwardPasses ? { forwardPasses: (texts: readonly string[]) => ready().forwardPasses!(texts) } : {}),
    close: async () => {
      await pool?.close?.();
    },
  };
}
