/** Worker threads that run one of ancre's TypeScript modules. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { sourceUrl } from './project-root.ts';

const ENTRY = sourceUrl('shared/worker-entry.mjs');

/**
 * Starts the module at `source` (its path under src/) on a worker thread.
 * Run from the compiled bundle (bin/compile.mjs), the worker's compiled
 * module sits beside this one's chunk and starts as it is; from the
 * sources, a worker starts without its parent's TypeScript loader, so it
 * goes through an entry that registers tsx first.
 */
export function startWorker(source: string, options: Omit<WorkerOptions, 'argv'> = {}): Worker {
  // The one place a file is found from import.meta.url: only the bundle has this sibling.
  const compiled = new URL(`./workers/${path.basename(source, '.ts')}.js`, import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options);
  return new Worker(ENTRY, { ...options, argv: [sourceUrl(source).href] });
}
