/**
 * Ingest against the runtime's limit. For the model in use and for the
 * default model's compute twin (../shared/models/e5-twin: its speed is the
 * real model's), a full ingest of the evaluation corpus (PIAF's when it is
 * beside the project, else the seed articles) in paragraphs/s and tokens/s,
 * beside the network's forward passes alone over the same paragraphs in the
 * same batches; then the time from starting `ancre serve` on that index to
 * its first answer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../contracts/model.ts';
import { corpusParagraphs, ingestCalls, OFFLINE_MODEL_ID, Pipeline } from '../../pipeline/pipeline.ts';
import { round } from '../../shared/round.ts';
import { DEFAULT_MODEL, PROJECT_ROOT, type AncreConfig } from '../config.ts';
import { serviceEnv } from './measure.ts';
import { startServeProcess } from './serve-process.ts';
import { repeated } from './settings.ts';

const PIAF_CORPUS = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'piaf', 'corpus');
const TWIN = path.join(PROJECT_ROOT, '..', 'shared', 'models', 'e5-twin');

export interface ThroughputFigures {
  model: string;
  corpus: string;
  /** Threads the ingest embedded on, each with its own copy of the model; the limit is theirs at once. */
  threads: number;
  paragraphs: number;
  sentences: number;
  tokens: number;
  ingestSeconds: number;
  ingestParagraphsPerSecond: number;
  ingestTokensPerSecond: number;
  /**
   * The forward passes alone over the same paragraphs, in the same calls and batches, every thread passing at once,
   * their seconds shared between the threads: the physical limit here.
   */
  forwardSeconds: number;
  forwardParagraphsPerSecond: number;
  /** Ingest's paragraphs/s as a share of the forward passes' (sentences included, which the passes do not compute). */
  shareOfLimit: number;
  /** From starting `ancre serve` on the built index to its first answer. */
  firstAnswerSeconds: number;
}

/** The models to measure: the one configured, and the twin of the default when it is there and not already the one. */
export function throughputModels(config: AncreConfig): { model: string; modelsDir: string | undefined }[] {
  const models = [{ model: config.model, modelsDir: config.modelsDir }];
  if (existsSync(path.join(TWIN, DEFAULT_MODEL)) && config.modelsDir !== TWIN) models.push({ model: DEFAULT_MODEL, modelsDir: TWIN });
  return models;
}

/**
 * A full ingest and the forward passes alone, on one thread and, for a model
 * with a network (not the offline model), on the threads `ancre ingest`
 * uses (config.ingestThreads): there the limit is every thread's forward
 * passes at once.
 */
export async function measureThroughput(config: AncreConfig, work: string, choice: { model: string; modelsDir: string | undefined }): Promise<ThroughputFigures[]> {
  const corpusDir = existsSync(PIAF_CORPUS) ? PIAF_CORPUS : config.corpusDir;
  const label = choice.model.replace(/\W+/g, '-');
  // Its own offline model folder: the offline model is rebuilt for this corpus, never in the project's.
  const settings = { ...config, ...choice, corpusDir, indexDir: path.join(work, `index-${label}`), offlineModelDir: path.join(work, `models-${label}`) };
  const pipeline = await Pipeline.create(settings, (line) => console.error(line));
  try {
    const paragraphs = await corpusParagraphs(corpusDir);
    const threadCounts = pipeline.embedder.model.offline || config.ingestThreads <= 1 ? [1] : [1, config.ingestThreads];
    const rows: Omit<ThroughputFigures, 'firstAnswerSeconds'>[] = [];
    for (const threads of threadCounts) {
      console.error(`bench: ingesting ${corpusDir} with ${pipeline.embedder.model.id} on ${threads} thread(s) …`);
      const ingest = await pipeline.ingest({ full: true, threads });
      const { tokens, seconds: forwardSeconds } = await forwardPassesInCalls(pipeline.ingestEmbedder(threads), paragraphs);
      rows.push({
        model: pipeline.fallback ? `${OFFLINE_MODEL_ID} (fallback)` : pipeline.embedder.model.id,
        corpus: path.basename(path.dirname(corpusDir)) === 'piaf' ? 'PIAF' : 'seed',
        threads,
        paragraphs: ingest.paragraphs,
        sentences: ingest.sentences,
        tokens,
        ingestSeconds: round(ingest.seconds, 2),
        ingestParagraphsPerSecond: round(ingest.paragraphs / ingest.seconds, 1),
        ingestTokensPerSecond: Math.round(tokens / ingest.seconds),
        forwardSeconds: round(forwardSeconds, 2),
        forwardParagraphsPerSecond: round(ingest.paragraphs / forwardSeconds, 1),
        shareOfLimit: round(forwardSeconds / ingest.seconds, 2),
      });
    }
    const firstAnswerSeconds = round(await timeFirstAnswer(settings), 2);
    return rows.map((row) => ({ ...row, firstAnswerSeconds }));
  } finally {
    await pipeline.close();
  }
}

/** The forward passes alone over the paragraphs in the calls an ingest makes, which its batches are cut within. */
async function forwardPassesInCalls(embedder: Embedder, paragraphs: readonly string[]): Promise<{ tokens: number; seconds: number }> {
  let tokens = 0;
  let seconds = 0;
  for (const call of ingestCalls(paragraphs)) {
    const timed = await embedder.forwardPasses!(call);
    tokens += timed.tokens;
    seconds += timed.seconds;
  }
  return { tokens, seconds };
}

async function timeFirstAnswer(config: AncreConfig): Promise<number> {
  const started = performance.now();
  const service = await startServeProcess(serviceEnv(config));
  try {
    const response = await fetch(`${service.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: repeated(0) }) });
    await response.json();
    return (performance.now() - started) / 1000;
  } finally {
    await service.stop();
  }
}
