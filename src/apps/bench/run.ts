/**
 * `npm run bench`: where the time goes and how it scales, on this machine.
 * Prints markdown tables and writes them as JSON to .artifacts/bench/
 * (settings.ts says which environment variables shape the run).
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { corpusParagraphs, Pipeline, syntheticArticles } from '../../pipeline/pipeline.ts';
import { round } from '../../shared/round.ts';
import { loadConfig, type AncreConfig } from '../config.ts';
import { svgToPng } from './chart.ts';
import { measureDatabaseAt, type DatabaseFigures } from './database.ts';
import { loadAsk } from './load.ts';
import { measureScale, serviceEnv } from './measure.ts';
import { report, scaleCurveChart } from './report.ts';
import { startPlainAnswerer, startServeProcess, type ServeProcess } from './serve-process.ts';
import { loadAskFromOwnProcess } from './client-process.ts';
import { measureThroughput, throughputModels, type ThroughputFigures } from './throughput.ts';
import { fetchLoopOverhead, FETCH_LOOP_ROUNDS, type FetchLoopRounds } from './overhead.ts';
import { CONNECTIONS, distinct, OUT_DIR, repeated, SCALES, SECONDS, type Overhead, type ScalePoint } from './settings.ts';

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'ancre-bench-'));
  // The scale points compare ancre's index with vectra's own reader on the same folder; a database, when given, gets its own table.
  const { databaseUrl, ...loaded } = loadConfig();
  const config: AncreConfig = { ...loaded, databaseUrl: undefined };
  try {
    const pipeline = await Pipeline.create(config, (line) => console.error(line));
    console.error(`bench: model ${pipeline.embedder.model.id} loaded in ${pipeline.modelLoadSeconds.toFixed(2)} s`);

    // The seed corpus: ingest throughput, then the service under load.
    const seed = at(config, path.join(work, 'seed-corpus'), path.join(work, 'seed-index'));
    await cp(config.corpusDir, seed.corpusDir, { recursive: true });
    const seedPipeline = pipeline.at(seed);
    const seedIngest = await seedPipeline.ingest({ full: true });
    const seedPoint = await measureScale(seedPipeline, seed, seedIngest.paragraphs, seedIngest.seconds);
    // With a database, the PostgreSQL store is measured on the same corpora, each beside the folder store.
    const database: DatabaseFigures | null = databaseUrl ? { location: '', points: [] } : null;
    const measureDatabase = async (point: AncreConfig, folder: ScalePoint) => {
      if (!database || !databaseUrl) return;
      console.error(`bench: the PostgreSQL store on ${folder.paragraphs} paragraphs …`);
      const measured = await measureDatabaseAt(pipeline, point, folder, databaseUrl);
      database.location ||= measured.location;
      database.points.push(measured.point);
    };
    await measureDatabase(seed, seedPoint);
    const points = await measureScalePoints(pipeline, config, work, seedIngest.paragraphs, measureDatabase);

    // Repeated questions on the seed corpus: what the cache of question vectors buys.
    const service = await startServeProcess(serviceEnv(seed));
    const repeatedLoad = await loadAsk(service.url, repeated, { connections: CONNECTIONS, seconds: SECONDS });
    await service.stop();
    const overhead = await measureOverhead(seed);

    // Ingest against the forward passes alone, and the first answer after a start: the configured model and the default's twin.
    const throughput: ThroughputFigures[] = [];
    for (const choice of throughputModels(config)) throughput.push(...(await measureThroughput(config, work, choice)));
    await write({
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      model: pipeline.embedder.model.id,
      fallback: pipeline.fallback !== null,
      modelLoadSeconds: round(pipeline.modelLoadSeconds, 2),
      seed: { ...seedPoint, repeatedQuestions: repeatedLoad },
      overhead,
      database,
      scale: points,
      throughput,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The scale curve: for each of SCALES, the seed articles plus generated ones indexed and measured (then `alsoMeasure`d), their corpus removed after. */
async function measureScalePoints(
  pipeline: Pipeline,
  config: AncreConfig,
  work: string,
  seedParagraphs: number,
  alsoMeasure: (point: AncreConfig, figures: ScalePoint) => Promise<void>,
): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  const source = await corpusParagraphs(config.corpusDir);
  for (const paragraphs of SCALES) {
    const point = at(config, path.join(work, `corpus-${paragraphs}`), path.join(work, `index-${paragraphs}`));
    await mkdir(point.corpusDir, { recursive: true });
    await cp(config.corpusDir, point.corpusDir, { recursive: true });
    const articles = Math.max(1, Math.round((paragraphs - seedParagraphs) / 10));
    for (const article of syntheticArticles(source, { articles, paragraphsPerArticle: 10 })) {
      await writeFile(path.join(point.corpusDir, article.fileName), article.text);
    }
    console.error(`bench: ingesting ${paragraphs} paragraphs …`);
    const started = performance.now();
    const scaled = pipeline.at(point);
    const ingested = await scaled.ingest({ full: true });
    const measured = await measureScale(scaled, point, ingested.paragraphs, (performance.now() - started) / 1000);
    points.push(measured);
    await alsoMeasure(point, measured);
    await rm(point.corpusDir, { recursive: true, force: true });
  }
  return points;
}

/**
 * Per-request overhead: ancre and a plain BM25 answerer on Hono (its own
 * process) under the same load, from autocannon (what the server can do)
 * and from a Node fetch loop in a process of its own (what a calling
 * application sees). Both services run throughout, each idle while the
 * other is loaded, and the fetch loop's rounds alternate between them: a
 * slower minute of the machine then weighs on both alike (measured one
 * after the other, the ratio read 0.26 in one run and 0.47 in the next).
 */
async function measureOverhead(seed: AncreConfig): Promise<Overhead> {
  const load = { connections: CONNECTIONS, seconds: SECONDS };
  const ancre = await startServeProcess(serviceEnv(seed));
  let plain: ServeProcess | undefined;
  try {
    plain = await startPlainAnswerer(seed.corpusDir);
    const services = { ancre, plain };
    const autocannon = { ancre: await loadAsk(ancre.url, distinct, load), plain: await loadAsk(plain.url, distinct, load) };
    const rounds: FetchLoopRounds = { ancre: [], plain: [] };
    for (let round = 0; round < FETCH_LOOP_ROUNDS; round++) {
      for (const name of ['ancre', 'plain'] as const) {
        rounds[name].push(await loadAskFromOwnProcess({ url: services[name].url, pid: services[name].child.pid! }, load));
      }
    }
    return fetchLoopOverhead(autocannon, rounds);
  } finally {
    await ancre.stop();
    await plain?.stop();
  }
}

const at = (config: AncreConfig, corpusDir: string, indexDir: string): AncreConfig => ({ ...config, corpusDir, indexDir });

async function write(result: Parameters<typeof report>[0]): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(path.join(OUT_DIR, 'bench.json'), JSON.stringify(result, null, 2));
  const chart = scaleCurveChart(result.model, [result.seed, ...result.scale]);
  await writeFile(path.join(OUT_DIR, 'scale-curve.svg'), chart);
  await writeFile(path.join(OUT_DIR, 'scale-curve.png'), svgToPng(chart));
  console.log(report(result));
  const shown = (file: string) => path.relative(process.cwd(), path.join(OUT_DIR, file));
  console.log(`\n(JSON: ${shown('bench.json')}; chart: ${shown('scale-curve.png')})`);
}

await main();
