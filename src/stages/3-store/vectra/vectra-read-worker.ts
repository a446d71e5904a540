/**
 * Reads a build's vectra file on a worker thread. Parsing it is one
 * JSON.parse of the whole file (0.6 s for 30,000 paragraphs, mostly their
 * vectors as text): on the service's main thread, every question would wait
 * behind it during a live reindex. Here the vectors cross back as one
 * transferred Float32Array, which costs the main thread nothing, and the
 * ids and metadata in small slices, each cheap to receive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { vectorMatrix } from '../vector-matrix.ts';
import { listVectraItems } from './vectra-items.ts';
import type { VectraRead, VectraReadRequest } from './vectra-read-protocol.ts';

/** Items per message: receiving one slice takes the main thread a few milliseconds. */
const ITEMS_PER_MESSAGE = 2000;

const port = parentPort!;
const send = (message: VectraRead, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const { buildDir, file, dimensions } = workerData as VectraReadRequest;

try {
  const items = await listVectraItems(buildDir, dimensions, file);
  const vectors = vectorMatrix(items, dimensions);
  send({ type: 'vectors', vectors }, [vectors.buffer as ArrayBuffer]);
  for (let start = 0; start < items.length; start += ITEMS_PER_MESSAGE) {
    const slice = items.slice(start, start + ITEMS_PER_MESSAGE);
    send({ type: 'items', ids: slice.map((item) => item.id), metadata: slice.map((item) => item.metadata) });
  }
  send({ type: 'done' });
} catch (error) {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
