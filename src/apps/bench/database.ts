/**
 * The PostgreSQL store, when `ANCRE_DATABASE_URL` is set, on the seed corpus
 * and on each corpus of the scale curve: the same ingest, the load of a
 * generation by an instance, the check every instance makes for a new
 * build, the service under load and its memory, beside the folder store's
 * figures for the same corpus. Each corpus gets a schema of its own, dropped
 * once measured.
 */
import type { Pipeline } from '../../pipeline/pipeline.ts';
import { round } from '../../shared/round.ts';
import type { AncreConfig } from '../config.ts';
import { loadAsk, type LoadFigures } from './load.ts';
import { p50, serviceEnv } from './measure.ts';
import { startServeProcess } from './serve-process.ts';
import { CONNECTIONS, distinct, SECONDS, type ScalePoint } from './settings.ts';

/** One store on one corpus. */
export interface StoreFigures {
  ingestSeconds: number;
  /** An instance opening the current build to answer from (median of 3): the folder store loads it whole, the database only its metadata. */
  openP50Ms: number;
  /** What an instance asks every ANCRE_BUILD_CHECK_MS (median of 50). */
  buildCheckP50Ms: number;
  askUnderLoad: LoadFigures;
  serviceRssMegabytes: number;
}

export interface DatabasePoint {
  paragraphs: number;
  postgres: StoreFigures;
  folder: StoreFigures;
}

export interface DatabaseFigures {
  /** The database, without its password, and the seed corpus's schema (each corpus had one of its own). */
  location: string;
  points: DatabasePoint[];
}

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return p50(times);
}

/**
 * Measures the PostgreSQL store on `point`'s corpus (already indexed in its
 * folder, whose figures `folder` holds), in a schema of its own that is
 * dropped afterwards.
 */
export async function measureDatabaseAt(pipeline: Pipeline, point: AncreConfig, folder: ScalePoint, databaseUrl: string): Promise<{ location: string; point: DatabasePoint }> {
  const folderPipeline = pipeline.at({ corpusDir: point.corpusDir, indexDir: point.indexDir });
  const database = pipeline.at({ corpusDir: point.corpusDir, indexDir: point.indexDir, databaseUrl });
  const store = database.store;
  try {
    const { seconds } = await database.ingest({ full: true });
    const postgres = await storeFigures(database, { ...point, databaseUrl, databaseSchema: database.settings.databaseSchema ?? point.databaseSchema }, round(seconds, 2));
    const folderFigures: StoreFigures = {
      ingestSeconds: folder.ingestSeconds,
      openP50Ms: await medianMs(3, () => folderPipeline.openEngine()),
      buildCheckP50Ms: await medianMs(50, () => folderPipeline.store.currentBuild()),
      askUnderLoad: folder.askUnderLoad,
      serviceRssMegabytes: folder.serviceRssMegabytes,
    };
    return { location: store.location, point: { paragraphs: folder.paragraphs, postgres, folder: folderFigures } };
  } finally {
    await database.discardIndex();
    await store.close();
  }
}

async function storeFigures(database: Pipeline, serviceConfig: AncreConfig, ingestSeconds: number): Promise<StoreFigures> {
  const openP50Ms = await medianMs(3, () => database.openEngine());
  const buildCheckP50Ms = await medianMs(50, () => database.store.currentBuild());
  const service = await startServeProcess(serviceEnv(serviceConfig));
  try {
    const askUnderLoad = await loadAsk(service.url, distinct, { connections: CONNECTIONS, seconds: SECONDS });
    return { ingestSeconds, openP50Ms, buildCheckP50Ms, askUnderLoad, serviceRssMegabytes: Math.round(service.residentMegabytes()) };
  } finally {
    await service.stop();
  }
}
