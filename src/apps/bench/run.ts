/**
 * `npm run bench`: where the time goes and how it scales, on this machine.
 * Prints markdown tables and writes them as JSON to .artifacts/bench/.
 *
 * BENCH_SCALES (default "1000,10000,100000") lists the paragraph counts of the
 * scale curve; BENCH_SECONDS (default 10) the length of each load run.
 */
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import { AnswerEngine } from '../../pipeline/engine.ts';
import { loadConfig, PROJECT_ROOT } from '../config.ts';
import type { Embedder } from '../../stages/2-embed/embedder.ts';
import { loadEmbedder } from '../../stages/2-embed/load.ts';
import { syntheticArticles } from './synthetic-corpus.ts';
import { corpusParagraphs, ingest } from '../../pipeline/indexing.ts';
import { denseSearchFor, ExactSearch } from '../../stages/5-retrieve/dense-search.ts';
import { topK } from '../../kernel/top-k.ts';
import { openIndex } from '../../stages/3-store/vectra/index-store.ts';
import { loadAsk, percentile, type LoadFigures } from './load.ts';
import { scaleCurveSvg, svgToPng, type ChartSeries } from './chart.ts';
import { startServeProcess } from './serve-process.ts';

const SCALES = (process.env.BENCH_SCALES ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 8;
/** How deep the dense ranking is read before fusion (retrieve/retriever.ts), and so where recall is measured. */
const RECALL_DEPTH = 20;
const OUT_DIR = path.join(PROJECT_ROOT, '.artifacts', 'bench');

/** Real questions on the seed articles; a counter makes each one distinct, so no cache helps. */
const QUESTIONS = [
  "Combien de services l'EMCO regroupe-t-il ?",
  'Que signifie Pnaco ?',
  'Qui est Amine Kessaci ?',
  'Où est basé l’EMCO ?',
  'Quand le Pnaco a-t-il été installé ?',
  'What is the new prosecutor’s office meant to harmonise?',
  'Quel temps fera-t-il demain à Lyon ?',
  'Avec quelles autorités la coopération sur les scanners est-elle évaluée ?',
];
const distinct = (i: number) => `${QUESTIONS[i % QUESTIONS.length]} ${i}`;
const repeated = (i: number) => QUESTIONS[i % QUESTIONS.length]!;

const ms = (start: number) => performance.now() - start;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

interface ScalePoint {
  paragraphs: number;
  vectraItems: number;
  indexMegabytes: number;
  ingestSeconds: number;
  ingestParagraphsPerSecond: number;
  loadSeconds: number;
  serviceRssMegabytes: number;
  /** Dense search as the service runs it: through vector lists when the index has them. */
  denseSearchP50Ms: number;
  /** The exact scan over every paragraph vector, as the service runs it (SIMD where available)… */
  exactScanP50Ms: number;
  /** …and in plain JavaScript. */
  jsScanP50Ms: number;
  /** Whether rows are scored in WebAssembly SIMD. */
  simd: boolean;
  /** Share of the exact scan's 20 best scores that the dense search finds (1 when it is the exact scan). */
  denseRecallAt20: number;
  denseSearch: 'exact' | 'lists';
  /** The whole search of an answer: dense, BM25 and their fusion. */
  searchP50Ms: number;
  askSequentialP50Ms: number;
  askUnderLoad: LoadFigures;
  baseline: { queryP50Ms: number; askP50Ms: number; loadSeconds: number };
  split: { embedMs: number; searchMs: number; selectMs: number; totalMs: number };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'ancre-bench-'));
  const config = loadConfig();
  const log = (line: string) => console.error(line);
  try {
    let started = performance.now();
    const loaded = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), log);
    const modelLoadSeconds = ms(started) / 1000;
    const embedder = loaded.embedder;
    console.error(`bench: model ${embedder.model.id} loaded in ${modelLoadSeconds.toFixed(2)} s`);

    // The seed corpus: ingest throughput, then the service under load.
    const seed = { corpusDir: path.join(work, 'seed-corpus'), indexDir: path.join(work, 'seed-index') };
    await cp(config.corpusDir, seed.corpusDir, { recursive: true });
    const seedIngest = await ingest({ ...seed, embedder, fallback: loaded.fallback, full: true });
    const seedPoint = await measureScale(seed, seedIngest.paragraphs, seedIngest.seconds, embedder, config);

    const points: ScalePoint[] = [];
    const source = await corpusParagraphs(config.corpusDir);
    for (const paragraphs of SCALES) {
      const dirs = { corpusDir: path.join(work, `corpus-${paragraphs}`), indexDir: path.join(work, `index-${paragraphs}`) };
      await mkdir(dirs.corpusDir, { recursive: true });
      await cp(config.corpusDir, dirs.corpusDir, { recursive: true });
      const articles = Math.max(1, Math.round((paragraphs - seedIngest.paragraphs) / 10));
      for (const article of syntheticArticles(source, { articles, paragraphsPerArticle: 10 })) {
        await writeFile(path.join(dirs.corpusDir, article.fileName), article.text);
      }
      console.error(`bench: ingesting ${paragraphs} paragraphs …`);
      started = performance.now();
      const report = await ingest({ ...dirs, embedder, fallback: loaded.fallback, full: true });
      points.push(await measureScale(dirs, report.paragraphs, ms(started) / 1000, embedder, config));
      await rm(dirs.corpusDir, { recursive: true, force: true });
    }

    // Repeated questions on the seed corpus: what the cache of question vectors buys.
    const service = await startServeProcess(serviceEnv(seed, config));
    const repeatedLoad = await loadAsk(service.url, repeated, { connections: CONNECTIONS, seconds: SECONDS });
    await service.stop();

    const result = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      model: embedder.model.id,
      fallback: loaded.fallback !== null,
      modelLoadSeconds: round(modelLoadSeconds),
      seed: { ...seedPoint, repeatedQuestions: repeatedLoad },
      scale: points,
    };
    await mkdir(OUT_DIR, { recursive: true });
    await writeFile(path.join(OUT_DIR, 'bench.json'), JSON.stringify(result, null, 2));
    const chart = scaleCurveChart(result.model, [seedPoint, ...points]);
    await writeFile(path.join(OUT_DIR, 'scale-curve.svg'), chart);
    await writeFile(path.join(OUT_DIR, 'scale-curve.png'), svgToPng(chart));
    console.log(report(result));
    const shown = (file: string) => path.relative(process.cwd(), path.join(OUT_DIR, file));
    console.log(`\n(JSON: ${shown('bench.json')}; chart: ${shown('scale-curve.png')})`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function serviceEnv(dirs: { corpusDir: string; indexDir: string }, config: ReturnType<typeof loadConfig>): Record<string, string> {
  return {
    ANCRE_CORPUS_DIR: dirs.corpusDir,
    ANCRE_INDEX_DIR: dirs.indexDir,
    ANCRE_MODEL: config.model,
    ANCRE_OFFLINE_MODEL_DIR: config.offlineModelDir,
    ...(config.modelsDir ? { ANCRE_MODELS_DIR: config.modelsDir } : {}),
    ANCRE_LOG_LEVEL: 'info',
  };
}

async function measureScale(
  dirs: { corpusDir: string; indexDir: string },
  paragraphs: number,
  ingestSeconds: number,
  embedder: Embedder,
  config: ReturnType<typeof loadConfig>,
): Promise<ScalePoint> {
  let started = performance.now();
  const index = await openIndex(dirs.indexDir);
  const engine = new AnswerEngine(index, embedder);
  const loadSeconds = ms(started) / 1000;

  // Dense search alone (as the service runs it, and exact), then whole answers, one at a time.
  const dense = denseSearchFor(index.chunkVectors, index.dimensions, index.vectorLists);
  const denseTimes: number[] = [];
  const exact = new ExactSearch(index.chunkVectors, index.dimensions);
  const exactTimes: number[] = [];
  const jsTimes: number[] = [];
  let recall = 0;
  const searchTimes: number[] = [];
  const askTimes: number[] = [];
  const split = { embedMs: 0, searchMs: 0, selectMs: 0, totalMs: 0 };
  const rounds = 200;
  for (let i = 0; i < rounds; i++) {
    const result = await engine.ask(distinct(i + 1000), { topK: 5 });
    askTimes.push(result.timings.totalMs);
    searchTimes.push(result.timings.searchMs);
    for (const key of Object.keys(split) as (keyof typeof split)[]) split[key] += result.timings[key] / rounds;
    const [vector] = await embedder.embedQueries([distinct(i + 5000)]);
    started = performance.now();
    const found = dense.search(vector!, RECALL_DEPTH);
    denseTimes.push(ms(started));
    started = performance.now();
    const truth = exact.search(vector!, RECALL_DEPTH);
    exactTimes.push(ms(started));
    started = performance.now();
    topK(index.chunkVectors, vector!, RECALL_DEPTH);
    jsTimes.push(ms(started));
    const weakest = truth.at(-1)?.score ?? -Infinity;
    // Scores, not rows: the generated corpus repeats sentences, so equal scores are common.
    recall += found.filter((r) => r.score >= weakest).length / Math.max(1, truth.length) / rounds;
  }
  denseTimes.sort((a, b) => a - b);
  searchTimes.sort((a, b) => a - b);
  exactTimes.sort((a, b) => a - b);
  jsTimes.sort((a, b) => a - b);
  askTimes.sort((a, b) => a - b);

  // The baseline: vectra's own query on the same vectors and model, one question at a time, no cache.
  const vectra = new LocalIndex(index.buildDir);
  started = performance.now();
  await vectra.listItems();
  const baselineLoad = ms(started) / 1000;
  const baselineQuery: number[] = [];
  const baselineAsk: number[] = [];
  for (let i = 0; i < 50; i++) {
    const askStarted = performance.now();
    const [vector] = await embedder.embedQueries([distinct(i + 9000)]);
    started = performance.now();
    await vectra.queryItems(Array.from(vector!), '', 5, { kind: { $eq: 'paragraph' } });
    baselineQuery.push(ms(started));
    baselineAsk.push(ms(askStarted));
  }
  baselineQuery.sort((a, b) => a - b);
  baselineAsk.sort((a, b) => a - b);

  const service = await startServeProcess(serviceEnv(dirs, config));
  const askUnderLoad = await loadAsk(service.url, distinct, { connections: CONNECTIONS, seconds: SECONDS });
  const serviceRss = service.residentMegabytes();
  await service.stop();

  return {
    paragraphs,
    vectraItems: (await vectra.getIndexStats()).items,
    indexMegabytes: round((await directorySize(index.buildDir)) / 1024 / 1024, 1),
    ingestSeconds: round(ingestSeconds),
    ingestParagraphsPerSecond: Math.round(paragraphs / ingestSeconds),
    loadSeconds: round(loadSeconds),
    serviceRssMegabytes: Math.round(serviceRss),
    denseSearchP50Ms: round(percentile(denseTimes, 50), 3),
    exactScanP50Ms: round(percentile(exactTimes, 50), 3),
    jsScanP50Ms: round(percentile(jsTimes, 50), 3),
    simd: dense.simd,
    denseRecallAt20: round(recall, 3),
    denseSearch: dense.approximate ? 'lists' : 'exact',
    searchP50Ms: round(percentile(searchTimes, 50), 3),
    askSequentialP50Ms: round(percentile(askTimes, 50), 3),
    askUnderLoad,
    baseline: { queryP50Ms: round(percentile(baselineQuery, 50), 3), askP50Ms: round(percentile(baselineAsk, 50), 3), loadSeconds: round(baselineLoad) },
    split: { embedMs: round(split.embedMs, 3), searchMs: round(split.searchMs, 3), selectMs: round(split.selectMs, 3), totalMs: round(split.totalMs, 3) },
  };
}

function scaleCurveChart(model: string, points: readonly ScalePoint[]): string {
  const line = (label: string, color: string, value: (p: ScalePoint) => number, dashed = false): ChartSeries => ({
    label,
    color,
    dashed,
    points: points.map((p) => [p.paragraphs, value(p)] as const),
  });
  return scaleCurveSvg(`ancre scale curve — ${model}, ${os.cpus().length} cores`, [
    line('/ask under load (8 clients)', '#c0392b', (p) => p.askUnderLoad.p50),
    line('whole answer, one at a time', '#e67e22', (p) => p.askSequentialP50Ms),
    line('search (dense + BM25 + fusion)', '#2471a3', (p) => p.searchP50Ms),
    line('dense search (as served)', '#17a589', (p) => p.denseSearchP50Ms),
    line('exact scan, SIMD', '#7d3c98', (p) => p.exactScanP50Ms, true),
    line('exact scan, plain JS', '#95a5a6', (p) => p.jsScanP50Ms, true),
    line('baseline: vectra queryItems', '#34495e', (p) => p.baseline.queryP50Ms, true),
  ]);
}

function report(result: {
  machine: { cpus: number; model?: string; node: string };
  model: string;
  fallback: boolean;
  modelLoadSeconds: number;
  seed: ScalePoint & { repeatedQuestions: LoadFigures };
  scale: ScalePoint[];
}): string {
  const { seed } = result;
  const load = (name: string, f: LoadFigures) =>
    `| ${name} | ${f.requestsPerSecond.toFixed(0)} | ${f.p50} | ${f.p95} | ${f.p99} | ${f.errors + f.non2xx} |`;
  const points = [seed, ...result.scale];
  return [
    `## ancre bench — ${result.machine.cpus} × ${result.machine.model}, Node ${result.machine.node}`,
    '',
    `Model: ${result.model}${result.fallback ? ' (offline fallback)' : ''}, loaded in ${result.modelLoadSeconds} s. ` +
      `Seed corpus ingest: ${seed.paragraphs} paragraphs in ${seed.ingestSeconds} s.`,
    '',
    `### POST /ask on the seed corpus, ${CONNECTIONS} loopback clients, ${SECONDS} s each (autocannon)`,
    '',
    '| questions | requests/s | p50 ms | p95 ms | p99 ms | errors |',
    '| --- | --- | --- | --- | --- | --- |',
    load('distinct (no cache help)', seed.askUnderLoad),
    load('repeated', seed.repeatedQuestions),
    '',
    '### Where the time of one answer goes (mean ms, 200 distinct questions, one at a time)',
    '',
    '| paragraphs | query embedding | search | sentence choice + assembly | total |',
    '| --- | --- | --- | --- | --- |',
    ...points.map((p) => `| ${p.paragraphs} | ${p.split.embedMs} | ${p.split.searchMs} | ${p.split.selectMs} | ${p.split.totalMs} |`),
    '',
    '### Scale curve',
    '',
    '| paragraphs | vectra items | index MB | ingest s (paragraphs/s) | load s | service RSS MB | dense search p50 ms | exact scan p50 ms (same kernel / plain JS) | recall@20 | search p50 ms (dense + BM25 + fusion) | answer p50 ms (one at a time) | /ask p50 ms under load | /ask requests/s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...points.map(
      (p) =>
        `| ${p.paragraphs} | ${p.vectraItems} | ${p.indexMegabytes} | ${p.ingestSeconds} (${p.ingestParagraphsPerSecond}) | ${p.loadSeconds} | ${p.serviceRssMegabytes} | ${p.denseSearchP50Ms} (${p.denseSearch}${p.simd ? ', SIMD' : ''}) | ${p.exactScanP50Ms} / ${p.jsScanP50Ms} | ${p.denseRecallAt20} | ${p.searchP50Ms} | ${p.askSequentialP50Ms} | ${p.askUnderLoad.p50} | ${p.askUnderLoad.requestsPerSecond.toFixed(0)} |`,
    ),
    '',
    '### Against the baseline (vectra `LocalIndex.queryItems`, same model, one question at a time, no cache)',
    '',
    '| paragraphs | baseline query p50 ms | our dense search p50 ms | speed-up | baseline embed+query p50 ms | our whole answer p50 ms | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...points.map(
      (p) =>
        `| ${p.paragraphs} | ${p.baseline.queryP50Ms} | ${p.denseSearchP50Ms} | ${round(p.baseline.queryP50Ms / p.denseSearchP50Ms, 1)}× | ${p.baseline.askP50Ms} | ${p.askSequentialP50Ms} | ${round(p.askSequentialP50Ms / p.baseline.askP50Ms, 2)} |`,
    ),
  ].join('\n');
}

await main();
