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
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import type { ItemMetadata, StoredItem } from '../../../contracts/store.ts';

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
    if (count % ITEMS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await write(']}');
  out.end();
  await finished(out);
}

/** The paragraph items of a build, in the order they were written. */
export function readVectraFile(buildDir: string): Promise<StoredItem[]> {
  return new LocalIndex<ItemMetadata>(buildDir).listItems();
}
