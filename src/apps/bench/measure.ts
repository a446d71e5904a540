/** One point of the scale curve: an index opened, its parts timed one question at a time, then the service under load. */
import { copyFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import type { Embedder } from '../../contracts/model.ts';
import type { Pipeline } from '../../pipeline/pipeline.ts';
import { openProbes, type Probes } from '../../pipeline/probes.ts';
import { vectraFiles } from '../../pipeline/stores.ts';
import { round } from '../../shared/round.ts';
import type { AncreConfig } from '../config.ts';
import { loadAsk, percentile } from './load.ts';
import { startServeProcess, timeCommand } from './serve-process.ts';
import { CONNECTIONS, distinct, RECALL_DEPTH, SECONDS, type ScalePoint } from './settings.ts';

const ms = (start: number) => performance.now() - start;
/** The median of times in milliseconds, to the microsecond. */
export const p50 = (times: number[]) => round(percentile([...times].sort((a, b) => a - b), 50), 3);

export async function measureScale(pipeline: Pipeline, config: AncreConfig, paragraphs: number, ingestSeconds: number): Promise<ScalePoint> {
  const started = performance.now();
  const probes = await openProbes(pipeline);
  const loadSeconds = ms(started) / 1000;
  const answers = await timeAnswers(probes);
  const dense = await timeDenseSearch(probes, pipeline.embedder);
  const baseline = await timeBaseline(probes.index.location, pipeline.embedder);
  const service = await startServeProcess(serviceEnv(config));
  const askUnderLoad = await loadAsk(service.url, distinct, { connections: CONNECTIONS, seconds: SECONDS });
  const serviceRss = service.residentMegabytes();
  await service.stop();
  const unchangedIngestSeconds = await timeUnchangedIngest(config);
  const indexMegabytes = round((await directorySize(probes.index.location)) / 1024 / 1024, 1);
  // Last: it writes new builds, and the next ingest removes the one measured above.
  const oneArticle = await timeOneArticle(config);
  return {
    paragraphs,
    vectraItems: baseline.items,
    indexMegabytes,
    ingestSeconds: round(ingestSeconds, 2),
    ingestParagraphsPerSecond: Math.round(paragraphs / ingestSeconds),
    unchangedIngestSeconds,
    addedArticleIngestSeconds: oneArticle.added,
    removedArticleIngestSeconds: oneArticle.removed,
    loadSeconds: round(loadSeconds, 2),
    serviceRssMegabytes: Math.round(serviceRss),
    ...dense,
    ...answers,
    askUnderLoad,
    baseline: { queryP50Ms: baseline.queryP50Ms, askP50Ms: baseline.askP50Ms, loadSeconds: baseline.loadSeconds },
  };
}

/** Whole answers, one at a time: their p50, their search's, and the mean split of their time. */
async function timeAnswers({ engine }: Probes) {
  const rounds = 200;
  const searchTimes: number[] = [];
  const askTimes: number[] = [];
  const split = { embedMs: 0, searchMs: 0, selectMs: 0, totalMs: 0 };
  for (let i = 0; i < rounds; i++) {
    const { timings } = await engine.ask(distinct(i + 1000), { topK: 5 });
    askTimes.push(timings.totalMs);
    searchTimes.push(timings.searchMs);
    for (const key of Object.keys(split) as (keyof typeof split)[]) split[key] += timings[key] / rounds;
  }
  return {
    searchP50Ms: p50(searchTimes),
    askSequentialP50Ms: p50(askTimes),
    split: { embedMs: round(split.embedMs, 3), searchMs: round(split.searchMs, 3), selectMs: round(split.selectMs, 3), totalMs: round(split.totalMs, 3) },
  };
}

/** Dense search as served, the exact scan with the same kernel and in plain JavaScript, and the served search's recall. */
async function timeDenseSearch({ served, exact, plainScan }: Probes, embedder: Embedder) {
  const rounds = 200;
  const times = { served: [] as number[], exact: [] as number[], js: [] as number[] };
  let recall = 0;
  for (let i = 0; i < rounds; i++) {
    const [vector] = await embedder.embedQueries([distinct(i + 5000)]);
    let started = performance.now();
    const found = served.search(vector!, RECALL_DEPTH);
    times.served.push(ms(started));
    started = performance.now();
    const truth = exact.search(vector!, RECALL_DEPTH);
    times.exact.push(ms(started));
    started = performance.now();
    plainScan(vector!, RECALL_DEPTH);
    times.js.push(ms(started));
    const weakest = truth.at(-1)?.score ?? -Infinity;
    // Scores, not rows: the generated corpus repeats sentences, so equal scores are common.
    recall += found.filter((r) => r.score >= weakest).length / Math.max(1, truth.length) / rounds;
  }
  return {
    denseSearchP50Ms: p50(times.served),
    exactScanP50Ms: p50(times.exact),
    jsScanP50Ms: p50(times.js),
    simd: served.simd,
    denseRecallAt20: round(recall, 3),
    denseSearch: served.approximate ? ('lists' as const) : ('exact' as const),
  };
}

/** The baseline: vectra's own query on the same vectors and model, one question at a time, no cache. */
async function timeBaseline(buildDir: string, embedder: Embedder) {
  // A large build's paragraphs are in several files, each a vectra index: each is queried, and their best merged.
  const parts = (await vectraFiles(buildDir)).map((file) => new LocalIndex(buildDir, file));
  let started = performance.now();
  for (const part of parts) await part.listItems();
  const loadSeconds = ms(started) / 1000;
  const query: number[] = [];
  const ask: number[] = [];
  for (let i = 0; i < 50; i++) {
    const askStarted = performance.now();
    const [vector] = await embedder.embedQueries([distinct(i + 9000)]);
    started = performance.now();
    const found = [];
    for (const part of parts) found.push(...(await part.queryItems(Array.from(vector!), '', 5, { kind: { $eq: 'paragraph' } })));
    found.sort((a, b) => b.score - a.score).splice(5);
    query.push(ms(started));
    ask.push(ms(askStarted));
  }
  let items = 0;
  for (const part of parts) items += (await part.getIndexStats()).items;
  return { items, queryP50Ms: p50(query), askP50Ms: p50(ask), loadSeconds: round(loadSeconds, 2) };
}

/** Runs of `ancre ingest` with nothing changed, of which the median is kept. */
const UNCHANGED_INGEST_RUNS = 3;

/**
 * `ancre ingest` in a process of its own, on the point's corpus with
 * nothing changed since its build, as a scheduled job that re-indexes a
 * corpus finds it most of the time: the median wall time, in seconds.
 */
async function timeUnchangedIngest(config: AncreConfig): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < UNCHANGED_INGEST_RUNS; run++) times.push(await timeCommand(['ingest'], serviceEnv(config)));
  return round(percentile(times.sort((a, b) => a - b), 50), 2);
}

/**
 * `ancre ingest` after one article is added to the point's corpus (a copy
 * of its first file under another name), then after it is taken out again:
 * what adding one story costs at that size. Its own process, wall time,
 * one run each.
 */
async function timeOneArticle(config: AncreConfig): Promise<{ added: number; removed: number }> {
  const [first] = (await readdir(config.corpusDir)).sort();
  if (!first) throw new Error(`${config.corpusDir} holds no article to copy`);
  const copy = path.join(config.corpusDir, `zz-bench-added${path.extname(first)}`);
  await copyFile(path.join(config.corpusDir, first), copy);
  const added = await timeCommand(['ingest'], serviceEnv(config));
  await rm(copy);
  const removed = await timeCommand(['ingest'], serviceEnv(config));
  return { added: round(added, 2), removed: round(removed, 2) };
}

/** The environment of a service over this point's corpus and index, with the bench's model. */
export function serviceEnv(config: AncreConfig): Record<string, string | undefined> {
  return {
    ANCRE_CORPUS_DIR: config.corpusDir,
    ANCRE_INDEX_DIR: config.indexDir,
    ANCRE_DATABASE_URL: config.databaseUrl,
    ANCRE_DATABASE_SCHEMA: config.databaseUrl ? config.databaseSchema : undefined,
    ANCRE_MODEL: config.model,
    ANCRE_OFFLINE_MODEL_DIR: config.offlineModelDir,
    ...(config.modelsDir ? { ANCRE_MODELS_DIR: config.modelsDir } : {}),
    ANCRE_LOG_LEVEL: 'info',
  };
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
