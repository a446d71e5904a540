/**
 * What every part of the bench shares: the run's settings, the questions,
 * and the figures of one point of the scale curve.
 *
 * BENCH_SCALES (default "1000,10000,100000") lists the paragraph counts of the
 * scale curve; BENCH_SECONDS (default 10) the length of each load run.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import type { CpuPerRequest } from './cpu.ts';
import type { LoadFigures } from './load.ts';

export const SCALES = (process.env.BENCH_SCALES ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = 8;
/** How deep the dense ranking is read before fusion (the retrieval stage's default), and so where recall is measured. */
export const RECALL_DEPTH = 20;
export const OUT_DIR = path.join(PROJECT_ROOT, '.artifacts', 'bench');

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
export const distinct = (i: number) => `${QUESTIONS[i % QUESTIONS.length]} ${i}`;
export const repeated = (i: number) => QUESTIONS[i % QUESTIONS.length]!;

export interface ScalePoint {
  paragraphs: number;
  vectraItems: number;
  indexMegabytes: number;
  ingestSeconds: number;
  ingestParagraphsPerSecond: number;
  /** `ancre ingest` again, nothing having changed: its own process, wall time. */
  unchangedIngestSeconds: number;
  /** `ancre ingest` after one article is added, then after it is taken out again: its own process, wall time. */
  addedArticleIngestSeconds: number;
  removedArticleIngestSeconds: number;
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

/** ancre and the plain answerer under the same load, from two generators. */
export interface Overhead {
  /** `fetchLoop`: the round of median requests/s among the alternated rounds (overhead.ts). */
  ancre: { autocannon: LoadFigures; fetchLoop: LoadFigures & { cpu: CpuPerRequest } };
  plain: { autocannon: LoadFigures; fetchLoop: LoadFigures & { cpu: CpuPerRequest } };
  /** Each alternated round's ancre requests/s over the plain answerer's round right after it. */
  fetchLoopRatios: number[];
}
