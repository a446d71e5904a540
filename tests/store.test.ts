import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import { describe, expect, it } from 'vitest';
import { assembleIndex } from '../src/stages/3-store/assemble.ts';
import { writeVectorFile } from '../src/stages/3-store/aligned-bytes.ts';
import { vectorMatrix } from '../src/stages/3-store/vector-matrix.ts';
import { checkVectraFile, readVectraFile, WORKER_READ_BYTES, writeVectraFile } from '../src/stages/3-store/vectra/vectra-file.ts';
import { VectraStore } from '../src/stages/3-store/vectra/vectra-store.ts';
import { readManifestFile, writeManifestFile } from '../src/stages/3-store/vectra/manifest-file.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { assembleDocument } from '../src/stages/1-ingest/document.ts';
import type { IndexManifest, StoredItem } from '../src/contracts/store.ts';
import { readParagraphs, writeParagraphFile } from '../src/stages/3-store/vectra/paragraph-file.ts';
import { loadedSource, readParagraphTerms } from '../src/pipeline/loaded-source.ts';
import { DEFAULT_OPTIONS } from '../src/pipeline/options.ts';
import { PARAGRAPH_TERMS } from '../src/stages/5-retrieve/paragraph-terms.ts';

const openIndex = (indexDir: string) => new VectraStore(indexDir).open();
import { tempDir } from './support/temp.ts';
import { HAVRE_ARTICLE, scratchCorpus } from './support/corpus.ts';
import { fixtureConfig, fixturePipeline } from './support/runtime.ts';

describe('the index on disk', () => {
  it('is a vectra LocalIndex that vectra itself reads and queries', async () => {
    const { indexDir } = fixtureConfig();
    const build = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
    const vectra = new LocalIndex(path.join(indexDir, build));
    expect(await vectra.isIndexCreated()).toBe(true);
    const stats = await vectra.getIndexStats();
    const loaded = await openIndex(indexDir);
    expect(stats.items).toBe(loaded.chunks.length);
    // Sentence vectors live beside vectra's file, as one float32 matrix.
    const sentences = loaded.chunks.reduce((sum, c) => sum + c.sentences.length, 0);
    expect(loaded.sentenceVectors.length).toBe(sentences * loaded.dimensions);
    const { size } = await stat(path.join(indexDir, build, 'sentences.f32'));
    expect(size).toBe(sentences * loaded.dimensions * 4);

    const chunk = loaded.chunks.find((c) => c.paragraph === 3 && c.doc === '002_9a0fa612789b1bfe')!;
    const vector = Array.from(loaded.chunkVectors.subarray(chunk.row * loaded.dimensions, (chunk.row + 1) * loaded.dimensions));
    const [best] = await vectra.queryItems(vector, '', 1, { kind: { $eq: 'paragraph' } });
    expect(best!.item.id).toBe('002_9a0fa612789b1bfe#3');
    expect(best!.score).toBeCloseTo(1, 4);
    expect(best!.item.metadata).toMatchObject({ kind: 'paragraph', doc: '002_9a0fa612789b1bfe', paragraph: 3, text: chunk.text });
  });

  it('keeps every sentence of every paragraph, with offsets that cut it verbatim', async () => {
    const loaded = await openIndex(fixtureConfig().indexDir);
    for (const chunk of loaded.chunks) {
      expect(chunk.sentences.length).toBeGreaterThan(0);
      for (const sentence of chunk.sentences) expect(chunk.paragraphText.slice(sentence.start, sentence.end)).toBe(sentence.text);
      // Nothing but white space between and around the sentences: no text is lost.
      let cursor = 0;
      for (const sentence of chunk.sentences) {
        expect(chunk.paragraphText.slice(cursor, sentence.start).trim()).toBe('');
        cursor = sentence.end;
      }
      expect(chunk.paragraphText.slice(cursor).trim()).toBe('');
    }
  });
});

describe("the paragraphs' own files (paragraph-file.ts)", () => {
  it("read back exactly what vectra's file holds, and give way to it when they are missing or it changed", async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    const pipeline = await fixturePipeline();
    await pipeline.at({ corpusDir, indexDir }).ingest();
    const buildDir = path.join(indexDir, (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim());
    const fromOwnFiles = await openIndex(indexDir);
    const rows = JSON.parse(await readFile(path.join(buildDir, 'paragraphs.json'), 'utf8')) as { vectraFiles: [string, number][]; rows: unknown[][] };
    expect(rows.vectraFiles).toEqual([['index.json', (await stat(path.join(buildDir, 'index.json'))).size]]);
    // No text in a row: it is the article's, from start to end.
    expect(rows.rows.every((row) => row.length === 6)).toBe(true);
    const fromVectra = await readVectraFile(buildDir, fromOwnFiles.dimensions);
    expect(vectorMatrix(fromVectra, fromOwnFiles.dimensions)).toEqual(fromOwnFiles.chunkVectors);
    expect(fromOwnFiles.chunks.map((chunk) => [chunk.id, chunk.text])).toEqual(fromVectra.map((item) => [item.id, item.metadata.text]));

    // vectra's file rewritten since (here by vectra itself, one item taken out): it is what is read, and the count told.
    const vectra = new LocalIndex(buildDir);
    await vectra.beginUpdate();
    await vectra.deleteItem('havre#3');
    await vectra.endUpdate();
    await expect(openIndex(indexDir)).rejects.toThrow(/holds \d+ paragraphs, its manifest lists \d+/);
    // An older ancre's build, without them: read from vectra's file, then written again once by an ingest that embeds nothing.
    await pipeline.at({ corpusDir, indexDir }).ingest({ full: true });
    const older = path.join(indexDir, (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim());
    await writeFile(path.join(older, 'paragraphs.json'), '{"vectraFiles": [["index.json", 1');
    expect((await openIndex(indexDir)).chunkVectors).toEqual(fromOwnFiles.chunkVectors);
    await rm(path.join(older, 'paragraphs.json'));
    expect((await openIndex(indexDir)).chunkVectors).toEqual(fromOwnFiles.chunkVectors);
    const rewritten = await pipeline.at({ corpusDir, indexDir }).ingest();
    expect(rewritten).toMatchObject({ paragraphsEmbedded: 0, rewritten: "it keeps its paragraphs only in vectra's file, slow to read" });
    const next = await pipeline.at({ corpusDir, indexDir }).ingest();
    expect(next.rewritten).toBeNull();
  });
});

describe("a paragraph's row", () => {
  it("holds no text when the text is its article's from start to end, and the text itself otherwise", async () => {
    const dir = await tempDir('paragraph-rows');
    const doc = assembleDocument('a', 'a.txt', 'x', { title: 'A', titleSource: 'headline', paragraphs: [{ kind: 'paragraph', text: 'Une phrase. Une autre.' }] });
    const item = (id: string, text: string, vector: number[]): StoredItem => ({ id, vector, metadata: { kind: 'paragraph', doc: 'a', paragraph: 1, part: 0, start: 0, end: 11, text } });
    const items = [item('a#1', 'Une phrase.', [0.6, 0.8]), item('a#1.1', 'Un texte qui n’est pas celui de l’article.', [1 / 3, 0.123456789])];
    await writeVectraFile(dir, items);
    await writeParagraphFile(dir, items, new Map([['a', doc]]), 2);
    const { rows } = JSON.parse(await readFile(path.join(dir, 'paragraphs.json'), 'utf8')) as { rows: unknown[][] };
    expect(rows.map((row) => row.length)).toEqual([6, 7]);
    const manifest = { format: 4, createdAt: '', model: { id: 'm', fingerprint: 'f', dimensions: 2, offline: true }, chunkerVersion: 3, documents: [doc], paragraphIds: { a: ['a#1', 'a#1.1'] } } as IndexManifest;
    const read = await readParagraphs(dir, manifest);
    expect(read.map((r) => r.metadata)).toEqual(items.map((i) => i.metadata));
    // The numbers vectra's file reads back, seven decimals each, as a loaded build holds them (float32).
    expect(read.map((r) => Array.from(r.vector))).toEqual((await readVectraFile(dir, 2)).map((r) => Array.from(r.vector, Math.fround)));
    expect(Array.from(read[1]!.vector)).toEqual([Math.fround(0.3333333), Math.fround(0.1234568)]);
  });
});

describe('a build read ahead (while a service loads its model)', () => {
  it('is what the store opens while it is still the current build, once; a newer build is read instead', async () => {
    const indexDir = path.join(await tempDir('ahead'), 'index');
    await cp(fixtureConfig().indexDir, indexDir, { recursive: true });
    const ahead = VectraStore.readAhead(indexDir);
    const read = await ahead;
    expect(read?.chunks.length).toBeGreaterThan(0);
    const store = new VectraStore(indexDir, { ahead });
    expect(await store.open()).toBe(read);
    const again = await store.open();
    expect(again).not.toBe(read);
    expect(again.build).toBe(read!.build);

    // Another process made a newer build current after the read ahead.
    const stale = VectraStore.readAhead(indexDir);
    await stale;
    await cp(path.join(indexDir, read!.build), path.join(indexDir, 'build-newer'), { recursive: true });
    await writeFile(path.join(indexDir, 'CURRENT'), 'build-newer\n');
    const newer = await new VectraStore(indexDir, { ahead: stale }).open();
    expect(newer.build).toBe('build-newer');

    // Nothing to read: the failure is met again, and reported, where the build is opened.
    const missing = path.join(indexDir, 'nowhere');
    const none = VectraStore.readAhead(missing);
    expect(await none).toBeNull();
    await expect(new VectraStore(missing, { ahead: none }).open()).rejects.toThrow(/no index/i);
  });

  it("has its paragraphs' stems read once ahead, used by the source made over it, and then let go", async () => {
    const index = await openIndex(fixtureConfig().indexDir);
    const ahead = readParagraphTerms(index);
    expect(readParagraphTerms(index)).toBe(ahead);
    expect(ahead.stems).toHaveLength(index.chunks.length);
    loadedSource(index, DEFAULT_OPTIONS);
    // Not kept past the lexical index: asked again, they are read again, the same.
    const again = readParagraphTerms(index);
    expect(again).not.toBe(ahead);
    expect(again.stems).toEqual(ahead.stems);

    // A build that keeps its stems gives them instead, the same, and lets them go with the source made over it.
    const kept = await new VectraStore(fixtureConfig().indexDir, { terms: PARAGRAPH_TERMS }).open();
    expect(kept.paragraphTerms).toBeDefined();
    const stored = readParagraphTerms(kept);
    expect(stored.context).toEqual(ahead.context);
    expect([...stored.stems]).toEqual(ahead.stems);
    loadedSource(kept, DEFAULT_OPTIONS);
    expect(kept.paragraphTerms).toBeUndefined();
  });
});

describe('opening a build with one very long article', () => {
  it('assembles 40,000 paragraphs of one document, yielding to the event loop as it goes', async () => {
    const count = 40_000;
    const paragraphs = Array.from({ length: count }, (_, i) => ({
      number: i + 1,
      kind: (i % 50 === 0 ? 'heading' : 'paragraph') as 'heading' | 'paragraph',
      text: `Paragraphe ${i + 1}.`,
      start: 0,
      end: 0,
    }));
    const doc = { id: 'long', file: 'long.txt', title: 'Long', titleSource: 'headline' as const, hash: 'x', text: '', paragraphs };
    const manifest = { format: 3, createdAt: '', model: { id: 'm', fingerprint: 'f', dimensions: 4, offline: true }, chunkerVersion: 1, documents: [doc], paragraphIds: {} };
    const items = paragraphs.map((p) => ({ id: `long#${p.number}`, vector: [1, 0, 0, 0], metadata: { kind: 'paragraph', doc: 'long', paragraph: p.number, text: p.text } }));
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const started = performance.now();
    const index = await assembleIndex({ manifest, location: '', build: 'test', paragraphs: items, sentences: { vectors: new Float32Array(0), items: [] }, vectorLists: null });
    const ms = performance.now() - started;
    clearInterval(ticking);
    console.log(`open: ${count} paragraphs of one article assembled in ${ms.toFixed(0)} ms, ${turns} timer turns meanwhile`);
    expect(index.chunks).toHaveLength(count);
    expect(index.chunks[count - 1]!.section).toBe(`Paragraphe ${Math.floor((count - 1) / 50) * 50 + 1}.`);
    expect(turns).toBeGreaterThan(0);
  });
});

describe('reading a large vectra file', () => {
  const dimensions = 384;
  const itemsOf = (count: number, width = dimensions) =>
    Array.from({ length: count }, (_, i) => ({
      id: `doc#${i + 1}`,
      vector: Array.from({ length: width }, (_, d) => Math.sin(i * 31 + d) / Math.sqrt(width / 2)),
      metadata: { kind: 'paragraph', doc: 'doc', paragraph: i + 1, text: `Paragraphe ${i + 1}, « cité » tel quel.` },
    }));
  const workersDuring = async (read: () => Promise<unknown>) => {
    let started = 0;
    const count = () => started++;
    process.on('worker', count);
    try {
      await read();
    } finally {
      process.off('worker', count);
    }
    return started;
  };

  it('parses it on a worker thread, and reads exactly what vectra reads', async () => {
    const dir = await tempDir('vectra');
    await writeVectraFile(dir, itemsOf(2600));
    expect((await stat(path.join(dir, 'index.json'))).size).toBeGreaterThanOrEqual(WORKER_READ_BYTES);
    let read: Awaited<ReturnType<typeof readVectraFile>> = [];
    // The main thread only receives the vectors and small slices of items: a service keeps answering meanwhile.
    expect(await workersDuring(async () => (read = await readVectraFile(dir, dimensions)))).toBe(1);
    const byVectra = await new LocalIndex(dir).listItems();
    expect(read.map((item) => item.id)).toEqual(byVectra.map((item) => item.id));
    expect(read.map((item) => item.metadata)).toEqual(byVectra.map((item) => item.metadata));
    read.forEach((item, i) => expect(Array.from(item.vector)).toEqual(byVectra[i]!.vector.map(Math.fround)));
  });

  it('reads a small file in place, and refuses a vector of the wrong size either way', async () => {
    const small = await tempDir('vectra');
    await writeVectraFile(small, itemsOf(3));
    expect(await workersDuring(() => readVectraFile(small, dimensions))).toBe(0);
    // Asked for by a caller about to load its model in place: on a worker whatever the size, the same items.
    let offThread: Awaited<ReturnType<typeof readVectraFile>> = [];
    expect(await workersDuring(async () => (offThread = await readVectraFile(small, dimensions, true)))).toBe(1);
    expect(offThread.map((item) => item.id)).toEqual((await readVectraFile(small, dimensions)).map((item) => item.id));
    await expect(readVectraFile(small, 16, true)).rejects.toThrow(/doc#1 has 384 dimensions, the build 16/);
    await expect(readVectraFile(small, 16)).rejects.toThrow(/doc#1 has 384 dimensions, the build 16/);
    const large = await tempDir('vectra');
    await writeVectraFile(large, [...itemsOf(2600), ...itemsOf(1, 100).map((item) => ({ ...item, id: 'odd#1' }))]);
    await expect(readVectraFile(large, dimensions)).rejects.toThrow(/odd#1 has 100 dimensions/);
  });

  it('writes a file past one part in parts, each an index vectra reads, and reads them back in order, one thread each', async () => {
    const dir = await tempDir('vectra');
    const items = itemsOf(300);
    const partChars = 200_000;
    await writeVectraFile(dir, items, { partChars });
    const parts = JSON.parse(await readFile(path.join(dir, 'index-parts.json'), 'utf8')) as [string, number][];
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map(([file]) => file)).toEqual(parts.map((_, i) => (i === 0 ? 'index.json' : `index-${i + 1}.json`)));
    expect(parts.reduce((sum, [, count]) => sum + count, 0)).toBe(items.length);
    const byVectra: Awaited<ReturnType<LocalIndex['listItems']>> = [];
    for (const [file, count] of parts) {
      const part = await new LocalIndex(dir, file).listItems();
      expect(part).toHaveLength(count);
      // Each part is whole, and below the length asked for.
      expect((await stat(path.join(dir, file))).size).toBeLessThanOrEqual(partChars);
      byVectra.push(...part);
    }
    expect(byVectra.map((item) => item.id)).toEqual(items.map((item) => item.id));
    let read: Awaited<ReturnType<typeof readVectraFile>> = [];
    expect(await workersDuring(async () => (read = await readVectraFile(dir, dimensions)))).toBe(parts.length);
    expect(read.map((item) => item.id)).toEqual(items.map((item) => item.id));
    read.forEach((item, i) => expect(Array.from(item.vector)).toEqual(byVectra[i]!.vector.map(Math.fround)));
    await checkVectraFile(dir);

    // A part that holds fewer items than the list says, a part lost, the list lost: each told, none read as a smaller build.
    const [second, secondCount] = parts[1]!;
    const saved = await readFile(path.join(dir, second));
    const shorter = await tempDir('vectra');
    await writeVectraFile(shorter, items.slice(0, secondCount - 1));
    await cp(path.join(shorter, 'index.json'), path.join(dir, second));
    await expect(readVectraFile(dir, dimensions)).rejects.toThrow(`${second} holds ${secondCount - 1} paragraphs, index-parts.json says ${secondCount}`);
    await rm(path.join(dir, second));
    await expect(checkVectraFile(dir)).rejects.toThrow(`${second} is missing`);
    await writeFile(path.join(dir, second), saved);
    await rm(path.join(dir, 'index-parts.json'));
    await expect(checkVectraFile(dir)).rejects.toThrow('index-parts.json is missing');
    await expect(readVectraFile(dir, dimensions)).rejects.toThrow('index-parts.json is missing');
  });
});

describe('a file of vectors', () => {
  it('is the matrix of the vectors in order, whether they stand in runs of one buffer, apart, or as plain numbers', async () => {
    const dimensions = 3;
    const matrix = Float32Array.from({ length: 30 }, (_, i) => i / 7);
    const row = (r: number) => matrix.subarray(r * dimensions, (r + 1) * dimensions);
    // Two runs of one buffer, a gap between them, rows of their own, plain arrays, and a run again.
    const vectors = [row(0), row(1), row(2), row(5), row(6), Float32Array.of(1, 2, 3), [4, 5, 6], [7, 8, 9], row(7), row(8), Float32Array.of(0.5, 0.25, 0.125)];
    const file = path.join(await tempDir('vectors'), 'v.f32');
    await writeVectorFile(file, vectors, dimensions);
    const bytes = await readFile(file);
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))).toEqual(Array.from(vectorMatrix(vectors.map((vector) => ({ vector })), dimensions)));
    await expect(writeVectorFile(file, [row(0), [1, 2]], dimensions)).rejects.toThrow('a vector of 2 numbers among vectors of 3');
  });

  it('is gathered into one matrix, viewed in place when the vectors already stand row after row in one buffer', () => {
    const dimensions = 3;
    const matrix = Float32Array.from({ length: 30 }, (_, i) => i / 7);
    const rows = (...numbers: number[]) => numbers.map((r) => ({ vector: matrix.subarray(r * dimensions, (r + 1) * dimensions) }));
    const inPlace = vectorMatrix(rows(2, 3, 4), dimensions);
    expect(inPlace.buffer).toBe(matrix.buffer);
    expect(Array.from(inPlace)).toEqual(Array.from(matrix.subarray(6, 15)));
    // Out of order, or with a gap: copied, in the items' order.
    for (const items of [rows(3, 2, 4), rows(2, 4)]) {
      const copied = vectorMatrix(items, dimensions);
      expect(copied.buffer).not.toBe(matrix.buffer);
      expect(Array.from(copied)).toEqual(items.flatMap((item) => Array.from(item.vector)));
    }
    expect(vectorMatrix([], dimensions)).toHaveLength(0);
  });
});

describe('the manifest file', () => {
  it("keeps each article as its paragraphs alone and reads it back whole, and reads an older ancre's as it is", async () => {
    const corpus = await readCorpus(fixtureConfig().corpusDir);
    // A paragraph past the readable length is cut in parts: offsets that do not simply follow one paragraph a line.
    const long = assembleDocument('long', 'long.txt', 'x', { title: 'Long', titleSource: 'headline', paragraphs: [{ kind: 'heading', text: 'Un titre' }, { kind: 'paragraph', text: 'Une phrase assez longue pour compter. '.repeat(200).trim() }] });
    const documents = [...corpus.documents, long];
    expect(long.paragraphs.length).toBeGreaterThan(2);
    const manifest = { format: 1, createdAt: '2026-11-28T00:00:00.000Z', model: { id: 'm', fingerprint: 'f', dimensions: 4, offline: true }, chunkerVersion: 3, documents, paragraphIds: {}, sentences: 0 } as IndexManifest;
    const dir = await tempDir('manifest');
    await writeManifestFile(dir, manifest);
    expect(await readManifestFile(dir)).toEqual(manifest);
    const onDisk = await readFile(path.join(dir, 'manifest.json'), 'utf8');
    const kept = JSON.parse(onDisk) as { documents: { text?: string; paragraphs: { start?: number }[] }[] };
    expect(kept.documents.every((doc) => doc.text === undefined && doc.paragraphs.every((p) => p.start === undefined))).toBe(true);
    expect(onDisk.length).toBeLessThan(JSON.stringify(manifest).length * 0.7);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(await readManifestFile(dir)).toEqual(manifest);

    // One that could not be read back as one string is not written: the build it belongs to is never made current.
    await expect(writeManifestFile(dir, manifest, onDisk.length - 1)).rejects.toThrow(`would pass ${onDisk.length - 1} characters, the most one JavaScript string holds`);
    await writeManifestFile(dir, manifest, onDisk.length);
    expect(await readManifestFile(dir)).toEqual(manifest);
  });
});
