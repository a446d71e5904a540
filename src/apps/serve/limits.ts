/**
 * What keeps the service answering under pressure: a bounded queue in front
 * of the answer work, a deadline per request, and a per-client rate limit.
 */
import { yieldToEventLoop } from '../../shared/yield.ts';

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many questions are waiting');
  }
}

export class DeadlineError extends Error {
  constructor() {
    super('the deadline passed');
  }
}

/**
 * Runs at most `concurrency` tasks at once, each in its own turn of the
 * event loop; at most `maxWaiting` wait, the rest are refused at once.
 *
 * Embedding a question is CPU work that does not yield (the ONNX runtime
 * runs on the calling thread), so without this queue a burst of questions is
 * answered in arrival order anyway, but held in memory without bound, and no
 * timer can fire between them. Here every task starts on a fresh turn of
 * the loop: requests that arrive meanwhile are counted (and refused past the
 * bound), and a task whose deadline passed while it waited is dropped
 * without doing its work.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: { concurrency: number; maxWaiting: number }) {}

  async run<T>(task: () => Promise<T>, deadline = Infinity): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (this.waiting.length >= this.options.maxWaiting) throw new QueueFullError(1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      await yieldToEventLoop();
      if (Date.now() > deadline) throw new DeadlineError();
      return await task();
    } finally {
      // Hand the slot straight to the next waiting task, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Fixed one-minute windows per client key: simple, and exact enough to stop a flood. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when the request may go ahead. */
  check(key: string): number {
    const now = this.now();
    this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    if (window.count < this.perMinute) {
      window.count++;
      return 0;
    }
    return Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
  }

  /** Forgets finished windows, so that many clients do not grow the map forever. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.start >= 60_000) this.windows.delete(key);
  }
}
