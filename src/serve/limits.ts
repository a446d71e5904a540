/**
 * What keeps the service answering under pressure: a bounded queue in front
 * of the answer work (two cores are not helped by running many embeddings at
 * once, and an unbounded queue only turns a flood into memory), and a
 * per-client rate limit.
 */

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many questions are waiting');
  }
}

/** Runs at most `concurrency` tasks at once; at most `maxWaiting` wait, the rest are refused at once. */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: { concurrency: number; maxWaiting: number }) {}

  get depth(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (this.waiting.length >= this.options.maxWaiting) throw new QueueFullError(1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
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
