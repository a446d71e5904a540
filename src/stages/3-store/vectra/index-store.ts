/**
 * The index on disk. Each build is a folder `index/build-<time>/` holding a
 * vectra `LocalIndex` file (vectors with their text and position as metadata)
 * and a manifest (model, chunker version, cleaned documents). A file
 * `index/CURRENT` names the build in use; it is replaced by an atomic
 * rename, so a reader sees either the old build or the new one, whole.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import type { Chunk } from '../../1-ingest/chunk.ts';
import type { SentenceSpan } from '../../../text/sentences.ts';
import { INDEX_FORMAT, type IndexManifest, type LoadedIndex, type StoredChunk } from '../records.ts';
import { readSentenceFile, writeSentenceFile } from './sentence-file.ts';
import { vectorMatrix } from '../vector-matrix.ts';
import { buildVectorLists, extendVectorLists, readVectorLists, VECTOR_LISTS, writeVectorLists, type VectorLists } from '../vector-lists.ts';

const CURRENT = 'CURRENT';
/** The file vectra's LocalIndex keeps its items in. */
const VECTRA_FILE = 'index.json';
const MANIFEST = 'manifest.json';
const BUILD_PREFIX = 'build-';

/** Metadata as vectra stores it: flat values only. */
export type ItemMetadata = Record<string, string | number | boolean>;

/** One vector of the index with its metadata, as written to and read from vectra. */
export interface StoredItem {
  id: string;
  vector: ArrayLike<number>;
  metadata: ItemMetadata;
}

export class IndexNotFoundError extends Error {}
export class IndexCorruptError extends Error {}

/** The item of a paragraph (or of a part of a long one). */
export function paragraphItem(chunk: Chunk, vector: ArrayLike<number>): StoredItem {
  return {
    id: chunk.id,
    vector,
    metadata: {
      kind: 'paragraph',
      doc: chunk.doc,
      paragraph: chunk.paragraph,
      part: chunk.part,
      start: chunk.start,
      end: chunk.end,
      text: chunk.text,
    },
  };
}

/** The item of one sentence of a chunk; offsets are in the chunk's paragraph. */
export function sentenceItem(chunk: Chunk, index: number, span: SentenceSpan, vector: ArrayLike<number>): StoredItem {
  return {
    id: `${chunk.id}/s${index}`,
    vector,
    metadata: { kind: 'sentence', doc: chunk.doc, chunk: chunk.id, sentence: index, start: span.start, end: span.end },
  };
}

export async function indexExists(indexDir: string): Promise<boolean> {
  try {
    await readFile(path.join(indexDir, await currentBuildName(indexDir), MANIFEST));
    return true;
  } catch {
    return false;
  }
}

async function currentBuildName(indexDir: string): Promise<string> {
  return (await readFile(path.join(indexDir, CURRENT), 'utf8')).trim();
}

/**
 * Writes a new build beside the current one and then points CURRENT at it.
 * Until the rename, readers keep the previous build; a crash before it
 * leaves only an unreferenced folder, removed by the next write.
 */
export async function writeIndex(
  indexDir: string,
  manifest: IndexManifest,
  items: Iterable<StoredItem>,
  reuse?: ReusableLists,
): Promise<string> {
  await mkdir(indexDir, { recursive: true });
  const release = await acquireWriteLock(indexDir);
  try {
    return await writeBuild(indexDir, manifest, items, reuse);
  } finally {
    await release();
  }
}

export class IndexBusyError extends Error {}

/**
 * One writer at a time, across processes: a LOCK file holding the writer's
 * pid. A lock whose process is gone (killed mid-ingest) is taken over.
 */
async function acquireWriteLock(indexDir: string): Promise<() => Promise<void>> {
  const lock = path.join(indexDir, 'LOCK');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new IndexBusyError(`another ingest (pid ${holder}) is writing ${indexDir}; try again when it is done`);
      }
      await rm(lock, { force: true });
    }
  }
  throw new IndexBusyError(`cannot lock ${indexDir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The previous build's vector lists, and the list of each paragraph whose vector it kept unchanged. */
export interface ReusableLists {
  lists: VectorLists;
  listOfParagraph: ReadonlyMap<string, number>;
}

async function writeBuild(indexDir: string, manifest: IndexManifest, items: Iterable<StoredItem>, reuse?: ReusableLists): Promise<string> {
  await removeStaleBuilds(indexDir);
  const buildName = `${BUILD_PREFIX}${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const buildDir = path.join(indexDir, buildName);
  await mkdir(buildDir, { recursive: true });
  const all = [...items];
  const paragraphs = all.filter((item) => item.metadata.kind === 'paragraph');
  await writeVectraFile(path.join(buildDir, VECTRA_FILE), paragraphs);
  await writeSentenceFile(buildDir, all.filter((item) => item.metadata.kind === 'sentence'), manifest.model.dimensions);
  if (paragraphs.length >= VECTOR_LISTS.minRows) {
    const dimensions = manifest.model.dimensions;
    const matrix = vectorMatrix(paragraphs, dimensions);
    const extended = reuse
      ? await extendVectorLists(matrix, dimensions, reuse.lists, paragraphs.map((item) => reuse.listOfParagraph.get(item.id)))
      : null;
    await writeVectorLists(buildDir, extended ?? (await buildVectorLists(matrix, dimensions)));
  }
  await writeFile(path.join(buildDir, MANIFEST), JSON.stringify(manifest));
  const tmp = path.join(indexDir, `${CURRENT}.tmp-${process.pid}`);
  await writeFile(tmp, `${buildName}\n`);
  await rename(tmp, path.join(indexDir, CURRENT));
  await removeStaleBuilds(indexDir);
  return buildDir;
}

/**
 * Writes the items in vectra's LocalIndex file format (`{version,
 * metadata_config, items: [{id, metadata, vector, norm}]}`), which vectra
 * then reads. Not through `LocalIndex.insertItem`: it checks each id against
 * every item already inserted, so n inserts cost n² comparisons (9 s for
 * 6,000 items, with the event loop blocked throughout), and it builds the
 * whole file as one string. Streaming it item by item keeps memory flat and
 * lets the service answer while a build is written.
 */
async function writeVectraFile(file: string, items: Iterable<StoredItem>): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : once(out, 'drain').then(() => undefined));
  await write('{"version":1,"metadata_config":{},"items":[');
  let count = 0;
  for (const item of items) {
    // Seven decimals are far below what a cosine can tell apart, and halve the file.
    const vector = Array.from(item.vector, (x) => Math.round(x * 1e7) / 1e7);
    const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
    await write(`${count++ === 0 ? '' : ','}${JSON.stringify({ id: item.id, metadata: item.metadata, vector, norm })}`);
    // Let requests in between items: a build is written while the service answers.
    if (count % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await write(']}');
  out.end();
  await finished(out);
}

/** Removes builds CURRENT does not name and half-written pointer files: the leftovers of an interrupted ingest. */
async function removeStaleBuilds(indexDir: string): Promise<string[]> {
  let keep: string | null = null;
  try {
    keep = await currentBuildName(indexDir);
  } catch {
    // No CURRENT yet: every build folder is a leftover.
  }
  const removed: string[] = [];
  for (const name of await readdir(indexDir).catch(() => [] as string[])) {
    const stale = (name.startsWith(BUILD_PREFIX) && name !== keep) || name.startsWith(`${CURRENT}.tmp-`);
    if (stale) {
      await rm(path.join(indexDir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}


/**
 * The manifest, raw items and vector lists of the current build, for an
 * incremental rebuild to reuse. Paragraph items come first, in the order of
 * the lists' rows.
 */
export async function readCurrentBuild(
  indexDir: string,
): Promise<{ manifest: IndexManifest; items: StoredItem[]; vectorLists: VectorLists | null } | null> {
  try {
    const buildDir = path.join(indexDir, await currentBuildName(indexDir));
    const manifest = JSON.parse(await readFile(path.join(buildDir, MANIFEST), 'utf8')) as IndexManifest;
    // Items of another format are not reused; the manifest still says why.
    if (manifest.format !== INDEX_FORMAT) return { manifest, items: [], vectorLists: null };
    const paragraphs = await new LocalIndex<ItemMetadata>(buildDir).listItems();
    const { items: sentences } = await readSentenceFile(buildDir, manifest.model.dimensions);
    // Lists that cannot be read are built again rather than failing the ingest.
    const vectorLists = await readVectorLists(buildDir, paragraphs.length, manifest.model.dimensions).catch(() => null);
    return { manifest, items: [...paragraphs, ...sentences], vectorLists };
  } catch {
    return null;
  }
}

export async function openIndex(indexDir: string): Promise<LoadedIndex> {
  let buildName: string;
  try {
    buildName = await currentBuildName(indexDir);
  } catch {
    throw new IndexNotFoundError(`no index in ${indexDir}: run "npm run ingest" to build it`);
  }
  const buildDir = path.join(indexDir, buildName);
  let manifest: IndexManifest;
  let paragraphs: StoredItem[];
  let sentences: Awaited<ReturnType<typeof readSentenceFile>>;
  let vectorLists: VectorLists | null;
  try {
    manifest = JSON.parse(await readFile(path.join(buildDir, MANIFEST), 'utf8')) as IndexManifest;
    if (manifest.format !== INDEX_FORMAT) {
      throw new IndexCorruptError(`the index in ${buildDir} has format ${manifest.format}, expected ${INDEX_FORMAT}: rebuild it with "npm run ingest"`);
    }
    paragraphs = await new LocalIndex<ItemMetadata>(buildDir).listItems();
    sentences = await readSentenceFile(buildDir, manifest.model.dimensions);
    vectorLists = await readVectorLists(buildDir, paragraphs.length, manifest.model.dimensions);
  } catch (error) {
    if (error instanceof IndexCorruptError) throw error;
    throw new IndexCorruptError(`the index in ${buildDir} cannot be read (${(error as Error).message}): rebuild it with "npm run ingest"`);
  }
  return assemble(manifest, buildDir, paragraphs, sentences, vectorLists);
}

function assemble(
  manifest: IndexManifest,
  buildDir: string,
  paragraphItems: readonly StoredItem[],
  sentences: { vectors: Float32Array; items: readonly StoredItem[] },
  vectorLists: VectorLists | null,
): LoadedIndex {
  const dimensions = manifest.model.dimensions;
  const documents = new Map(manifest.documents.map((doc) => [doc.id, doc]));
  const sentenceVectors = sentences.vectors;
  const chunksById = new Map<string, StoredChunk>();

  const chunks = paragraphItems.map((item, row): StoredChunk => {
    const m = item.metadata;
    const doc = documents.get(String(m.doc));
    const paragraph = doc?.paragraphs[Number(m.paragraph) - 1];
    if (!doc || !paragraph || item.vector.length !== dimensions) {
      throw new IndexCorruptError(`index item ${item.id} does not match its manifest: rebuild it with "npm run ingest"`);
    }
    const chunk: StoredChunk = {
      row,
      id: item.id,
      doc: doc.id,
      title: doc.title,
      paragraph: paragraph.number,
      section: doc.paragraphs.slice(0, paragraph.number - 1).findLast((p) => p.kind === 'heading')?.text ?? null,
      text: String(m.text),
      paragraphText: paragraph.text,
      sentences: [],
    };
    chunksById.set(item.id, chunk);
    return chunk;
  });
  sentences.items.forEach((item, row) => {
    const m = item.metadata;
    const chunk = chunksById.get(String(m.chunk));
    if (!chunk) throw new IndexCorruptError(`sentence ${item.id} has no paragraph: rebuild the index with "npm run ingest"`);
    const start = Number(m.start);
    const end = Number(m.end);
    chunk.sentences[Number(m.sentence)] = { row, start, end, text: chunk.paragraphText.slice(start, end) };
  });
  // Every item's vector length was checked above, so the rows line up.
  const chunkVectors = vectorMatrix(paragraphItems, dimensions);
  return { manifest, buildDir, documents, chunks, dimensions, chunkVectors, sentenceVectors, vectorLists };
}
