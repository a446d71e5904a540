import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { watchCorpus } from '../src/apps/serve/reindexer.ts';
import { startServer, type RunningServer } from '../src/apps/serve/server.ts';
import { corpusUnchangedSince, describeIngest, ingest, reusableDocuments } from '../src/pipeline/indexing.ts';
import { readCorpus, readingVersion } from '../src/stages/1-ingest/corpus.ts';
import { chunkDocument } from '../src/stages/1-ingest/chunk.ts';
import { laidOut } from '../src/stages/1-ingest/document.ts';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { escapeMarkup } from './support/markup.ts';
import { IndexOutdatedError } from '../src/contracts/errors.ts';
import { Pipeline, startRuntime } from '../src/pipeline/pipeline.ts';
import { INDEX_FORMAT } from '../src/stages/3-store/items.ts';
import { loadEmbedder } from '../src/stages/2-embed/load.ts';
import { OFFLINE_MODEL_VERSION } from '../src/stages/2-embed/offline/build.ts';
import { OFFLINE_MODEL_ID } from '../src/stages/2-embed/offline/profile.ts';
import { WORD_FREQUENCIES_FILE } from '../src/stages/2-embed/offline/word-frequencies.ts';
import { VectraStore } from '../src/stages/3-store/vectra/vectra-store.ts';
import { DEFAULT_VECTOR_LISTS } from '../src/stages/3-store/vector-lists.ts';
import { stemRows, stemsOfArticle } from '../src/stages/3-store/stored-terms.ts';
import { articleStems } from '../src/stages/5-retrieve/chunk-terms.ts';
import { PARAGRAPH_TERMS } from '../src/stages/5-retrieve/paragraph-terms.ts';
import type { ParagraphTerms } from '../src/contracts/shared-index.ts';
import { processStart } from '../src/stages/3-store/vectra/write-lock.ts';
import { addSyntheticArticles, HAVRE_ARTICLE, indexedScratchCorpus, scratchCorpus, scratchReindexer, scratchServeProcess } from './support/corpus.ts';
import { fixtureConfig, fixturePipeline } from './support/runtime.ts';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await fixturePipeline();
});

/** An ingest of a scratch corpus with the fixture's model. */
const ingestInto = (dirs: { corpusDir: string; indexDir: string }, full = false) => pipeline.at(dirs).ingest({ full });
const openIndex = (indexDir: string) => new VectraStore(indexDir).open();

const HAVRE_QUESTION = 'Combien de tonnes de cocaïne ont été saisies au Havre ?';

describe('incremental ingest', () => {
  it('takes a file of the same size and modification time from the previous build, and reads again one that was touched or rewritten', async () => {
    const dirs = await scratchCorpus();
    const file = path.join(dirs.corpusDir, '000_204cd760b12bbebc.txt');
    const current = () => readFile(path.join(dirs.indexDir, 'CURRENT'), 'utf8');
    await ingestInto(dirs);
    const written = (await openIndex(dirs.indexDir)).documents.get('000_204cd760b12bbebc')!;
    const stats = await stat(file);
    expect(written.source).toEqual({ size: stats.size, modifiedMs: stats.mtimeMs, reading: '1.1' });
    expect(readingVersion(file)).toBe('1.1');
    const first = await current();
    expect((await ingestInto(dirs)).unchanged).toHaveLength(2);
    expect(await current()).toBe(first);

    // Touched, not changed: nothing embedded, but the build records the new time, so that the next ingest need not read it again.
    await utimes(file, new Date(), new Date(Date.now() + 60_000));
    const touched = await ingestInto(dirs);
    expect([touched.unchanged.length, touched.paragraphsEmbedded]).toEqual([2, 0]);
    const second = await current();
    expect(second).not.toBe(first);
    await ingestInto(dirs);
    expect(await current()).toBe(second);

    // Rewritten to the same size: a new modification time says it changed.
    const text = await readFile(file, 'utf8');
    const time = new Date(Math.floor(Date.now() / 1000) * 1000 + 120_000);
    await writeFile(file, text.replace('Emmanuel Macron', 'Emmanuel Micron'));
    await utimes(file, time, time);
    expect((await ingestInto(dirs)).changed).toEqual(['000_204cd760b12bbebc']);

    // Rewritten with its old size and time put back (as rsync -a or a careful editor may): only a full ingest reads it.
    await writeFile(file, text);
    await utimes(file, time, time);
    expect((await ingestInto(dirs)).changed).toEqual([]);
    expect((await ingestInto(dirs, true)).changed).toEqual(['000_204cd760b12bbebc']);
  });

  it('reads again the files an older reading read, and embeds again only the articles it reads differently', async () => {
    const dirs = await scratchCorpus();
    await writeFile(path.join(dirs.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    const store = new VectraStore(dirs.indexDir);
    const [first, second, havre] = (await readCorpus(dirs.corpusDir)).documents as [ArticleDocument, ArticleDocument, ArticleDocument];
    const clutter = 'Partager sur Facebook Partager sur X Copier le lien';
    /** The document as a reading of version `reading` (none: before versions were recorded) left it, with `extra` paragraphs. */
    const readBy = (doc: ArticleDocument, reading: string | undefined, extra: string[] = []): ArticleDocument => ({
      ...doc,
      ...laidOut([...doc.paragraphs, ...extra.map((text) => ({ kind: 'paragraph' as const, text }))].map((p, index) => ({ number: index + 1, kind: p.kind, text: p.text }))),
      source: { size: doc.source!.size, modifiedMs: doc.source!.modifiedMs, ...(reading ? { reading } : {}) },
    });
    // The build an older ancre wrote: one article read by an older cleaner with a line of clutter left in, one before
    // versions were recorded, and one recorded as read by this version (with clutter too, to tell whether it is read again).
    const older = [readBy(first, '0.1', [clutter]), readBy(second, undefined), readBy(havre, readingVersion(havre.file), [clutter])];
    await ingest({ corpusDir: dirs.corpusDir, corpus: { documents: older, failures: [], notices: [] }, store, embedder: pipeline.embedder, fallback: null });

    const report = await ingest({ corpusDir: dirs.corpusDir, store, embedder: pipeline.embedder, fallback: null });
    expect(report).toMatchObject({ changed: [first.id], unchanged: [second.id, havre.id], fullRebuild: null, paragraphsEmbedded: chunkDocument(first).length });
    const index = await store.open();
    expect([...index.documents.values()].map((doc) => doc.source?.reading)).toEqual([first, second, havre].map((doc) => readingVersion(doc.file)));
    const texts = (chunks: readonly { id: string; text: string }[]) => chunks.map((chunk) => `${chunk.id} ${chunk.text}`).sort();
    // The file read by this version was taken as the build holds it, not read again.
    expect(texts(index.chunks)).toEqual(texts([first, second, older[2]!].flatMap((doc) => chunkDocument(doc))));
    // Read with this version, the files are taken from the build again: nothing to do.
    const build = await store.currentBuild();
    expect((await ingest({ corpusDir: dirs.corpusDir, store, embedder: pipeline.embedder, fallback: null })).unchanged).toHaveLength(3);
    expect(await store.currentBuild()).toBe(build);
  });

  it('embeds nothing again for a file rewritten around the same article (a page whose markup or scripts changed)', async () => {
    const dirs = await scratchCorpus();
    const [headline, ...paragraphs] = HAVRE_ARTICLE.trim().split(/\n\n/);
    const page = (extra: string) =>
      `<html><head><title>${escapeMarkup(headline!)}</title>${extra}</head><body><article><h1>${escapeMarkup(headline!)}</h1>${paragraphs.map((p) => `<p class="${extra ? 'lead' : 'text'}">${escapeMarkup(p)}</p>`).join('')}</article></body></html>`;
    const file = path.join(dirs.corpusDir, 'havre.html');
    await writeFile(file, page(''));
    await ingestInto(dirs);
    const before = (await openIndex(dirs.indexDir)).documents.get('havre')!;
    await writeFile(file, page('<script>window.analytics = true;</script>'));
    const report = await ingestInto(dirs);
    expect(report).toMatchObject({ changed: [], paragraphsEmbedded: 0 });
    expect(report.unchanged).toContain('havre');
    // The build records the file as it now is, so that the next ingest need not read it again.
    const after = (await openIndex(dirs.indexDir)).documents.get('havre')!;
    expect(after.hash).not.toBe(before.hash);
    expect(after.source!.size).toBe((await stat(file)).size);
    expect(after.paragraphs).toEqual(before.paragraphs);
  });

  it('embeds only what was added, changed or removed, and answers from the new article at once', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    const run = (full = false) => ingestInto({ corpusDir, indexDir }, full);

    const first = await run();
    expect(first).toMatchObject({ documents: 2, paragraphs: 13, paragraphsEmbedded: 13, fullRebuild: 'no previous index' });

    await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    const added = await run();
    expect(added).toMatchObject({ added: ['havre'], changed: [], removed: [], paragraphsEmbedded: 3, fullRebuild: null });
    expect(added.unchanged).toEqual(['000_204cd760b12bbebc', '002_9a0fa612789b1bfe']);
    expect(added.paragraphs).toBe(16);
    const engine = await pipeline.at({ corpusDir, indexDir }).openEngine();
    const answer = await engine.ask(HAVRE_QUESTION, { topK: 5 });
    expect(answer.answerable).toBe(true);
    expect(answer.citations[0]).toMatchObject({ doc: 'havre', paragraph: 1 });
    expect(answer.citations[0]!.quote).toContain('quatorze tonnes');

    await appendFile(path.join(corpusDir, '000_204cd760b12bbebc.txt'), '\nLe ministre de l’Intérieur a annoncé la création de trois nouvelles brigades spécialisées dans les ports.');
    await rm(path.join(corpusDir, '002_9a0fa612789b1bfe.txt'));
    const changed = await run();
    expect(changed).toMatchObject({ changed: ['000_204cd760b12bbebc'], removed: ['002_9a0fa612789b1bfe'], unchanged: ['havre'], added: [] });
    expect(changed.paragraphsEmbedded).toBe(8);
    expect(changed.paragraphs).toBe(8 + 3);
    const index = await openIndex(indexDir);
    expect([...index.documents.keys()]).toEqual(['000_204cd760b12bbebc', 'havre']);
    expect(index.manifest.paragraphIds.havre).toEqual(['havre#1', 'havre#2', 'havre#3']);
    expect(index.manifest.paragraphIds['000_204cd760b12bbebc']).toHaveLength(8);
    expect(index.manifest.documents.find((d) => d.id === 'havre')!.hash).toMatch(/^[0-9a-f]{64}$/);
    const after = await pipeline.at({ corpusDir, indexDir }).openEngine();
    const brigades = await after.ask('Combien de brigades spécialisées seront créées ?', { topK: 5 });
    expect(brigades.citations[0]?.quote).toContain('trois nouvelles brigades');

    const full = await run(true);
    expect(full).toMatchObject({ paragraphsEmbedded: 11, fullRebuild: 'asked for (--full)' });
  });

  it("keeps each build's paragraph and article stems equal to a fresh reading: kept ones copied, read again when a new article defines an acronym they spell out, written for a build that had none", async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    let stemmed = 0;
    let articlesRead = 0;
    const terms: ParagraphTerms = {
      ...PARAGRAPH_TERMS,
      stems: (text) => (stemmed++, PARAGRAPH_TERMS.stems(text)),
      article: (title, paragraphs) => (articlesRead++, PARAGRAPH_TERMS.article(title, paragraphs)),
    };
    const store = new VectraStore(indexDir, { terms });
    const run = async () => {
      const [before, articlesBefore] = [stemmed, articlesRead];
      const report = await ingest({ corpusDir, store, embedder: pipeline.embedder, fallback: null });
      return { report, stemmed: stemmed - before, articlesRead: articlesRead - articlesBefore };
    };
    /** The current build's stems as kept, and its paragraphs read from scratch. */
    const stems = async () => {
      const index = await store.open();
      const texts = index.chunks.map((chunk) => chunk.text);
      const context = PARAGRAPH_TERMS.context(texts);
      const fresh = texts.map((text) => PARAGRAPH_TERMS.stems(PARAGRAPH_TERMS.expanded(text, context)));
      const stored = index.paragraphTerms;
      // Each article's stems as kept, and as the ranking features read them from its paragraphs.
      const articles = stored?.articles.documents.map((doc, a) => ({ doc, kept: new Set(stemsOfArticle(stored, a)), fresh: articleStems(index.chunks.filter((c) => c.doc === doc)) }));
      expect(articles?.map((a) => a.doc).sort()).toEqual(stored ? [...index.documents.keys()].sort() : undefined);
      for (const article of articles ?? []) expect(article.kept).toEqual(article.fresh);
      return { index, texts, context, kept: stored ? [...stemRows(stored)] : null, fresh };
    };

    expect(await run()).toMatchObject({ stemmed: 13, articlesRead: 2 });
    const first = await stems();
    expect(first.kept).toEqual(first.fresh);
    expect(first.index.paragraphTerms!.context).toEqual(first.context);

    // A seed paragraph spells out "Parquet national financier"; an article now defines its acronym: that paragraph is read again, with it.
    await writeFile(path.join(corpusDir, 'pnf.txt'), 'Le PNF en bref\n\nLe Parquet national financier (PNF) poursuit la fraude fiscale et la corruption.\n');
    const added = await run();
    const second = await stems();
    expect(second.kept).toEqual(second.fresh);
    const readAgain = first.texts.filter((text) => PARAGRAPH_TERMS.expanded(text, first.context) !== PARAGRAPH_TERMS.expanded(text, second.context));
    expect(readAgain.length).toBeGreaterThan(0);
    const newParagraphs = second.texts.length - first.texts.length;
    expect(added.stemmed).toBe(newParagraphs + readAgain.length);
    // The seed articles did not change: their stems are kept; the new one's are read.
    expect(added.articlesRead).toBe(1);
    expect(second.kept!.flat()).toContain('pnf');

    // A build that keeps no stems (an older ancre's, or a file lost) is answered from its texts, and written again by the next ingest, embedding nothing.
    const current = await store.currentBuild();
    await rm(path.join(indexDir, current!, 'terms.json'));
    expect((await store.readPrevious())!.stale).toMatch(/no paragraph stems/);
    expect((await store.open()).paragraphTerms).toBeUndefined();
    const rewritten = await run();
    expect(rewritten.report.paragraphsEmbedded).toBe(0);
    expect(rewritten.report.rewritten).toMatch(/no paragraph stems/);
    expect(describeIngest(rewritten.report)).toMatch(/written again: it keeps no paragraph stems/);
    expect((await run()).report.rewritten).toBeNull();
    expect(await store.currentBuild()).not.toBe(current);
    const third = await stems();
    expect(third.kept).toEqual(third.fresh);

    // Ids cut short are not read: the texts are.
    const ids = path.join(indexDir, (await store.currentBuild())!, 'terms.u32');
    await writeFile(ids, (await readFile(ids)).subarray(0, 40));
    expect((await store.open()).paragraphTerms).toBeUndefined();
    expect((await store.readPrevious())!.stale).toMatch(/no paragraph stems/);
    const engine = await pipeline.at({ corpusDir, indexDir }).openEngine();
    expect((await engine.ask('Que poursuit le Parquet national financier ?', { topK: 5 })).citations[0]?.doc).toBe('pnf');
  });

  it('removes a build that fails midway at once and keeps serving the current one: a manifest past what could be read back', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const current = await readFile(path.join(indexDir, 'CURRENT'), 'utf8');
    await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    const { embedder } = await loadEmbedder(fixtureConfig(), async () => [], () => {});
    const store = new VectraStore(indexDir, { manifestChars: 2_000 });
    await expect(ingest({ corpusDir, store, embedder, fallback: null })).rejects.toThrow(/would pass 2000 characters, .*PostgreSQL/);
    expect(await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).toBe(current);
    expect((await readdir(indexDir)).filter((name) => name.startsWith('build-'))).toEqual([current.trim()]);
    expect([...(await openIndex(indexDir)).documents.keys()].sort()).toEqual(['000_204cd760b12bbebc', '002_9a0fa612789b1bfe']);
  });

  it('rebuilds everything when the model changed', async () => {
    const { corpusDir, indexDir, root } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const other = await loadEmbedder({ ...fixtureConfig(), offlineModelDir: path.join(root, 'other-model') }, async () => ['Un autre texte.'], () => {});
    const report = await ingest({ corpusDir, store: new VectraStore(indexDir), embedder: other.embedder, fallback: null });
    expect(report.fullRebuild).toMatch(/model changed/);
    expect(report.paragraphsEmbedded).toBe(13);
  });

  it('keeps the previous version of an article that is briefly unreadable or empty, and says so', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const file = path.join(corpusDir, '002_9a0fa612789b1bfe.txt');
    const text = await readFile(file);
    await writeFile(file, '');
    const report = await ingestInto({ corpusDir, indexDir });
    expect(report.failures).toEqual([{ file: '002_9a0fa612789b1bfe.txt', reason: 'empty file; its previous version is kept' }]);
    expect(report).toMatchObject({ removed: [], paragraphsEmbedded: 0, documents: 2, paragraphs: 13 });
    const answer = await (await pipeline.at({ corpusDir, indexDir }).openEngine()).ask("Combien de services l'EMCO regroupe-t-il ?", { topK: 5 });
    expect(answer.citations[0]?.doc).toBe('002_9a0fa612789b1bfe');
    // Even when everything is embedded again, from its cleaned text.
    expect(await ingestInto({ corpusDir, indexDir }, true)).toMatchObject({ documents: 2, paragraphs: 13, paragraphsEmbedded: 13 });
    await writeFile(file, text);
    expect((await ingestInto({ corpusDir, indexDir })).failures).toEqual([]);
  });

  it('rebuilds an index an older ancre wrote when a command that builds a missing index starts, and refuses it otherwise', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const manifestFile = path.join(indexDir, (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim(), 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, format: INDEX_FORMAT - 1 }));
    const settings = { ...fixtureConfig(), corpusDir, indexDir };
    await expect(startRuntime(settings, () => {}, { buildIfMissing: false })).rejects.toThrow(IndexOutdatedError);
    const lines: string[] = [];
    const { engine, ingest: report, pipeline: started } = await startRuntime(settings, (line) => lines.push(line), { buildIfMissing: true });
    try {
      expect(lines.join('\n')).toMatch(new RegExp(`has format ${INDEX_FORMAT - 1}, expected ${INDEX_FORMAT}; rebuilding it`));
      expect(report).toMatchObject({ fullRebuild: 'the index format changed', paragraphsEmbedded: 13 });
      expect((await engine.ask(HAVRE_QUESTION.replace('au Havre', ''), { topK: 5 })).passages).toHaveLength(5);
    } finally {
      await started.close();
    }
  });

  it('rebuilds an offline model an older ancre built before loading it, and an index made with another build of it before answering from it', { timeout: 90_000 }, async () => {
    const dirs = await scratchCorpus();
    const settings = { ...fixtureConfig(), ...dirs, offlineModelDir: path.join(dirs.root, 'models') };
    const first = await Pipeline.create(settings, () => {});
    await first.ingest();
    expect(first.wordFrequencies?.paragraphs).toBe(13);
    await first.close();
    // As the previous version left it: an older version number, and none of the whole words' counts.
    const modelDir = path.join(settings.offlineModelDir, OFFLINE_MODEL_ID);
    const olderModel = async () => {
      const config = JSON.parse(await readFile(path.join(modelDir, 'config.json'), 'utf8'));
      config.ancre.version = OFFLINE_MODEL_VERSION - 1;
      await writeFile(path.join(modelDir, 'config.json'), JSON.stringify(config));
      await rm(path.join(modelDir, WORD_FREQUENCIES_FILE));
    };
    await olderModel();
    const lines: string[] = [];
    const same = await startRuntime(settings, (line) => lines.push(line), { buildIfMissing: false });
    try {
      expect(lines.join('\n')).toMatch(/rebuilding the offline model "ancre-offline" in .*: an older ancre built it/);
      expect(existsSync(path.join(modelDir, WORD_FREQUENCIES_FILE))).toBe(true);
      expect(same.pipeline.wordFrequencies?.paragraphs).toBe(13);
      // The same articles make the same model again: the index stands, nothing to embed again.
      expect((await same.engine.ask("Combien de services l'EMCO regroupe-t-il ?", { topK: 5 })).answer).toMatch(/douze services/);
      expect((await same.pipeline.ingest()).paragraphsEmbedded).toBe(0);
    } finally {
      await same.pipeline.close();
    }
    // An article added since the index was made: the model rebuilt is another build, and the index must follow it.
    await writeFile(path.join(dirs.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    await olderModel();
    await expect(startRuntime(settings, () => {}, { buildIfMissing: false })).rejects.toThrow(/made with another build of the offline model/);
    lines.length = 0;
    const { engine, ingest: report, pipeline: started } = await startRuntime(settings, (line) => lines.push(line), { buildIfMissing: true });
    try {
      expect(lines.join('\n')).toMatch(/another build of the offline model .*; rebuilding it/);
      expect(report).toMatchObject({ fullRebuild: expect.stringMatching(/model changed/) });
      expect(started.wordFrequencies?.paragraphs).toBeGreaterThan(13);
      expect((await engine.ask(HAVRE_QUESTION, { topK: 5 })).answerable).toBe(true);
    } finally {
      await started.close();
    }
  });

  it('says the previous index could not be read, and rebuilds it whole, when it is corrupt', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const build = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
    await writeFile(path.join(indexDir, build, 'manifest.json'), '{"format": 3, "documents": [');
    const report = await ingestInto({ corpusDir, indexDir });
    expect(report.fullRebuild).toMatch(/^the previous index could not be read \(/);
    expect(report.paragraphsEmbedded).toBe(13);
    expect((await openIndex(indexDir)).chunks).toHaveLength(13);
  });

  const piaf = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'piaf', 'corpus');
  it.runIf(existsSync(piaf))('rebuilds the offline model when the corpus moves past it: grown or built whole, the same model and answers', { timeout: 180_000 }, async () => {
    const grown = await scratchCorpus();
    const lines: string[] = [];
    // On a worker thread, as the service runs it: the rebuilt model is loaded on that same worker.
    const growing = await Pipeline.create({ ...fixtureConfig(), ...grown, offlineModelDir: path.join(grown.root, 'models'), threaded: true }, (line) => lines.push(line));
    await growing.ingest();
    const articles = (await readdir(piaf)).sort().slice(0, 40);
    for (const name of articles) await cp(path.join(piaf, name), path.join(grown.corpusDir, name));
    const report = await growing.ingest();
    expect(lines.join('\n')).toMatch(/rebuilding the offline model "ancre-offline": \d+ % of the corpus's stems are unknown to it/);
    expect(report.fullRebuild).toMatch(/model changed/);

    const whole = await scratchCorpus();
    for (const name of articles) await cp(path.join(piaf, name), path.join(whole.corpusDir, name));
    const fromScratch = await Pipeline.create({ ...fixtureConfig(), ...whole, offlineModelDir: path.join(whole.root, 'models') }, () => {});
    await fromScratch.ingest();
    expect(growing.embedder.model.fingerprint).toBe(fromScratch.embedder.model.fingerprint);
    const [a, b] = [await growing.openEngine(), await fromScratch.openEngine()];
    for (const question of ['Quel est l’autre nom de la Transnistrie ?', "Combien de services l'EMCO regroupe-t-il ?"]) {
      expect((await a.ask(question, { topK: 5 })).answer).toBe((await b.ask(question, { topK: 5 })).answer);
    }
    // Once rebuilt, the model fits: the next ingest keeps it and embeds nothing.
    lines.length = 0;
    expect((await growing.ingest()).paragraphsEmbedded).toBe(0);
    expect(lines.join('\n')).not.toMatch(/rebuilding/);
    // The model it replaced is freed; the rebuilt one answers on.
    await growing.releaseRetired();
    const again = await growing.openEngine();
    expect((await again.ask('Quel est l’autre nom de la Transnistrie ?', { topK: 5 })).answer).toBe((await b.ask('Quel est l’autre nom de la Transnistrie ?', { topK: 5 })).answer);
    await growing.close();
  });

  it('reads Markdown, HTML, older encodings and folders within, reports unreadable files by name without losing the others, and notes files it does not read', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await writeFile(
      path.join(corpusDir, 'brigade.md'),
      '# Une brigade fluviale contre le trafic\n\nLa **brigade fluviale** de Lyon a intercepté une péniche chargée de résine de cannabis sur la Saône, selon la préfecture.\n\n## Une enquête ouverte\n\nUne [information judiciaire](https://example.org) a été ouverte pour trafic de stupéfiants en bande organisée.\n',
    );
    await writeFile(
      path.join(corpusDir, 'gendarmes.html'),
      `<!doctype html><html><head><title>Des gendarmes à cheval | Le Quotidien</title></head><body>
       <nav><a href="/">Accueil</a> › <a href="/justice">Justice</a></nav>
       <article><h1>Des gendarmes à cheval contre les points de deal</h1>
       <p class="byline">Par Jeanne Martin</p>
       <p>Une brigade équestre de la gendarmerie patrouille désormais dans les quartiers nord de Nîmes pour décourager les guetteurs des points de deal, a indiqué le commandant du groupement.</p>
       <h2>Un dispositif expérimental</h2>
       <p>L’expérimentation doit durer six mois avant une éventuelle généralisation à d’autres villes du Gard et de l’Hérault.</p>
       </article><footer><p>Inscrivez-vous à notre newsletter</p></footer></body></html>`,
    );
    await writeFile(path.join(corpusDir, 'empty.txt'), '');
    await writeFile(path.join(corpusDir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    // Older encodings are read, and said to be: Latin-1 as Windows-1252, UTF-16 by its byte-order mark, a page by its <meta charset>.
    await writeFile(path.join(corpusDir, 'latin1.txt'), Buffer.from('Une d\xe9p\xeache de l\x27AFP en Latin-1.', 'latin1'));
    await writeFile(path.join(corpusDir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Une dépêche enregistrée en UTF-16 par le Bloc-notes.', 'utf16le')]));
    await writeFile(
      path.join(corpusDir, 'latin.html'),
      Buffer.from('<html><head><meta charset="iso-8859-15"><title>Saisie</title></head><body><article><h1>Saisie au port</h1><p>Les douaniers ont saisi trois tonnes de r\xe9sine, pour deux millions d\x27\xa4.</p></article></body></html>', 'latin1'),
    );
    await mkdir(path.join(corpusDir, 'folder.txt'));
    await writeFile(path.join(corpusDir, 'notes.pages'), 'not an article format');
    // Folders within are read, their names in the ids; hidden ones are not.
    await mkdir(path.join(corpusDir, '2025', 'mai'), { recursive: true });
    await writeFile(path.join(corpusDir, '2025', 'mai', 'saisie.txt'), 'Les douaniers du Havre ont saisi deux tonnes de cocaïne dans un conteneur de bananes.');
    await mkdir(path.join(corpusDir, '.git'));
    await writeFile(path.join(corpusDir, '.git', 'HEAD.txt'), 'ref: refs/heads/main');

    const report = await ingestInto({ corpusDir, indexDir });
    expect(report.failures).toEqual([
      { file: 'binary.txt', reason: 'binary file (contains NUL bytes)' },
      { file: 'empty.txt', reason: 'empty file' },
    ]);
    expect(report.notices).toEqual([
      { file: 'latin.html', kind: 'encoding', message: 'read as iso-8859-15: not UTF-8' },
      { file: 'latin1.txt', kind: 'encoding', message: 'read as windows-1252: not UTF-8' },
      { file: 'notes.pages', kind: 'unsupported', message: 'not read: ancre reads .txt, .md, .markdown, .html, .htm, .mhtml, .mht, .eml, .pdf, .docx, .doc, .odt, .fodt, .rtf files' },
      { file: 'utf16.txt', kind: 'encoding', message: 'read as UTF-16LE: not UTF-8' },
    ]);
    expect(report.added.sort()).toEqual(['000_204cd760b12bbebc', '002_9a0fa612789b1bfe', '2025-mai-saisie', 'brigade', 'gendarmes', 'latin', 'latin1', 'utf16']);
    const index = await openIndex(indexDir);
    expect(index.documents.get('2025-mai-saisie')!.file).toBe(path.join('2025', 'mai', 'saisie.txt'));
    expect(index.documents.get('latin1')!.text).toContain('Une dépêche de l');
    expect(index.documents.get('utf16')!.text).toContain('Une dépêche enregistrée en UTF-16');
    // ¤ at 0xA4 is the euro sign in ISO-8859-15 (and the currency sign in Latin-1): the page's own charset was used.
    expect(index.documents.get('latin')!.text).toMatch(/trois tonnes de résine, pour deux millions d.€/);
    const md = index.documents.get('brigade')!;
    expect(md.title).toBe('Une brigade fluviale contre le trafic');
    expect(md.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['paragraph', 'La brigade fluviale de Lyon a intercepté une péniche chargée de résine de cannabis sur la Saône, selon la préfecture.'],
      ['heading', 'Une enquête ouverte'],
      ['paragraph', 'Une information judiciaire a été ouverte pour trafic de stupéfiants en bande organisée.'],
    ]);
    const html = index.documents.get('gendarmes')!;
    expect(html.title).toBe('Des gendarmes à cheval contre les points de deal');
    expect(html.paragraphs.map((p) => p.kind)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(html.paragraphs[0]!.text).toMatch(/^Une brigade équestre de la gendarmerie/);
  });

  it('shows a paragraph retrieved in parts once, and quotes a text without sentence punctuation in pieces, from paragraphs of readable length', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    const sentences = Array.from({ length: 40 }, (_, i) => `Au port du Havre, la brigade des douanes a saisi le lot numéro ${i + 1} de cocaïne cachée dans des conteneurs de bananes.`);
    await writeFile(path.join(corpusDir, 'havre-long.txt'), `Saisies au Havre\n\n${sentences.join(' ')}\n`);
    const runOn = Array.from({ length: 5000 }, (_, i) => ['péniche', 'fluviale', 'résine', 'Saône'][i % 4]).join(' ');
    await writeFile(path.join(corpusDir, 'releve.txt'), `Relevé de la brigade fluviale\n\n${runOn}\n`);
    await ingestInto({ corpusDir, indexDir });
    const engine = await pipeline.at({ corpusDir, indexDir }).openEngine();

    const havre = await engine.ask('Quel lot de cocaïne la brigade des douanes a-t-elle saisi au port du Havre ?', { topK: 5 });
    const shown = havre.passages.map((p) => `${p.doc}#${p.paragraph}`);
    expect(new Set(shown).size).toBe(shown.length);
    // topK counts paragraphs, not the long one's parts.
    expect(shown).toHaveLength(5);
    expect(shown[0]).toBe('havre-long#1');
    expect(havre.passages[0]!.text.length).toBeGreaterThan(1500);

    const fluviale = await engine.ask('Où la péniche de la brigade fluviale transportait-elle de la résine sur la Saône ?', { topK: 5 });
    expect(fluviale.citations.length).toBeGreaterThan(0);
    for (const citation of fluviale.citations.filter((c) => c.doc === 'releve')) {
      expect(citation.quote.length).toBeLessThanOrEqual(1000);
      expect(citation.text.length).toBeLessThanOrEqual(1500);
      expect(citation.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
  });

  it('exits non-zero from the command line when a file was skipped, and says which', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await writeFile(path.join(corpusDir, 'empty.txt'), '');
    const { code, stdout, stderr } = await runIngest({ ANCRE_CORPUS_DIR: corpusDir, ANCRE_INDEX_DIR: indexDir });
    expect(code).toBe(1);
    expect(stdout).toContain('skipped empty.txt: empty file');
    expect(stdout).toMatch(/indexed 2 documents, 13 paragraphs/);
    expect(stderr).toMatch(/embedding 13\/13 paragraphs/);
  });
});

function runIngest(env: Record<string, string>, onStderr?: (chunk: string, kill: () => void) => void) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/ancre.mjs'), 'ingest'], {
      env: { ...process.env, ANCRE_MODEL: 'ancre-offline', ANCRE_OFFLINE_MODEL_DIR: fixtureConfig().offlineModelDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      onStderr?.(chunk.toString(), () => child.kill('SIGKILL'));
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('the write lock', () => {
  it('is taken over when its pid now belongs to another process, and holds against a live writer, saying how to clear it', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const lock = path.join(indexDir, 'LOCK');
    // An old-form lock naming pid 1, written long before pid 1 started: pid 1 cannot be its writer.
    await writeFile(lock, '1');
    await utimes(lock, new Date('2000-01-01'), new Date('2000-01-01'));
    // Full ingests: one with nothing to change would not write, nor take the lock.
    expect((await ingestInto({ corpusDir, indexDir }, true)).documents).toBe(2);
    // A lock naming pid 1 with another start time: the pid was reused.
    await writeFile(lock, JSON.stringify({ pid: 1, host: hostname(), processStart: 0 }));
    expect((await ingestInto({ corpusDir, indexDir }, true)).documents).toBe(2);
    expect(existsSync(lock)).toBe(false);

    const writer = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writeFile(lock, JSON.stringify({ pid: writer.pid, host: hostname(), processStart: processStart(writer.pid!) }));
      await expect(ingestInto({ corpusDir, indexDir }, true)).rejects.toThrow(new RegExp(`another ingest \\(pid ${writer.pid}\\) is writing .*delete .*LOCK`));
    } finally {
      writer.kill();
      await rm(lock, { force: true });
    }
  });
});

describe('atomic rebuilds', () => {
  it('keeps the previous index whole when an ingest is killed midway, and the next ingest recovers', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const before = await readFile(path.join(indexDir, 'CURRENT'), 'utf8');
    await addSyntheticArticles(corpusDir, 200, 10);

    const killed = await runIngest({ ANCRE_CORPUS_DIR: corpusDir, ANCRE_INDEX_DIR: indexDir }, (chunk, kill) => {
      if (/embedding \d+\/2000 paragraphs/.test(chunk)) kill();
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).toBe(before);
    const engine = await pipeline.at({ corpusDir, indexDir }).openEngine();
    expect(engine.summary().documents).toBe(2);
    expect((await engine.ask("Combien de services l'EMCO regroupe-t-il ?", { topK: 5 })).answerable).toBe(true);

    const recovered = await ingestInto({ corpusDir, indexDir });
    expect(recovered).toMatchObject({ documents: 202, paragraphsEmbedded: 2000 });
    const builds = (await readdir(indexDir)).filter((name) => name.startsWith('build-'));
    expect(builds).toHaveLength(1);
    expect(existsSync(path.join(indexDir, 'LOCK'))).toBe(false);
  });
});

describe('POST /admin/reindex', () => {
  let server: RunningServer;
  let scratch: Awaited<ReturnType<typeof indexedScratchCorpus>>;
  const TOKEN = 'test-admin-token-0123456789';

  beforeAll(async () => {
    scratch = await indexedScratchCorpus(pipeline);
    const reindexer = scratchReindexer(scratch.pipeline, (engine) => {
      server.state.engine = engine;
    });
    const engine = scratch.engine;
    server = await startServer({ engine, fallback: null, defaultTopK: 5, adminToken: TOKEN, reindexer }, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server?.close());

  const reindex = (token = TOKEN) => fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const ask = (question: string) =>
    fetch(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });

  it('refuses a missing or wrong token', async () => {
    expect((await fetch(`${server.url}/admin/reindex`, { method: 'POST' })).status).toBe(401);
    const wrong = await reindex('not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 409 while another process holds the index', async () => {
    const writer = spawn('sleep', ['30']);
    const lock = path.join(scratch.indexDir, 'LOCK');
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writeFile(lock, JSON.stringify({ pid: writer.pid, host: hostname(), processStart: processStart(writer.pid!) }));
      // A change to write: with nothing to change, a re-index writes nothing and needs no lock.
      await writeFile(path.join(scratch.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
      const response = await reindex();
      expect(response.status).toBe(409);
      expect((await response.json()).error.code).toBe('reindex_in_progress');
    } finally {
      writer.kill();
      await rm(lock, { force: true });
      await rm(path.join(scratch.corpusDir, 'havre.txt'), { force: true });
    }
  });

  it('answers every question asked during a rebuild, refuses a second rebuild, then answers from the new articles', async () => {
    await writeFile(path.join(scratch.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    await addSyntheticArticles(scratch.corpusDir, 150, 10);
    const rebuilding = reindex();
    // Give the rebuild a moment to start, then ask for a second one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await reindex();
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe('reindex_in_progress');

    let done = false;
    const statuses: number[] = [];
    const asking = (async () => {
      while (!done) {
        const batch = await Promise.all(Array.from({ length: 4 }, () => ask("Combien de services l'EMCO regroupe-t-il ?")));
        statuses.push(...batch.map((r) => r.status));
      }
    })();
    const response = await rebuilding;
    done = true;
    await asking;
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.report).toMatchObject({ added: expect.arrayContaining(['havre']), paragraphsEmbedded: 1503 });
    expect(statuses.length).toBeGreaterThan(8);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const answer = await (await ask(HAVRE_QUESTION)).json();
    expect(answer.citations[0].doc).toBe('havre');
  });
});

describe('without an admin token', () => {
  it('has no /admin/reindex route at all', async () => {
    const engine = await pipeline.openEngine();
    const server = await startServer({ engine, fallback: null, defaultTopK: 5 }, { port: 0, host: '127.0.0.1' });
    try {
      const response = await fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: { authorization: 'Bearer anything-at-all-here' } });
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('watch mode, folder replaced', () => {
  it('watches the corpus folder again once it is deleted and created anew, and re-indexes it', async () => {
    const scratch = await indexedScratchCorpus(pipeline);
    const { corpusDir } = scratch;
    const saved = path.join(scratch.root, 'saved');
    await cp(corpusDir, saved, { recursive: true });
    let engine = scratch.engine;
    const lines: string[] = [];
    const reindexer = scratchReindexer(scratch.pipeline, (next) => (engine = next));
    const watcher = watchCorpus(reindexer, corpusDir, (line) => lines.push(line));
    try {
      await rm(corpusDir, { recursive: true, force: true });
      await expect.poll(() => lines.join('\n'), { timeout: 10_000 }).toContain('is gone; watching for it to come back');
      await cp(saved, corpusDir, { recursive: true });
      await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
      await expect.poll(() => lines.join('\n'), { timeout: 20_000 }).toContain('corpus changed: 1 added');
      expect(lines.join('\n')).toContain('is back; re-indexing it');
      expect((await engine.ask(HAVRE_QUESTION, { topK: 5 })).citations[0]?.doc).toBe('havre');
    } finally {
      watcher.close();
    }
  });
});

describe('watch mode', () => {
  it('re-indexes an article dropped in a new folder within the corpus folder', async () => {
    const scratch = await indexedScratchCorpus(pipeline);
    const { corpusDir } = scratch;
    let engine = scratch.engine;
    const lines: string[] = [];
    const reindexer = scratchReindexer(scratch.pipeline, (next) => (engine = next));
    const watcher = watchCorpus(reindexer, corpusDir, (line) => lines.push(line));
    try {
      await mkdir(path.join(corpusDir, 'normandie'));
      await writeFile(path.join(corpusDir, 'normandie', 'havre.txt'), HAVRE_ARTICLE);
      await expect.poll(() => lines.join('\n'), { timeout: 20_000 }).toContain('1 added');
      await expect.poll(async () => (await engine.ask(HAVRE_QUESTION, { topK: 5 })).citations[0]?.doc, { timeout: 10_000 }).toBe('normandie-havre');
    } finally {
      watcher.close();
    }
  });

  it('re-indexes after files in the corpus folder change, and the service answers from them', async () => {
    const scratch = await indexedScratchCorpus(pipeline);
    const { corpusDir } = scratch;
    let engine = scratch.engine;
    const lines: string[] = [];
    let swapped!: () => void;
    const swap = new Promise<void>((resolve) => (swapped = resolve));
    const reindexer = scratchReindexer(scratch.pipeline, (next) => {
      engine = next;
      swapped();
    });
    const watcher = watchCorpus(reindexer, corpusDir, (line) => lines.push(line));
    try {
      await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
      await swap;
      await expect.poll(() => lines.join('\n')).toContain('corpus changed: 1 added, 0 changed, 0 removed');
      const answer = await engine.ask(HAVRE_QUESTION, { topK: 5 });
      expect(answer.citations[0]?.doc).toBe('havre');
    } finally {
      watcher.close();
    }
  });
});

describe('a service beside an ingest', () => {
  it('answers from the build an ingest in another process makes current, without a restart', async () => {
    const service = await scratchServeProcess({ ANCRE_BUILD_CHECK_MS: '200' });
    try {
      const build = async () => ((await (await fetch(`${service.url}/health`)).json()) as { store: { kind: string; build: string } }).store;
      const before = await build();
      expect(before.kind).toBe('folder');
      await writeFile(path.join(service.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
      await ingestInto({ corpusDir: service.corpusDir, indexDir: path.join(path.dirname(service.corpusDir), 'index') });
      for (const started = Date.now(); (await build()).build === before.build; await new Promise((resolve) => setTimeout(resolve, 100))) {
        if (Date.now() - started > 10_000) throw new Error('the service never answered from the new build');
      }
      const response = await fetch(`${service.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: HAVRE_QUESTION }) });
      const body = (await response.json()) as { answerable: boolean; answer: string };
      expect(body.answerable).toBe(true);
      expect(body.answer).toContain('quatorze tonnes');
    } finally {
      await service.stop();
    }
  });
});

describe('an ingest with nothing to change', () => {
  it('writes no new build, so that services following the current one do not reload it', async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    await ingestInto({ corpusDir, indexDir });
    const store = new VectraStore(indexDir);
    const before = await store.currentBuild();
    const report = await ingestInto({ corpusDir, indexDir });
    expect(report).toMatchObject({ documents: 2, unchanged: expect.any(Array), paragraphsEmbedded: 0, fullRebuild: null });
    expect(await store.currentBuild()).toBe(before);
    await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    await ingestInto({ corpusDir, indexDir });
    expect(await store.currentBuild()).not.toBe(before);
  });

  it("reads the build's manifest, not its items: a damaged paragraphs' file is left to --full, or read whole, then rebuilt, once an article changes; a lost file is told at once", async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    const first = await ingestInto({ corpusDir, indexDir });
    const buildFile = async (name: string) => path.join(indexDir, (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim(), name);
    await writeFile(await buildFile('index.json'), '{"version": 1, "items": [');
    const nothing = await ingestInto({ corpusDir, indexDir });
    expect(nothing).toMatchObject({ paragraphs: first.paragraphs, sentences: first.sentences, paragraphsEmbedded: 0, fullRebuild: null, rewritten: null });
    await expect(openIndex(indexDir)).rejects.toThrow(/cannot be read .*rebuild it with "npm run ingest -- --full"/);
    await writeFile(path.join(corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    const grown = await ingestInto({ corpusDir, indexDir });
    expect(grown.fullRebuild).toMatch(/^the previous index could not be read \(/);
    expect(grown.paragraphsEmbedded).toBe(grown.paragraphs);
    expect((await openIndex(indexDir)).chunks).toHaveLength(grown.paragraphs);
    // A file lost, or a sentence matrix cut short, is seen without reading the build: it is rebuilt whole at once.
    for (const damage of [async () => rm(await buildFile('index.json')), async () => rm(await buildFile('sentences.json')), async () => writeFile(await buildFile('sentences.f32'), new Uint8Array(8))]) {
      await damage();
      const rebuilt = await ingestInto({ corpusDir, indexDir });
      expect(rebuilt.fullRebuild).toMatch(/^the previous index could not be read \(.*(is missing|holds 8 bytes for \d+ sentences)/);
      expect(rebuilt.paragraphsEmbedded).toBe(grown.paragraphs);
      expect((await openIndex(indexDir)).chunks).toHaveLength(grown.paragraphs);
    }
  });

  it("writes an older ancre's build again once, counting its sentences, so that the next ingest need not read it whole", async () => {
    const { corpusDir, indexDir } = await scratchCorpus();
    const first = await ingestInto({ corpusDir, indexDir });
    const current = async () => (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
    const manifestFile = path.join(indexDir, await current(), 'manifest.json');
    const { sentences, ...older } = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    expect(sentences).toBe(first.sentences);
    await writeFile(manifestFile, JSON.stringify(older));
    const rewritten = await ingestInto({ corpusDir, indexDir });
    expect(rewritten).toMatchObject({ rewritten: 'it does not count its sentences', paragraphsEmbedded: 0, sentences: first.sentences, fullRebuild: null });
    const build = await current();
    expect(await ingestInto({ corpusDir, indexDir })).toMatchObject({ rewritten: null, sentences: first.sentences, paragraphs: first.paragraphs });
    expect(await current()).toBe(build);
  });

  it("keeps the previous build's vector lists for the paragraphs it keeps, their rows known from reading it", async () => {
    const dirs = await scratchCorpus();
    const store = new VectraStore(dirs.indexDir, { lists: { ...DEFAULT_VECTOR_LISTS, minRows: 5 }, terms: PARAGRAPH_TERMS });
    const run = () => ingest({ corpusDir: dirs.corpusDir, store, embedder: pipeline.embedder, fallback: null });
    await run();
    const before = await store.open();
    await writeFile(path.join(dirs.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    expect((await run()).added).toEqual(['havre']);
    const after = await store.open();
    expect(after.chunks.length).toBeGreaterThan(before.chunks.length);
    // Centroids trained once and kept: a build that lost the previous lists would train them again on all its rows.
    expect(after.vectorLists!.trainedOn).toBe(before.chunks.length);
    expect(after.vectorLists!.centroids).toEqual(before.vectorLists!.centroids);
    const listOf = (index: typeof before, id: string) => index.vectorLists!.listOfRow[index.chunks.find((chunk) => chunk.id === id)!.row];
    for (const chunk of before.chunks) expect(listOf(after, chunk.id)).toBe(listOf(before, chunk.id));
  });

  it('writes a large build in parts that read as one, links the parts it keeps into the next build, and rebuilds it whole when a part is lost', async () => {
    const whole = await scratchCorpus();
    await ingestInto(whole);
    const dirs = await scratchCorpus();
    const store = new VectraStore(dirs.indexDir, { partChars: 20_000, terms: PARAGRAPH_TERMS });
    const run = () => ingest({ corpusDir: dirs.corpusDir, store, embedder: pipeline.embedder, fallback: null });
    const first = await run();
    const buildDir = async () => path.join(dirs.indexDir, (await readFile(path.join(dirs.indexDir, 'CURRENT'), 'utf8')).trim());
    const parts = async () => (JSON.parse(await readFile(path.join(await buildDir(), 'index-parts.json'), 'utf8')) as [string, number][]).length;
    expect(await parts()).toBeGreaterThan(2);
    // Read by any store, the same paragraphs, vectors and stems as a build of one part.
    const [inParts, inOne] = await Promise.all([openIndex(dirs.indexDir), openIndex(whole.indexDir)]);
    expect(inParts.chunks.map(({ id, text }) => [id, text])).toEqual(inOne.chunks.map(({ id, text }) => [id, text]));
    expect(inParts.chunkVectors).toEqual(inOne.chunkVectors);
    expect((await store.open()).paragraphTerms).toBeDefined();

    // Parts made only of kept paragraphs are linked from the build before, not written again; the build reads as one written whole.
    const inodes = async () => {
      const dir = await buildDir();
      const listed = JSON.parse(await readFile(path.join(dir, 'index-parts.json'), 'utf8')) as [string, number][];
      return Promise.all(listed.map(async ([file]) => (await stat(path.join(dir, file))).ino));
    };
    const linkedFrom = async (before: number[]) => (await inodes()).filter((ino) => before.includes(ino)).length;
    const firstParts = await inodes();
    await writeFile(path.join(dirs.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    await writeFile(path.join(whole.corpusDir, 'havre.txt'), HAVRE_ARTICLE);
    const grown = await run();
    expect(grown).toMatchObject({ added: ['havre'], fullRebuild: null, paragraphsEmbedded: grown.paragraphs - first.paragraphs });
    expect(await linkedFrom(firstParts)).toBeGreaterThanOrEqual(firstParts.length - 1);
    await ingestInto(whole, true);
    const sameAsWhole = async () => {
      const [read, written] = await Promise.all([openIndex(dirs.indexDir), openIndex(whole.indexDir)]);
      const byId = new Map(written.chunks.map((chunk) => [chunk.id, chunk]));
      expect(read.chunks).toHaveLength(written.chunks.length);
      for (const chunk of read.chunks) {
        const other = byId.get(chunk.id)!;
        expect([chunk.doc, chunk.paragraph, chunk.text]).toEqual([other.doc, other.paragraph, other.text]);
        expect(read.chunkVectors.subarray(chunk.row * read.dimensions, (chunk.row + 1) * read.dimensions)).toEqual(written.chunkVectors.subarray(other.row * read.dimensions, (other.row + 1) * read.dimensions));
      }
    };
    await sameAsWhole();
    // An article taken out of the first parts: the parts after it that hold only kept paragraphs, in the same runs, are linked.
    const grownParts = await inodes();
    for (const dirsOf of [dirs, whole]) await rm(path.join(dirsOf.corpusDir, '000_204cd760b12bbebc.txt'));
    const shrunk = await run();
    expect(shrunk).toMatchObject({ removed: ['000_204cd760b12bbebc'], paragraphsEmbedded: 0 });
    expect(await linkedFrom(grownParts)).toBeGreaterThan(0);
    await ingestInto(whole, true);
    await sameAsWhole();

    await rm(path.join(await buildDir(), 'index-2.json'));
    const rebuilt = await run();
    expect(rebuilt.fullRebuild).toMatch(/^the previous index could not be read \(.*index-2\.json is missing/);
    expect(rebuilt.paragraphsEmbedded).toBe(shrunk.paragraphs);
    await sameAsWhole();
  });

  it("tells the offline model's check when the corpus is, file for file, the one the build indexed with the same model", async () => {
    const dirs = await scratchCorpus();
    await ingestInto(dirs);
    const previous = await new VectraStore(dirs.indexDir).readPrevious();
    const model = pipeline.embedder.model;
    const read = async () => readCorpus(dirs.corpusDir, reusableDocuments(previous));
    expect(corpusUnchangedSince(previous, await read(), model)).toBe(true);
    expect(corpusUnchangedSince(previous, await read(), { ...model, fingerprint: 'another build' })).toBe(false);
    expect(corpusUnchangedSince(null, await read(), model)).toBe(false);
    await utimes(path.join(dirs.corpusDir, '000_204cd760b12bbebc.txt'), new Date(), new Date(Date.now() + 60_000));
    expect(corpusUnchangedSince(previous, await read(), model)).toBe(false);
  });
});
