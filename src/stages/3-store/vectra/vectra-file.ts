/**
 * The paragraphs' file in vectra's `LocalIndex` format (`{version,
 * metadata_config, items: [{id, metadata, vector, norm}]}`): written here,
 * read by vectra. Not written through `LocalIndex.insertItem`: it checks
 * each id against every item already inserted, so n inserts cost n²
 * comparisons (9 s for 6,000 items, with the event loop blocked throughout),
 * and it builds the whole file as one string. Streaming it item by item
 * keeps memory flat and lets the service answer while a build is written.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import type { StoredItem } from '../../../contracts/store.ts';
import { startWorker } from '../../../shared/worker.ts';
import { listVectraItems } from './vectra-items.ts';
import type { VectraRead, VectraReadRequest } from './vectra-read-protocol.ts';
import { yieldToEventLoop } from '../../../shared/yield.ts';

/** The file vectra's LocalIndex keeps its items in. */
const VECTRA_FILE = 'index.json';
/** Items between yields to the event loop. */
const ITEMS_PER_SLICE = 500;

export async function writeVectraFile(buildDir: string, items: Iterable<StoredItem>): Promise<void> {
  const out = createWriteStream(path.join(buildDir, VECTRA_FILE));
  const write = (text: string) => (out.write(text) ? Promise.resolve() : once(out, 'drain').then(() => undefined));
  await write('{"version":1,"metadata_config":{},"items":[');
  let count = 0;
  for (const item of items) {
    // Seven decimals are far below what a cosine can tell apart, and halve the file.
    const vector = Array.from(item.vector, (x) => Math.round(x * 1e7) / 1e7);
    const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
    await write(`${count++ === 0 ? '' : ','}${JSON.stringify({ id: item.id, metadata: item.metadata, vector, norm })}`);
    if (count % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
  }
  await write(']}');
  out.end();
  await finished(out);
}

/** Throws unless the build has its paragraphs' file (without reading it: a build that only lost it is told by this). */
export async function checkVectraFile(buildDir: string): Promise<void> {
  if (!(await stat(path.join(buildDir, VECTRA_FILE)).then((found) => found.isFile(), () => false))) throw new Error(`${VECTRA_FILE} is missing`);
}

/**
 * Files from this size on are parsed on a worker thread. Below it, parsing
 * on the calling thread stops the event loop for less than about 50 ms,
 * less than starting a worker costs.
 */
export const WORKER_READ_BYTES = 8 * 1024 * 1024;

/**
 * The paragraph items of a build, in the order they were written; each vector is checked to have `dimensions` numbers.
 * `onWorker`: read on a worker thread whatever the file's size, because the calling thread is about to be busy (a
 * command loading its model in place) and the read, vectra's module included, can then run beside it.
 */
export async function readVectraFile(buildDir: string, dimensions: number, onWorker = false): Promise<StoredItem[]> {
  const worker = onWorker || (await stat(path.join(buildDir, VECTRA_FILE))).size >= WORKER_READ_BYTES;
  return worker ? readOnWorker({ buildDir, dimensions }) : listVectraItems(buildDir, dimensions);
}

function readOnWorker(request: VectraReadRequest): Promise<StoredItem[]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('stages/3-store/vectra/vectra-read-worker.ts', { workerData: request });
    const items: StoredItem[] = [];
    let vectors: Float32Array = new Float32Array(0);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (!settled) (settled = true), outcome();
    };
    worker.on('message', (message: VectraRead) => {
      if (message.type === 'vectors') vectors = message.vectors;
      else if (message.type === 'items') {
        message.ids.forEach((id, i) => {
          const row = items.length;
          items.push({ id, metadata: message.metadata[i]!, vector: vectors.subarray(row * request.dimensions, (row + 1) * request.dimensions) });
        });
      } else if (message.type === 'done') settle(() => resolve(items));
      else settle(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the reading worker stopped before the end (exit code ${code})`))));
  });
}
