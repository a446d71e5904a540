import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { cpuPerRequest, processCpuSeconds } from '../src/apps/bench/cpu.ts';

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
