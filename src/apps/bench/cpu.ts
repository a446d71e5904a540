/**
 * What a load costs in CPU, per request, on each side: the service (all its
 * threads, from /proc) and the load generator (its own count). Both share the
 * machine's cores, so together they set the highest rate this machine could
 * sustain: its cores over their summed cost a request.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Linux's clock ticks per second for /proc's CPU times (`getconf CLK_TCK`): 100 on every common kernel. */
const CLOCK_TICKS = 100;

export interface CpuPerRequest {
  /** Milliseconds of CPU the service used a request, all its threads. */
  serverMs: number;
  /** …of which its main thread (HTTP, middleware, the answer's stages); the rest is its other threads (embedding worker, garbage collection). */
  serverMainThreadMs: number;
  /** Milliseconds of CPU the load generator used a request. */
  clientMs: number;
  /** The machine's cores over both: the requests a second it could serve if nothing ever waited. */
  ceiling: number;
}

/** A process's user + system CPU seconds so far, all its threads and those of its main thread (whose id is the process's). */
export function processCpuSeconds(pid: number): { all: number; mainThread: number } {
  return { all: statCpuSeconds(`/proc/${pid}/stat`), mainThread: statCpuSeconds(`/proc/${pid}/task/${pid}/stat`) };
}

function statCpuSeconds(file: string): number {
  // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Both sides' CPU seconds over a load of `requests`, a request each, and the ceiling they set. */
export function cpuPerRequest(server: { all: number; mainThread: number }, clientSeconds: number, requests: number): CpuPerRequest {
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, requests);
  const [serverMs, clientMs] = [perRequest(server.all), perRequest(clientSeconds)];
  return { serverMs, serverMainThreadMs: perRequest(server.mainThread), clientMs, ceiling: (os.cpus().length * 1000) / (serverMs + clientMs) };
}
