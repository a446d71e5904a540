/** Messages between `readVectraFile` and the worker that parses a large vectra file. */
import type { ItemMetadata } from '../../../contracts/store.ts';

export interface VectraReadRequest {
  buildDir: string;
  /** The part of the paragraphs' file to read (vectra-file.ts). */
  file: string;
  dimensions: number;
}

/** From the worker: the vectors (row-major, one row per item), then the items in slices, then `done`; or an `error`. */
export type VectraRead =
  | { type: 'vectors'; vectors: Float32Array }
  | { type: 'items'; ids: string[]; metadata: ItemMetadata[] }
  | { type: 'done' }
  | { type: 'error'; message: string };
