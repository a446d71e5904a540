/**
 * The default model's code path, run with the compute twin of
 * Xenova/multilingual-e5-small (../shared/models/e5-twin: the same shape,
 * tokenizer kind and quantized ONNX operators, random weights). Its answers
 * mean nothing, so no score is asserted: what is tested is that the default
 * path loads, prefixes, pools and indexes as the real model would be.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { env, pipeline } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, PROJECT_ROOT } from '../src/apps/config.ts';
import { startServeProcess, type ServeProcess } from '../src/apps/bench/serve-process.ts';
import { corpusParagraphs } from '../src/pipeline/indexing.ts';
import { loadEmbedder } from '../src/stages/2-embed/load.ts';
import { forwardBatches } from '../src/stages/2-embed/embedder.ts';
import { ingestPool } from '../src/stages/2-embed/pooled-embedder.ts';
import { splitSentences } from '../src/text/sentences.ts';
import { meanPoolNormalized, spanPoolNormalized } from '../src/stages/2-embed/pooling.ts';
import { scratchCorpus } from './support/corpus.ts';
import { fixtureConfig } from './support/runtime.ts';

const TWIN = path.join(PROJECT_ROOT, '..', 'shared', 'models', 'e5-twin');
const TWIN_MODEL = path.join(TWIN, DEFAULT_MODEL);
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, x, i) => sum + x * b[i]!, 0);

describe.runIf(existsSync(TWIN_MODEL))('the default model, through its compute twin', () => {
  let serve: ServeProcess;
  let indexDir: string;
  beforeAll(async () => {
    const { corpusDir, root } = await scratchCorpus();
    indexDir = path.join(root, 'index');
    serve = await startServeProcess({ ANCRE_MODEL: DEFAULT_MODEL, ANCRE_MODELS_DIR: TWIN, ANCRE_CORPUS_DIR: corpusDir, ANCRE_INDEX_DIR: indexDir, ANCRE_OFFLINE_MODEL_DIR: path.join(root, 'models') });
  }, 180_000);
  afterAll(() => serve?.stop());

  it('loads the quantized file, with the "query: " and "passage: " prefixes, into 384 dimensions', { timeout: 120_000 }, async () => {
    // The twin ships only the quantized network, as the hub's folder is used: loading at all proves that file is the one read.
    expect(existsSync(path.join(TWIN_MODEL, 'onnx', 'model.onnx'))).toBe(false);
    const config = fixtureConfig({ model: DEFAULT_MODEL, modelsDir: TWIN });
    const { embedder, fallback } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
    expect(fallback).toBeNull();
    expect(embedder.model).toMatchObject({ id: DEFAULT_MODEL, dimensions: 384, offline: false });
    expect(embedder.profile).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ', quantized: true });

    env.localModelPath = TWIN + path.sep;
    env.allowRemoteModels = false;
    const extractor = await pipeline('feature-extraction', DEFAULT_MODEL, { quantized: true });
    const raw = async (text: string) => {
      const inputs = extractor.tokenizer([text], { padding: true, truncation: true });
      const { last_hidden_state: hidden } = await extractor.model(inputs);
      return meanPoolNormalized(hidden.data as Float32Array, hidden.dims as [number, number, number], inputs.attention_mask.data)[0]!;
    };
    const text = "Combien de services l'EMCO regroupe-t-il ?";
    const [query] = await embedder.embedQueries([text]);
    const [passage] = await embedder.embedPassages([text]);
    expect(cosine(query!, await raw(`query: ${text}`))).toBeCloseTo(1, 5);
    expect(cosine(passage!, await raw(`passage: ${text}`))).toBeCloseTo(1, 5);
    expect(cosine(query!, await raw(text))).toBeLessThan(0.9999);
  });

  it('pools each sentence from its paragraph’s pass over exactly its tokens, and embeds alone what the window cannot hold', { timeout: 120_000 }, async () => {
    const config = fixtureConfig({ model: DEFAULT_MODEL, modelsDir: TWIN });
    const { embedder } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
    env.localModelPath = TWIN + path.sep;
    env.allowRemoteModels = false;
    const extractor = await pipeline('feature-extraction', DEFAULT_MODEL, { quantized: true });
    const text = 'Basé à Nanterre, cet état-major regroupe douze services. Quinze opérateurs y travaillent quotidiennement.';
    const spans = [{ start: 0, end: 56 }, { start: 57, end: text.length }];
    const [, first, second] = await embedder.embedPassagesWithSpans([{ text, spans }]);

    // The second sentence's tokens sit after [CLS], the prefix's and the first sentence's.
    const ids = (t: string) => extractor.tokenizer.encode(t, null, { add_special_tokens: false }) as number[];
    const all = extractor.tokenizer.encode(`passage: ${text}`) as number[];
    const from = 1 + ids('passage:').length + ids(text.slice(0, 56)).length;
    expect(all.slice(from, from + ids(text.slice(57)).length)).toEqual(ids(text.slice(57)));
    const inputs = extractor.tokenizer([`passage: ${text}`], { padding: true, truncation: true });
    const { last_hidden_state: hidden } = await extractor.model(inputs);
    const expected = spanPoolNormalized(hidden.data as Float32Array, hidden.dims as [number, number, number], 0, from, from + ids(text.slice(57)).length);
    expect(cosine(second!, expected)).toBeCloseTo(1, 5);
    // Read in context, a sentence's vector is not its vector alone.
    const [alone] = await embedder.embedPassages([text.slice(0, 56)]);
    expect(cosine(first!, alone!)).toBeLessThan(0.9999);

    const long = Array.from({ length: 80 }, (_, i) => `Phrase numéro ${i + 1} du très long paragraphe.`).join(' ');
    const last = { start: long.lastIndexOf('Phrase'), end: long.length };
    const [, beyond] = await embedder.embedPassagesWithSpans([{ text: long, spans: [last] }]);
    const [beyondAlone] = await embedder.embedPassages([long.slice(last.start)]);
    expect(cosine(beyond!, beyondAlone!)).toBeCloseTo(1, 5);
  });

  it('downloads from a hub once, keeps the files where Transformers.js keeps them, and reads them from there after', { timeout: 120_000 }, async () => {
    // A hub on loopback serving the twin as huggingface.co serves the model: <model>/resolve/main/<file>.
    const requests: string[] = [];
    const hub = createServer((request, response) => {
      const url = request.url ?? '';
      requests.push(url);
      const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(url);
      const file = match && match[1] === DEFAULT_MODEL ? path.join(TWIN_MODEL, match[2]!) : null;
      if (!file || !existsSync(file)) return void response.writeHead(404).end();
      void readFile(file).then((body) => response.writeHead(200, { 'content-length': body.length }).end(body));
    });
    await new Promise<void>((listening) => hub.listen(0, '127.0.0.1', listening));
    const previousHost = env.remoteHost;
    env.remoteHost = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
    try {
      const { root } = await scratchCorpus();
      const config = fixtureConfig({ model: DEFAULT_MODEL, offlineModelDir: path.join(root, 'models') });
      const load = () => loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
      const first = await load();
      expect(first.fallback).toBeNull();
      expect(first.embedder.model).toMatchObject({ id: DEFAULT_MODEL, dimensions: 384, offline: false });
      // Read through ancre's cache (each file once), which keeps the files where Transformers.js's own would.
      expect(env.useCustomCache).toBe(true);
      const network = (dir: string) => readFile(path.join(dir, 'onnx', 'model_quantized.onnx'));
      expect((await network(path.join(config.offlineModelDir, 'hub-cache', DEFAULT_MODEL))).equals(await network(TWIN_MODEL))).toBe(true);
      expect(requests.filter((url) => url.endsWith('/model_quantized.onnx'))).toHaveLength(1);
      const fetched = requests.length;
      const second = await load();
      expect(requests).toHaveLength(fetched);
      expect(second.fallback).toBeNull();
      const question = "Combien de services l'EMCO regroupe-t-il ?";
      expect(await second.embedder.embedQueries([question])).toEqual(await first.embedder.embedQueries([question]));
    } finally {
      env.remoteHost = previousHost;
      hub.close();
    }
  });

  it('serves /health with no fallback and answers /ask over HTTP from an index that records the model', async () => {
    const health = await (await fetch(`${serve.url}/health`)).json();
    expect(health.model).toMatchObject({ id: DEFAULT_MODEL, offline: false, fallback: false });
    expect(health.index).toMatchObject({ documents: 2, paragraphs: 13, model: DEFAULT_MODEL });

    const response = await fetch(`${serve.url}/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: "Combien de services l'EMCO regroupe-t-il ?" }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.model).toBe(DEFAULT_MODEL);
    expect(body.passages).toHaveLength(5);
    for (const citation of body.citations) expect(citation.text).toContain(citation.quote);

    const build = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
    const manifest = JSON.parse(await readFile(path.join(indexDir, build, 'manifest.json'), 'utf8'));
    expect(manifest.model).toMatchObject({ id: DEFAULT_MODEL, dimensions: 384, offline: false });
  });

  // Last: once its worker thread stops, no new thread of this process can load the ONNX runtime's module (pooled-embedder.ts).
  it('embeds an ingest’s passages on two threads into the vectors one thread gives, each passage’s in its place', { timeout: 180_000 }, async () => {
    const config = fixtureConfig({ model: DEFAULT_MODEL, modelsDir: TWIN });
    const { embedder } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
    const logged: string[] = [];
    const pooled = ingestPool(embedder, config, 2, (line) => logged.push(line));
    try {
      // More than two forward batches of passages of many lengths, so that each thread embeds some.
      const paragraphs = await corpusParagraphs(config.corpusDir);
      const passages = Array.from({ length: 70 }, (_, i) => {
        const text = `Extrait ${i + 1} : ${paragraphs[i % paragraphs.length]!.slice(0, 60 + ((i * 37) % 400))}`;
        return { text, spans: splitSentences(text) };
      });
      const alone = await embedder.embedPassagesWithSpans(passages);
      // Its worker loaded first (the limit's passes wait for it), so that both threads take batches of the call.
      await pooled.forwardPasses!(['ancre']);
      const shared = await pooled.embedPassagesWithSpans(passages);
      expect(shared).toHaveLength(passages.reduce((sum, p) => sum + 1 + p.spans.length, 0));
      expect(shared).toHaveLength(alone.length);
      // The same vectors (a sentence the pass cannot cover is embedded alone, in a batch that differs with the call, so
      // the last digits may too), each passage's at its place: of the passages' vectors one thread gave, the nearest to
      // each passage's pooled vector is its own (the twin's random weights put all vectors close together).
      const at = passages.reduce<number[]>((starts, p, i) => [...starts, starts[i]! + 1 + p.spans.length], [0]).slice(0, -1);
      expect(forwardBatches(passages.map((p) => p.text.length)).length).toBeGreaterThan(2);
      const nearest = at.map((i) => at.reduce((best, j) => (cosine(shared[i]!, alone[j]!) > cosine(shared[i]!, alone[best]!) ? j : best), at[0]!));
      expect(nearest).toEqual(at);
      expect(Math.min(...shared.map((vector, i) => cosine(vector, alone[i]!)))).toBeGreaterThan(0.9999);
      expect(logged).toEqual([]);
    } finally {
      await pooled.close?.();
    }
  });
});
