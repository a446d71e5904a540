/**
 * The index on disk. Each build is a folder `index/build-<time>/` holding a
 * vectra `LocalIndex` (vectors with their text and position as metadata)
 * and a manifest (model, chunker version, cleaned documents). A file
 * `index/CURRENT` names the build in use; it is replaced by an atomic
 * rename, so a reader sees either the old build or the new one, whole.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import type { Chunk } from '../ingest/chunk.ts';
import type { SentenceSpan } from '../text/sentences.ts';
import { INDEX_FORMAT, type IndexManifest, type LoadedIndex, type StoredChunk } from './records.ts';

const CURRENT = 'CURRENT';
const MANIFEST = 'manifest.json';

export interface EmbeddedChunk {
  chunk: Chunk;
  vector: Float32Array;
  /** Sentences with offsets in the chunk's paragraph, each with its vector. */
  sentences: { span: SentenceSpan; vector: Float32Array }[];
}

type ItemMetadata = Record<string, string | number | boolean>;

export class IndexNotFoundError extends Error {}
export class IndexCorruptError extends Error {}

export async function indexExists(indexDir: string): Promise<boolean> {
  try {
    const name = (await readFile(path.join(indexDir, CURRENT), 'utf8')).trim();
    await readFile(path.join(indexDir, name, MANIFEST));
    return true;
  } catch {
    return false;
  }
}

export async function writeIndex(indexDir: string, manifest: IndexManifest, chunks: readonly EmbeddedChunk[]): Promise<string> {
  await mkdir(indexDir, { recursive: true });
  const buildName = `build-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const buildDir = path.join(indexDir, buildName);
  const vectra = new LocalIndex<ItemMetadata>(buildDir);
  await vectra.createIndex({ version: 1, deleteIfExists: true });
  await vectra.beginUpdate();
  for (const { chunk, vector, sentences } of chunks) {
    await vectra.insertItem({
      id: chunk.id,
      vector: Array.from(vector),
      metadata: {
        kind: 'paragraph',
        doc: chunk.doc,
        paragraph: chunk.paragraph,
        part: chunk.part,
        start: chunk.start,
        end: chunk.end,
        text: chunk.text,
      },
    });
    for (const [index, { span, vector: sentenceVector }] of sentences.entries()) {
      await vectra.insertItem({
        id: `${chunk.id}/s${index}`,
        vector: Array.from(sentenceVector),
        metadata: { kind: 'sentence', chunk: chunk.id, sentence: index, start: span.start, end: span.end },
      });
    }
  }
  await vectra.endUpdate();
  await writeFile(path.join(buildDir, MANIFEST), JSON.stringify(manifest));
  await switchCurrent(indexDir, buildName);
  await removeOtherBuilds(indexDir, buildName);
  return buildDir;
}

async function switchCurrent(indexDir: string, buildName: string): Promise<void> {
  const tmp = path.join(indexDir, `${CURRENT}.tmp-${process.pid}`);
  await writeFile(tmp, `${buildName}\n`);
  await rename(tmp, path.join(indexDir, CURRENT));
}

async function removeOtherBuilds(indexDir: string, keep: string): Promise<void> {
  for (const name of await readdir(indexDir)) {
    if (name.startsWith('build-') && name !== keep) await rm(path.join(indexDir, name), { recursive: true, force: true });
  }
}

export async function openIndex(indexDir: string): Promise<LoadedIndex> {
  let buildName: string;
  try {
    buildName = (await readFile(path.join(indexDir, CURRENT), 'utf8')).trim();
  } catch {
    throw new IndexNotFoundError(`no index in ${indexDir}: run "npm run ingest" to build it`);
  }
  const buildDir = path.join(indexDir, buildName);
  let manifest: IndexManifest;
  let items: Awaited<ReturnType<LocalIndex<ItemMetadata>['listItems']>>;
  try {
    manifest = JSON.parse(await readFile(path.join(buildDir, MANIFEST), 'utf8')) as IndexManifest;
    items = await new LocalIndex<ItemMetadata>(buildDir).listItems();
  } catch (error) {
    throw new IndexCorruptError(`the index in ${buildDir} cannot be read (${(error as Error).message}): rebuild it with "npm run ingest"`);
  }
  if (manifest.format !== INDEX_FORMAT) {
    throw new IndexCorruptError(`the index in ${buildDir} has format ${manifest.format}, expected ${INDEX_FORMAT}: rebuild it with "npm run ingest"`);
  }
  return assemble(manifest, buildDir, items);
}

function assemble(manifest: IndexManifest, buildDir: string, items: { id: string; vector: number[]; metadata: ItemMetadata }[]): LoadedIndex {
  const dimensions = manifest.model.dimensions;
  const documents = new Map(manifest.documents.map((doc) => [doc.id, doc]));
  const paragraphItems = items.filter((item) => item.metadata.kind === 'paragraph');
  const sentenceItems = items.filter((item) => item.metadata.kind === 'sentence');
  const chunkVectors = new Float32Array(paragraphItems.length * dimensions);
  const sentenceVectors = new Float32Array(sentenceItems.length * dimensions);
  const chunksById = new Map<string, StoredChunk>();

  const chunks = paragraphItems.map((item, row): StoredChunk => {
    const m = item.metadata;
    const doc = documents.get(String(m.doc));
    const paragraph = doc?.paragraphs[Number(m.paragraph) - 1];
    if (!doc || !paragraph || item.vector.length !== dimensions) {
      throw new IndexCorruptError(`index item ${item.id} does not match its manifest: rebuild it with "npm run ingest"`);
    }
    chunkVectors.set(item.vector, row * dimensions);
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
  sentenceItems.forEach((item, row) => {
    const m = item.metadata;
    const chunk = chunksById.get(String(m.chunk));
    if (!chunk || item.vector.length !== dimensions) {
      throw new IndexCorruptError(`index item ${item.id} has no paragraph: rebuild it with "npm run ingest"`);
    }
    sentenceVectors.set(item.vector, row * dimensions);
    const start = Number(m.start);
    const end = Number(m.end);
    chunk.sentences[Number(m.sentence)] = { row, start, end, text: chunk.paragraphText.slice(start, end) };
  });
  return { manifest, buildDir, documents, chunks, dimensions, chunkVectors, sentenceVectors };
}
