/** Worker threads that run one of ancre's TypeScript modules. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { compiledFile } from './compiled.ts';
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
  const compiled = compiledFile(`workers/${path.basename(source, '.ts')}.js`);
  if (compiled) return new Worker(pathToFileURL(compiled), options);
  return new Worker(ENTRY, { ...options, argv: [sourceUrl(source).href] });
}
