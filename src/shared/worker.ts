/** Worker threads that run a TypeScript module, as the rest of ancre does. */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Starts `module` (a file URL, e.g. `new URL('./x.ts', import.meta.url)`) on a worker thread. */
export function startWorker(module: URL, options: Omit<WorkerOptions, 'argv'> = {}): Worker {
  return new Worker(ENTRY, { ...options, argv: [module.href] });
}
