/** The bench's figures as markdown tables and as the scale-curve chart. */
import os from 'node:os';
import { round } from '../../shared/round.ts';
import { scaleCurveSvg, type ChartSeries } from './chart.ts';
import type { DatabaseFigures, StoreFigures } from './database.ts';
import type { LoadFigures } from './load.ts';
import { CONNECTIONS, SECONDS, type Overhead, type ScalePoint } from './settings.ts';
import type { ThroughputFigures } from './throughput.ts';

export function scaleCurveChart(model: string, points: readonly ScalePoint[]): string {
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

export function report(result: {
  machine: { cpus: number; model?: string; node: string };
  model: string;
  fallback: boolean;
  modelLoadSeconds: number;
  seed: ScalePoint & { repeatedQuestions: LoadFigures };
  overhead: Overhead;
  database: DatabaseFigures | null;
  scale: ScalePoint[];
  throughput: ThroughputFigures[];
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
    ...overheadTable(result.overhead),
    '',
    ...databaseTable(result.database),
    '### Where the time of one answer goes (mean ms, 200 distinct questions, one at a time)',
    '',
    '| paragraphs | query embedding | search | sentence choice + assembly | total |',
    '| --- | --- | --- | --- | --- |',
    ...points.map((p) => `| ${p.paragraphs} | ${p.split.embedMs} | ${p.split.searchMs} | ${p.split.selectMs} | ${p.split.totalMs} |`),
    '',
    '### Scale curve',
    '',
    '| paragraphs | vectra items | index MB | ingest s (paragraphs/s) | `ancre ingest` again, nothing changed, s | `ancre ingest`, an article added / taken out, s | load s | service RSS MB | dense search p50 ms | exact scan p50 ms (same kernel / plain JS) | recall@20 | search p50 ms (dense + BM25 + fusion) | answer p50 ms (one at a time) | /ask p50 ms under load | /ask requests/s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...points.map(
      (p) =>
        `| ${p.paragraphs} | ${p.vectraItems} | ${p.indexMegabytes} | ${p.ingestSeconds} (${p.ingestParagraphsPerSecond}) | ${p.unchangedIngestSeconds} | ${p.addedArticleIngestSeconds} / ${p.removedArticleIngestSeconds} | ${p.loadSeconds} | ${p.serviceRssMegabytes} | ${p.denseSearchP50Ms} (${p.denseSearch}${p.simd ? ', SIMD' : ''}) | ${p.exactScanP50Ms} / ${p.jsScanP50Ms} | ${p.denseRecallAt20} | ${p.searchP50Ms} | ${p.askSequentialP50Ms} | ${p.askUnderLoad.p50} | ${p.askUnderLoad.requestsPerSecond.toFixed(0)} |`,
    ),
    '',
    ...throughputTable(result.throughput),
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

function throughputTable(rows: readonly ThroughputFigures[]): string[] {
  return [
    '### Ingest against the runtime\'s limit, and the first answer after a start',
    '',
    '| model | corpus | threads | paragraphs (sentences) | tokens | ingest s | paragraphs/s | tokens/s | forward passes alone s (paragraphs/s): the limit | share of the limit | start to first answer s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (t) =>
        `| ${t.model} | ${t.corpus} | ${t.threads} | ${t.paragraphs} (${t.sentences}) | ${t.tokens} | ${t.ingestSeconds} | ${t.ingestParagraphsPerSecond} | ${t.ingestTokensPerSecond} | ${t.forwardSeconds} (${t.forwardParagraphsPerSecond}) | ${t.shareOfLimit} | ${t.firstAnswerSeconds} |`,
    ),
    '',
  ];
}

function overheadTable({ ancre, plain, fetchLoopRatios }: Overhead): string[] {
  const row = (generator: string, a: LoadFigures, p: LoadFigures) =>
    `| ${generator} | ${a.requestsPerSecond.toFixed(0)} (p50 ${a.p50} ms) | ${p.requestsPerSecond.toFixed(0)} (p50 ${p.p50} ms) | ${round(a.requestsPerSecond / p.requestsPerSecond, 2)} |`;
  return [
    `### Per-request overhead: ancre against a plain BM25 answerer on Hono (seed corpus, distinct questions, ${CONNECTIONS} clients, ${SECONDS} s)`,
    '',
    '| load generator | ancre requests/s | plain answerer requests/s | ratio |',
    '| --- | --- | --- | --- |',
    row('autocannon (what the server can do)', ancre.autocannon, plain.autocannon),
    row('Node fetch loop (what a calling application sees; the median of alternated rounds)', ancre.fetchLoop, plain.fetchLoop),
    '',
    `The fetch loop's rounds, alternated between the two services, ${fetchLoopRatios.length} each: ratios ${fetchLoopRatios.join(', ')}.`,
    '',
    ...cpuTable(ancre.fetchLoop, plain.fetchLoop),
  ];
}

/**
 * The fetch loop's physical limit: service and client share the cores, so
 * their summed CPU a request caps the rate; and what ancre's request may
 * cost for 0.7 × the plain answerer's rate at this client's cost.
 */
function cpuTable(ancre: Overhead['ancre']['fetchLoop'], plain: Overhead['plain']['fetchLoop']): string[] {
  const ms = (x: number) => x.toFixed(3);
  const cores = os.cpus().length;
  const target = 0.7 * plain.requestsPerSecond;
  const allowed = (cores * 1000) / target - ancre.cpu.clientMs;
  return [
    `| Node fetch loop, CPU a request (${cores} cores shared by service and client) | ancre | plain answerer |`,
    '| --- | --- | --- |',
    `| service, all its threads (ms) | ${ms(ancre.cpu.serverMs)} | ${ms(plain.cpu.serverMs)} |`,
    `| … its main thread: HTTP, middleware, the answer's stages (ms) | ${ms(ancre.cpu.serverMainThreadMs)} | ${ms(plain.cpu.serverMainThreadMs)} |`,
    `| … its other threads: the embedding worker, garbage collection (ms) | ${ms(ancre.cpu.serverMs - ancre.cpu.serverMainThreadMs)} | ${ms(plain.cpu.serverMs - plain.cpu.serverMainThreadMs)} |`,
    `| client, the fetch loop (ms) | ${ms(ancre.cpu.clientMs)} | ${ms(plain.cpu.clientMs)} |`,
    `| ceiling: cores ÷ both, requests/s | ${ancre.cpu.ceiling.toFixed(0)} | ${plain.cpu.ceiling.toFixed(0)} |`,
    `| share of the ceiling reached | ${round(ancre.requestsPerSecond / ancre.cpu.ceiling, 2)} | ${round(plain.requestsPerSecond / plain.cpu.ceiling, 2)} |`,
    '',
    `0.7 × the plain answerer (${target.toFixed(0)} requests/s) needs ancre's service at most ${ms(Math.max(0, allowed))} ms of CPU a request with every core busy (now ${ms(ancre.cpu.serverMs)}).`,
    '',
  ];
}

/** The PostgreSQL store beside the folder store on each corpus measured; nothing without a database. */
function databaseTable(database: DatabaseFigures | null): string[] {
  if (!database) return ['(PostgreSQL store: not measured; set ANCRE_DATABASE_URL to add it.)', ''];
  const row = (paragraphs: number, store: string, f: StoreFigures) =>
    `| ${paragraphs} | ${store} | ${f.ingestSeconds} | ${f.openP50Ms} | ${f.buildCheckP50Ms} | ${f.askUnderLoad.requestsPerSecond.toFixed(0)} | ${f.askUnderLoad.p50} | ${f.serviceRssMegabytes} |`;
  return [
    `### The PostgreSQL store beside the folder store (${database.location} for the seed corpus; each corpus in a schema of its own)`,
    '',
    '| paragraphs | store | full ingest s | an instance opens the build, ms | check for a new build, ms | /ask under load, requests/s | p50 ms | service RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...database.points.flatMap(({ paragraphs, postgres, folder }) => [row(paragraphs, 'PostgreSQL', postgres), row(paragraphs, 'folder (vectra)', folder)]),
    '',
  ];
}
