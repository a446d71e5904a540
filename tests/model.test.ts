import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AutoTokenizer, env, pipeline } from '@xenova/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../src/apps/config.ts';
import { ModelMismatchError } from '../src/contracts/errors.ts';
import { DEFAULT_OPTIONS } from '../src/pipeline/options.ts';
import { composeEngine } from '../src/pipeline/pipeline.ts';
import { loadEmbedder } from '../src/stages/2-embed/load.ts';
import { OFFLINE_MODEL_ID } from '../src/stages/2-embed/offline/profile.ts';
import { meanPieceCount, pieceWeight } from '../src/stages/2-embed/offline/vocabulary.ts';
import { hubDownloads, localFiles } from '../src/stages/2-embed/local-files.ts';
import { meanPoolNormalized } from '../src/stages/2-embed/pooling.ts';
import { loadThreadedEmbedder, startEmbedWorker } from '../src/stages/2-embed/threaded/threaded-embedder.ts';
import { corpusParagraphs } from '../src/pipeline/indexing.ts';
import { coalesced } from '../src/shared/coalesced.ts';
import { VectraStore } from '../src/stages/3-store/vectra/vectra-store.ts';
import { fixtureConfig } from './support/runtime.ts';
import { tempDir } from './support/temp.ts';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the offline model', () => {
  it('is laid out as a Transformers.js model', () => {
    const dir = path.join(fixtureConfig().offlineModelDir, OFFLINE_MODEL_ID);
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      expect(existsSync(path.join(dir, file))).toBe(true);
    }
  });

  it('tokenizes any word: inflections onto their stem, unknown words into pieces, never [UNK]', async () => {
    env.localModelPath = fixtureConfig().offlineModelDir + path.sep;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained(OFFLINE_MODEL_ID);
    // Without [CLS] and [SEP].
    const ids = (text: string) => tokenizer.encode(text).slice(1, -1);
    const unknownId = tokenizer.encode('[UNK]')[1];
    expect(ids('Réunions')).toEqual(ids('réunion'));
    expect(ids('Réunions')).toHaveLength(1);
    const unknown = ids('Zorglubesque');
    expect(unknown.length).toBeGreaterThan(1);
    expect(unknown).not.toContain(unknownId);
  });

  it('reads a word it does not know in pieces, never through a known word it starts with, and any stop word as nothing', async () => {
    env.localModelPath = fixtureConfig().offlineModelDir + path.sep;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained(OFFLINE_MODEL_ID);
    const ids = (text: string) => tokenizer.encode(text).slice(1, -1);
    // "pris" is a word of the seed articles; "prison" is not.
    const [pris] = ids('pris');
    expect(ids('pris')).toHaveLength(1);
    expect(ids('prison').length).toBeGreaterThan(1);
    expect(ids('prison')).not.toContain(pris);
    // A stop word weighs nothing even where no article and no word list has it alone (the "j" of "j'ai").
    expect(ids('j')).toEqual(ids('le'));
  });

  it('weighs a word read in pieces as a word no paragraph uses, whatever the pieces', () => {
    const pieces = new Set(['ab', '##c', '##cd', 'x', '##y']);
    // Greedy longest match: "abcd" → ab ##cd, "abc" → ab ##c, "xyy" → x ##y ##y; "q" has no piece and is left out.
    expect(meanPieceCount(['abcd', 'abc', 'xyy', 'q'], pieces)).toBeCloseTo(7 / 3, 10);
    // k random directions of length w sum to length w·√k.
    expect(pieceWeight(6, 4)).toBeCloseTo(3, 10);
    expect(pieceWeight(6, 0.5)).toBe(6);
  });

  it('embeds through the feature-extraction pipeline into unit vectors where shared words mean closeness', async () => {
    const config = fixtureConfig();
    const { embedder, fallback } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
    expect(fallback).toBeNull();
    expect(embedder.model).toMatchObject({ id: OFFLINE_MODEL_ID, offline: true, dimensions: 256 });
    const [question, answer, unrelated] = await embedder.embedPassages([
      'Combien de services regroupe l’état-major ?',
      'Cet état-major regroupe douze services différents.',
      'La recette de la tarte aux pommes demande du beurre.',
    ]);
    expect(Math.hypot(...question!)).toBeCloseTo(1, 5);
    expect(cosine(question!, answer!)).toBeGreaterThan(0.3);
    expect(cosine(question!, answer!)).toBeGreaterThan(cosine(question!, unrelated!) + 0.2);
  });
});

describe('late chunking', () => {
  it('embeds a paragraph and its sentences in one pass; the offline model, blind to context, gives each sentence its vector alone', async () => {
    const config = fixtureConfig();
    const { embedder } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
    const text = 'Basé à Nanterre, cet état-major regroupe douze services. Quinze opérateurs y travaillent. Leur mission : coordonner les enquêtes.';
    const spans = [
      { start: 0, end: text.indexOf(' Quinze') },
      { start: text.indexOf('Quinze'), end: text.indexOf(' Leur') },
      { start: text.indexOf('Leur'), end: text.length },
    ];
    const [paragraph, ...sentences] = await embedder.embedPassagesWithSpans([{ text, spans }]);
    const alone = await embedder.embedPassages([text, ...spans.map((span) => text.slice(span.start, span.end))]);
    expect(sentences).toHaveLength(3);
    expect(cosine(paragraph!, alone[0]!)).toBeCloseTo(1, 6);
    sentences.forEach((vector, i) => expect(cosine(vector!, alone[i + 1]!)).toBeCloseTo(1, 5));
  });
});

describe('a model folder on this machine', () => {
  it('hands Transformers.js each file of the folder, whole, and nothing else: other paths, missing files and hub URLs go its own way', async () => {
    const folder = await tempDir('local-files');
    scratch.push(folder);
    const onnx = path.join(folder, 'Owner', 'model', 'onnx', 'model_quantized.onnx');
    await mkdir(path.dirname(onnx), { recursive: true });
    // Large enough that Node gives the file its own memory, with bytes that would show a shifted or shortened read.
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7 + 3) % 251));
    await writeFile(onnx, bytes);
    await writeFile(path.join(folder, 'small.json'), '{"a":1}');
    const cache = localFiles(folder);
    const read = await cache.match(onnx);
    expect(read?.status).toBe(200);
    expect(Buffer.from(await read!.arrayBuffer()).equals(bytes)).toBe(true);
    expect(Buffer.from(await (await cache.match(path.join(folder, 'small.json')))!.arrayBuffer()).toString()).toBe('{"a":1}');
    expect(await cache.match(path.join(folder, 'Owner', 'model', 'missing.json'))).toBeUndefined();
    expect(await cache.match(path.join(folder, '..', path.basename(folder) + '-elsewhere', 'x.json'))).toBeUndefined();
    expect(await cache.match('https://huggingface.co/Owner/model/resolve/main/onnx/model_quantized.onnx')).toBeUndefined();
    expect(await cache.match('Owner/model/onnx/model_quantized.onnx')).toBeUndefined();
  });

  it('reads a file asked for ahead once, and hands that read to the first match of it', async () => {
    const folder = await tempDir('ahead-files');
    scratch.push(folder);
    const onnx = path.join(folder, 'Owner', 'model', 'onnx', 'model.onnx');
    await mkdir(path.dirname(onnx), { recursive: true });
    const first = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 253));
    await writeFile(onnx, first);
    for (const files of [localFiles(folder), hubDownloads(folder)]) {
      await writeFile(onnx, first);
      files.prefetch('Owner/model', 'onnx/model.onnx');
      // Nothing there: nothing read, and no error until someone asks.
      files.prefetch('Owner/model', 'onnx/missing.onnx');
      await new Promise((done) => setTimeout(done, 100));
      // The file changes after it was read ahead: the first match has the bytes read then, the next reads it again.
      await writeFile(onnx, 'changed');
      // A folder of models is asked by path, a hub's downloads by URL.
      const asKey = (await files.match(onnx)) ? onnx : 'https://huggingface.co/Owner/model/resolve/main/onnx/model.onnx';
      const match = (key: string) => files.match(key).then(async (read) => Buffer.from(await read!.arrayBuffer()));
      expect((await match(asKey)).equals(first)).toBe(true);
      expect((await match(asKey)).toString()).toBe('changed');
    }
  });

  it('keeps a hub\'s downloads where Transformers.js\'s own cache keeps them, under no other name', async () => {
    const folder = await tempDir('hub-files');
    scratch.push(folder);
    const cache = hubDownloads(folder);
    const bytes = (text: string) => ({ arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer });
    await cache.put('https://huggingface.co/Owner/model/resolve/main/onnx/model_quantized.onnx', bytes('network'));
    await cache.put('https://huggingface.co/Owner/model/resolve/v1.0/config.json', bytes('{"v":1}'));
    expect(await readFile(path.join(folder, 'Owner', 'model', 'onnx', 'model_quantized.onnx'), 'utf8')).toBe('network');
    expect(await readFile(path.join(folder, 'Owner', 'model', 'v1.0', 'config.json'), 'utf8')).toBe('{"v":1}');
    const read = await cache.match('https://huggingface.co/Owner/model/resolve/main/onnx/model_quantized.onnx');
    expect(Buffer.from(await read!.arrayBuffer()).toString()).toBe('network');
    expect(await cache.match('https://huggingface.co/Owner/model/resolve/main/tokenizer.json')).toBeUndefined();
    expect(await cache.match(path.join(folder, 'Owner', 'model', 'onnx', 'model_quantized.onnx'))).toBeUndefined();
    await cache.put('https://huggingface.co/Owner/model/resolve/main/../../../escaped.json', bytes('x'));
    expect(existsSync(path.join(folder, '..', 'escaped.json'))).toBe(false);
  });

  it('is what the model is read from: the offline model embeds the same through it as through Transformers.js alone', async () => {
    const config = fixtureConfig();
    const { embedder } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
    // loadEmbedder left Transformers.js reading through the folder's cache; now without it, from the same folder.
    expect(env.useCustomCache).toBe(true);
    env.useCustomCache = false;
    env.customCache = null;
    const extractor = await pipeline('feature-extraction', OFFLINE_MODEL_ID, { quantized: embedder.profile.quantized });
    const text = 'La brigade des stupéfiants de Nanterre';
    const inputs = extractor.tokenizer([text], { padding: true, truncation: true });
    const { last_hidden_state: hidden } = await extractor.model(inputs);
    const alone = meanPoolNormalized(hidden.data as Float32Array, hidden.dims as [number, number, number], inputs.attention_mask.data)[0]!;
    const [through] = await embedder.embedPassages([text]);
    expect(cosine(through!, alone)).toBeCloseTo(1, 6);
    expect(await readFile(path.join(config.offlineModelDir, OFFLINE_MODEL_ID, 'config.json'), 'utf8')).toContain('model_type');
  });
});

describe('pooling', () => {
  it('matches Transformers.js\' own mean pooling and normalisation', async () => {
    env.localModelPath = fixtureConfig().offlineModelDir + path.sep;
    env.allowRemoteModels = false;
    const extractor = await pipeline('feature-extraction', OFFLINE_MODEL_ID, { quantized: false });
    const texts = ['Un texte court.', 'Un texte nettement plus long, pour que le lot soit complété par du remplissage.'];
    const reference = (await extractor(texts, { pooling: 'mean', normalize: true })).tolist() as number[][];
    const inputs = extractor.tokenizer(texts, { padding: true, truncation: true });
    const { last_hidden_state: hidden } = await extractor.model(inputs);
    const ours = meanPoolNormalized(hidden.data as Float32Array, hidden.dims as [number, number, number], inputs.attention_mask.data);
    ours.forEach((vector, i) => vector.forEach((x, d) => expect(x).toBeCloseTo(reference[i]![d]!, 5)));
  });
});

describe('choosing the model', () => {
  it('falls back to the offline model, and says so, when the default cannot be fetched', async () => {
    const lines: string[] = [];
    const config = fixtureConfig({ model: DEFAULT_MODEL });
    const { embedder, fallback } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), (l) => lines.push(l));
    expect(embedder.model.id).toBe(OFFLINE_MODEL_ID);
    expect(fallback?.requested).toBe(DEFAULT_MODEL);
    expect(lines.join('\n')).toMatch(/WARNING: the embedding model Xenova\/multilingual-e5-small could not be loaded .*falling back to the offline model/);
  });

  it('looks only in ANCRE_MODELS_DIR when it is set', async () => {
    const modelsDir = await tempDir('models');
    scratch.push(modelsDir);
    const config = fixtureConfig({ model: DEFAULT_MODEL, modelsDir });
    const { fallback } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
    expect(fallback?.reason).toMatch(/local|not found|could not locate/i);
  });

  it('loads a model on this machine only when it first embeds, when asked to (ingest), with the identity its files give', async () => {
    const modelsDir = await tempDir('lazy');
    scratch.push(modelsDir);
    // A model whose config.json is there but whose weights are not: the eager load falls back, the lazy one fails only on use.
    await mkdir(path.join(modelsDir, 'Xenova', 'broken'), { recursive: true });
    await writeFile(path.join(modelsDir, 'Xenova', 'broken', 'config.json'), JSON.stringify({ model_type: 'bert', hidden_size: 384 }));
    const config = fixtureConfig({ model: 'Xenova/broken', modelsDir });
    const paragraphs = () => corpusParagraphs(config.corpusDir);
    const lazy = await loadEmbedder({ ...config, lazyModel: true }, paragraphs, () => {});
    expect(lazy.fallback).toBeNull();
    expect(lazy.embedder.model).toEqual({ id: 'Xenova/broken', fingerprint: 'Xenova/broken', dimensions: 384, offline: false });
    await expect(lazy.embedder.embedPassages(['une phrase'])).rejects.toThrow(/could not be loaded .*nothing was written/);
    expect((await loadEmbedder(config, paragraphs, () => {})).fallback?.requested).toBe('Xenova/broken');

    // The offline model, lazily: the same identity as when loaded at once, and the same vectors once it embeds.
    const eager = await loadEmbedder(fixtureConfig(), paragraphs, () => {});
    const offline = await loadEmbedder({ ...fixtureConfig(), lazyModel: true }, paragraphs, () => {});
    expect(offline.embedder.model).toEqual(eager.embedder.model);
    expect(await offline.embedder.embedQueries(['Où est basé l’EMCO ?'])).toEqual(await eager.embedder.embedQueries(['Où est basé l’EMCO ?']));
  });

  it('builds the offline model on a worker started ahead, from paragraphs the main thread reads once it takes the worker over, and loads a rebuilt one on the same worker', async () => {
    const offlineModelDir = await tempDir('worker-model');
    scratch.push(offlineModelDir);
    let asked = 0;
    const config = fixtureConfig({ offlineModelDir });
    const paragraphs = async () => (asked++, corpusParagraphs(config.corpusDir));
    const started = startEmbedWorker(config);
    // Listened to here only to know when the worker asks: it asks before anyone reads it, and the request is held.
    await new Promise<void>((done) => started.worker.on('message', (m: { type: string }) => m.type === 'need-paragraphs' && done()));
    // A worker is taken over only for the model choice it was started with. (One ONNX worker a process in the tests:
    // onnxruntime-node 1.14 can crash a process whose second worker it ran in is stopped.)
    await expect(loadThreadedEmbedder(fixtureConfig(), paragraphs, () => {}, started)).rejects.toThrow(/another model choice/);
    expect(asked).toBe(0);
    const { embedder } = await loadThreadedEmbedder(config, paragraphs, () => {}, started);
    try {
      expect(asked).toBe(1);
      expect(existsSync(path.join(offlineModelDir, OFFLINE_MODEL_ID, 'onnx', 'model.onnx'))).toBe(true);
      const [vector] = await embedder.embedQueries(['Combien de services regroupe l’état-major ?']);
      expect(vector).toHaveLength(embedder.model.dimensions);
      // Questions posted together are embedded in batches, each answered with its own vector.
      const many = Array.from({ length: 11 }, (_, i) => `Quel rôle joue le service numéro ${i} ?`);
      const alone: Float32Array[] = [];
      for (const text of many) alone.push((await embedder.embedQueries([text]))[0]!);
      expect((await Promise.all(many.map((text) => embedder.embedQueries([text])))).map(([v]) => v)).toEqual(alone);

      // A rebuilt model is loaded beside the first on the same worker; a load that fails leaves the first answering.
      const emptyDir = await tempDir('worker-reload');
      scratch.push(emptyDir);
      const unreadable = async (): Promise<string[]> => {
        throw new Error('the corpus folder could not be read');
      };
      await expect(embedder.reload({ ...config, offlineModelDir: emptyDir }, unreadable)).rejects.toThrow(/corpus folder could not be read/);
      const question = ['La pêche reprend-elle ?'];
      const before = await embedder.embedQueries(question);
      const reloaded = await embedder.reload(fixtureConfig(), paragraphs);
      expect(asked).toBe(1);
      expect(reloaded.embedder.model).toEqual(embedder.model);
      const after = await reloaded.embedder.embedQueries(question);
      expect(after).toEqual(before);
      let exited = false;
      started.worker.once('exit', () => (exited = true));
      await embedder.close();
      await expect(embedder.embedQueries(question)).rejects.toThrow(/not loaded/);
      expect(await reloaded.embedder.embedQueries(question)).toEqual(after);
      expect(exited).toBe(false);
      // The worker stops with its last model.
      await reloaded.embedder.close();
      await new Promise((done) => setTimeout(done, 50));
      expect(exited).toBe(true);
    } finally {
      await embedder.close();
    }
  });

  it('batches the questions that arrive together: one drain for a burst, never two at once', async () => {
    const log: string[] = [];
    let release = () => {};
    const drain = coalesced(async () => {
      log.push('start');
      await new Promise<void>((done) => (release = done));
      log.push('end');
    });
    for (let i = 0; i < 5; i++) drain();
    await new Promise((done) => setImmediate(done));
    expect(log).toEqual(['start']);
    // Asked for while it runs: one more drain, after this one.
    drain();
    drain();
    await new Promise((done) => setImmediate(done));
    expect(log).toEqual(['start']);
    release();
    await new Promise((done) => setTimeout(done, 5));
    expect(log).toEqual(['start', 'end', 'start']);
    release();
    await new Promise((done) => setTimeout(done, 5));
    expect(log).toEqual(['start', 'end', 'start', 'end']);
  });

  it('refuses to query an index built with another model', async () => {
    const config = fixtureConfig();
    const otherModels = await tempDir('other-model');
    scratch.push(otherModels);
    // A model built from other text has another vocabulary and other weights.
    const { embedder } = await loadEmbedder({ ...config, offlineModelDir: otherModels }, async () => ['Un tout autre texte sur la pêche en mer.'], () => {});
    const index = await new VectraStore(config.indexDir).open();
    expect(() => composeEngine(index, embedder, DEFAULT_OPTIONS)).toThrow(ModelMismatchError);
    expect(() => composeEngine(index, embedder, DEFAULT_OPTIONS)).toThrow(/rebuild the index/);
  });
});
