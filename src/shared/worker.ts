/** Worker threads that run a TypeScript module, as the rest of ancre does. */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { sourceUrl } from './project-root.ts';

const ENTRY = sourceUrl('shared/worker-entry.mjs');

/** Starts `module` (a file URL, e.g. `sourceUrl('stages/x/y.ts')`) on a worker thread. */
export function startWorker(module: URL, options: Omit<WorkerOptions, 'argv'> = {}): Worker {
  return new Worker(ENTRY, { ...options, argv: [module.href] });
}
