/**
 * The paragraphs' file in vectra's `LocalIndex` format (`{version,
 * metadata_config, items: [{id, metadata, vector, norm}]}`): written here,
 * read by vectra. Not written through `LocalIndex.insertItem`: it checks
 * each id against every item already inserted, so n inserts cost n²
 * comparisons (9 s for 6,000 items, with the event loop blocked throughout),
 * and it builds the whole file as one string. Streaming it item by item
 * keeps memory flat and lets the service answer while a build is written.
 *
 * A large build's paragraphs are written in parts (`index.json`, then
 * `index-2.json`, …), each a whole vectra index of its own (vectra's
 * `new LocalIndex(folder, 'index-2.json')` reads one), listed in
 * `index-parts.json` with their counts. A part is read as one JavaScript
 * string, and V8 holds at most 2^29 − 24 characters in one: a single file
 * was written whole and then could not be read, from about 160,000
 * paragraphs with the offline model (fewer with wider vectors). Parts also
 * parse on as many threads as the machine has cores, and an ingest links
 * the parts it keeps whole into the next build rather than writing them.
 */
import { copyFile, link, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { StoredItem } from '../../../contracts/store.ts';
import { startWorker } from '../../../shared/worker.ts';
import { listVectraItems } from './vectra-items.ts';
import type { VectraRead, VectraReadRequest } from './vectra-read-protocol.ts';
import { yieldToEventLoop } from '../../../shared/yield.ts';
import { eachAtMost } from '../../../shared/each-at-most.ts';
import { textFile, type TextFile } from '../../../shared/text-file.ts';

/** The file vectra's LocalIndex keeps its items in: a build's only part, or its first. */
const VECTRA_FILE = 'index.json';
/** The parts of a build written in more than one, in order: `[file, items]` each. Absent: `index.json` alone. */
const PARTS_FILE = 'index-parts.json';
/** Items between yields to the event loop. */
const ITEMS_PER_SLICE = 500;

/**
 * Characters of JSON a part holds at most (the item that would cross it
 * starts the next part): a quarter of the longest string V8 can make, so
 * that a part is read whatever its texts hold. About 41,000 of the bench's
 * paragraphs with the offline model (256 dimensions: measured), 30,000 with
 * the default model's 384.
 */
export const PART_CHARS = 128 * 1024 * 1024;

/** A part of the paragraphs' file: its name in the build, and how many items it holds (unknown for a build's only part). */
interface Part {
  file: string;
  items?: number;
}

/** The name of the part at `index` (from 0): vectra's own name for the first. */
const partFile = (index: number) => (index === 0 ? VECTRA_FILE : `index-${index + 1}.json`);

/** A part of the current build that the next may take as it is (hard-linked): its file, its paragraphs' ids in order, its size. */
export interface PreviousPart {
  path: string;
  ids: readonly string[];
  bytes: number;
}

export interface WriteParts {
  /**
   * Characters of JSON in one part at most.
   * @default PART_CHARS
   */
  partChars?: number;
  /** The current build's parts, and the paragraphs kept from it unchanged: a run of them that is one of those parts is taken whole. */
  previous?: { parts: readonly PreviousPart[]; kept: ReadonlySet<string> } | null;
}

/**
 * A part smaller than this share of `partChars` is written again with
 * what follows it rather than taken: articles added one at a time at the
 * end would otherwise leave one small part each.
 */
const SMALLEST_TAKEN = 1 / 4;

/**
 * Writes the paragraphs' file in parts. Where the paragraphs run as one of
 * the current build's parts, all kept, that part's file is linked into the
 * new build rather than written again: at 200,003 paragraphs, writing every
 * part took 7.8 s of the 43 an added article took.
 */
export async function writeVectraFile(buildDir: string, items: readonly StoredItem[], { partChars = PART_CHARS, previous = null }: WriteParts = {}): Promise<void> {
  const writer = new PartWriter(buildDir, partChars);
  const taken = new Map((previous?.parts ?? []).filter((part) => part.bytes >= partChars * SMALLEST_TAKEN).map((part) => [part.ids[0], part]));
  let written = 0;
  for (let i = 0; i < items.length; ) {
    const part = taken.get(items[i]!.id);
    if (part && part.ids.every((id, j) => items[i + j]?.id === id && previous!.kept.has(id))) {
      await writer.take(part);
      i += part.ids.length;
      continue;
    }
    await writer.add(itemJson(items[i++]!));
    if (++written % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
  }
  await writer.finish();
}

/** A vector's number as the file keeps it: seven decimals are far below what a cosine can tell apart, and halve the file. */
export const storedNumber = (x: number) => Math.round(x * 1e7) / 1e7;

function itemJson(item: StoredItem): string {
  const vector = Array.from(item.vector, storedNumber);
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return JSON.stringify({ id: item.id, metadata: item.metadata, vector, norm });
}

/** The parts of one build, in order: items written into the open part, or a current build's part taken whole. */
class PartWriter {
  private readonly parts: [string, number][] = [];
  private out: TextFile | null = null;

  constructor(
    private readonly buildDir: string,
    private readonly partChars: number,
  ) {}

  async add(json: string): Promise<void> {
    // The item that would cross the bound starts the next part.
    if (!this.out || (this.parts.at(-1)![1] > 0 && this.out.chars + json.length + 3 > this.partChars)) await this.open();
    await this.out!.write(`${this.parts.at(-1)![1]++ === 0 ? '' : ','}${json}`);
  }

  /** Links `part` in as the next part (copied where the file system cannot link). */
  async take(part: PreviousPart): Promise<void> {
    await this.close();
    const file = path.join(this.buildDir, partFile(this.parts.length));
    await link(part.path, file).catch(() => copyFile(part.path, file));
    this.parts.push([partFile(this.parts.length), part.ids.length]);
  }

  /** Ends the last part (a build without paragraphs still has its `index.json`), then lists the parts if there are several. */
  async finish(): Promise<void> {
    if (this.parts.length === 0) await this.open();
    await this.close();
    if (this.parts.length > 1) await writeFile(path.join(this.buildDir, PARTS_FILE), JSON.stringify(this.parts));
  }

  private async open(): Promise<void> {
    await this.close();
    this.parts.push([partFile(this.parts.length), 0]);
    this.out = textFile(path.join(this.buildDir, this.parts.at(-1)![0]));
    await this.out.write('{"version":1,"metadata_config":{},"items":[');
  }

  private async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    this.out = null;
    await out.write(']}');
    await out.end();
  }
}

/** The current build's parts, each with its paragraphs' ids (`ids`: all of them in row order, as read) and its size. */
export async function previousParts(buildDir: string, ids: readonly string[]): Promise<PreviousPart[]> {
  const parts = await readParts(buildDir);
  let at = 0;
  return Promise.all(
    parts.map(async ({ file, items = ids.length }) => {
      const from = at;
      at += items;
      return { path: path.join(buildDir, file), ids: ids.slice(from, at), bytes: (await stat(path.join(buildDir, file))).size };
    }),
  );
}

/** The build's parts: those its list names, or `index.json` alone (a build of one part, or an older ancre's). */
async function readParts(buildDir: string): Promise<Part[]> {
  const text = await readFile(path.join(buildDir, PARTS_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return [{ file: VECTRA_FILE }];
  const listed = JSON.parse(text) as unknown;
  const valid = Array.isArray(listed) && listed.length > 0 && listed.every((part, i) => Array.isArray(part) && part[0] === partFile(i) && Number.isInteger(part[1]) && part[1] > 0);
  if (!valid) throw new Error(`${PARTS_FILE} does not list the parts of the paragraphs' file`);
  return (listed as [string, number][]).map(([file, items]) => ({ file, items }));
}

const isFile = (file: string) => stat(file).then((found) => found.isFile(), () => false);

/**
 * Throws unless the build has every part of its paragraphs' file (without
 * reading them: a build that only lost one is told by this). A second part
 * without the list naming it means the list was lost.
 */
export async function checkVectraFile(buildDir: string): Promise<void> {
  await presentParts(buildDir);
}

/** The files of the build's paragraphs, in order: each a vectra index of its own, `new LocalIndex(buildDir, file)`. */
export async function vectraFiles(buildDir: string): Promise<string[]> {
  return (await presentParts(buildDir)).map((part) => part.file);
}

/** The build's parts, each checked to be there. */
async function presentParts(buildDir: string): Promise<Part[]> {
  const parts = await readParts(buildDir);
  for (const { file } of parts) if (!(await isFile(path.join(buildDir, file)))) throw new Error(`${file} is missing`);
  if (parts.length === 1 && (await isFile(path.join(buildDir, partFile(1))))) throw new Error(`${PARTS_FILE} is missing`);
  return parts;
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
 * command loading its model in place) and the read, vectra's module included, can then run beside it. The parts of a
 * large build are read at once, as many as the machine has cores.
 */
export async function readVectraFile(buildDir: string, dimensions: number, onWorker = false): Promise<StoredItem[]> {
  const parts = await presentParts(buildDir);
  const readPart = async ({ file, items: expected }: Part) => {
    const worker = onWorker || parts.length > 1 || (await stat(path.join(buildDir, file))).size >= WORKER_READ_BYTES;
    const items = await (worker ? readOnWorker({ buildDir, file, dimensions }) : listVectraItems(buildDir, dimensions, file));
    if (expected !== undefined && items.length !== expected) throw new Error(`${file} holds ${items.length} paragraphs, ${PARTS_FILE} says ${expected}`);
    return items;
  };
  return (await eachAtMost(parts, availableParallelism(), readPart)).flat();
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
