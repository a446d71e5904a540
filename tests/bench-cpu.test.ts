import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { cpuPerRequest, processCpuSeconds } from '../src/apps/bench/cpu.ts';
import { fetchLoopOverhead, medianRound } from '../src/apps/bench/overhead.ts';

describe("the bench's CPU a request", () => {
  it('divides each side by the requests, splits the service into its main thread and the rest, and sets the ceiling the cores allow', () => {
    const cpu = cpuPerRequest({ all: 3, mainThread: 2 }, 1, 4000);
    expect(cpu.serverMs).toBeCloseTo(0.75);
    expect(cpu.serverMainThreadMs).toBeCloseTo(0.5);
    expect(cpu.clientMs).toBeCloseTo(0.25);
    expect(cpu.ceiling).toBeCloseTo(os.cpus().length * 1000);
  });

  it("reads a process's CPU from /proc, its other threads' work counted in all but not in the main thread's", async () => {
    const before = processCpuSeconds(process.pid);
    // A fixed amount of work on a worker thread (a few hundred ms of CPU however busy the machine), while this thread only waits.
    const worker = new Worker('let x = 0; for (let i = 0; i < 3e8; i++) x += i % 7; require("node:worker_threads").parentPort.postMessage(x);', { eval: true });
    await new Promise((resolve) => worker.once('exit', resolve));
    const after = processCpuSeconds(process.pid);
    const others = after.all - before.all - (after.mainThread - before.mainThread);
    expect(after.mainThread).toBeLessThanOrEqual(after.all);
    expect(others).toBeGreaterThan(0.1);
  });
});

describe("the bench's fetch loop rounds", () => {
  const figures = (requestsPerSecond: number, serverMs: number) => ({
    requests: requestsPerSecond * 10,
    requestsPerSecond,
    p50: 1,
    p95: 2,
    p99: 3,
    errors: 0,
    non2xx: 0,
    cpu: { serverMs, serverMainThreadMs: serverMs, clientMs: 0.4, ceiling: 1000 },
  });

  it("keeps each service's median round whole, and a ratio for each pair of alternated rounds", () => {
    const ancre = [figures(1200, 0.6), figures(900, 0.9), figures(1400, 0.5)];
    const plain = [figures(2000, 0.1), figures(1800, 0.12), figures(2400, 0.1)];
    const overhead = fetchLoopOverhead({ ancre: figures(1, 1), plain: figures(2, 1) }, { ancre, plain });
    expect(overhead.ancre.fetchLoop).toBe(ancre[0]);
    expect(overhead.plain.fetchLoop).toBe(plain[0]);
    expect(overhead.fetchLoopRatios).toEqual([0.6, 0.5, 0.58]);
    // An even count takes the lower of the two middle rounds.
    expect(medianRound([figures(3, 0), figures(1, 0), figures(4, 0), figures(2, 0)]).requestsPerSecond).toBe(2);
    expect(() => medianRound([])).toThrow(/no round/);
  });
});
