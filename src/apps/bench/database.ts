/**
 * The PostgreSQL store on the seed corpus, when `ANCRE_DATABASE_URL` is set:
 * the same ingest, the load of a generation by an instance, the check every
 * instance makes for a new build, and the service under load, beside the
 * folder store's figures for the same corpus.
 */
import type { Pipeline } from '../../pipeline/pipeline.ts';
import { round } from '../../shared/round.ts';
import type { AncreConfig } from '../config.ts';
import { loadAsk, type LoadFigures } from './load.ts';
import { p50, serviceEnv } from './measure.ts';
import { startServeProcess } from './serve-process.ts';
import { CONNECTIONS, distinct, SECONDS } from './settings.ts';

export interface DatabaseFigures {
  /** The database, without its password. */
  location: string;
  ingestSeconds: number;
  /** An instance loading the current generation (median of 5). */
  openP50Ms: number;
  /** What an instance asks every ANCRE_BUILD_CHECK_MS (median of 50). */
  buildCheckP50Ms: number;
  askUnderLoad: LoadFigures;
  /** The same two for the folder store of the same corpus. */
  folder: { openP50Ms: number; buildCheckP50Ms: number };
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

/** Runs on `seed`'s corpus (indexed in its folder already) in its own schema of the database; null without a database URL. */
export async function measureDatabase(pipeline: Pipeline, seed: AncreConfig, databaseUrl: string | undefined): Promise<DatabaseFigures | null> {
  if (!databaseUrl) return null;
  const folderStore = pipeline.at({ corpusDir: seed.corpusDir, indexDir: seed.indexDir }).store;
  const folder = { openP50Ms: await medianMs(5, () => folderStore.open()), buildCheckP50Ms: await medianMs(50, () => folderStore.currentBuild()) };
  const database = pipeline.at({ corpusDir: seed.corpusDir, indexDir: seed.indexDir, databaseUrl });
  try {
    const { seconds } = await database.ingest({ full: true });
    const openP50Ms = await medianMs(5, () => database.store.open());
    const buildCheckP50Ms = await medianMs(50, () => database.store.currentBuild());
    const service = await startServeProcess(serviceEnv({ ...seed, databaseUrl, databaseSchema: database.settings.databaseSchema ?? seed.databaseSchema }));
    try {
      const askUnderLoad = await loadAsk(service.url, distinct, { connections: CONNECTIONS, seconds: SECONDS });
      return { location: database.store.location, ingestSeconds: round(seconds, 2), openP50Ms, buildCheckP50Ms, askUnderLoad, folder };
    } finally {
      await service.stop();
    }
  } finally {
    await database.store.close();
  }
}
