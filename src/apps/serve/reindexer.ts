/**
 * Rebuilds the index inside the running service and swaps the answer engine
 * in whole once the new build is loaded: questions asked meanwhile are
 * answered from the previous index. One rebuild at a time.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { IngestReport } from '../../contracts/api.ts';
import type { Engine, Pipeline } from '../../pipeline/pipeline.ts';

export class ReindexBusyError extends Error {}

export class Reindexer {
  private running: Promise<IngestReport> | null = null;

  /** `swap` receives the engine of the new index once it is ready. */
  constructor(
    private readonly pipeline: Pipeline,
    private readonly swap: (engine: Engine) => void,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Runs an incremental ingest, or throws ReindexBusyError when one is already running. */
  run(): Promise<IngestReport> {
    if (this.running) return Promise.reject(new ReindexBusyError('a re-index is already running'));
    this.running = (async () => {
      const report = await this.pipeline.ingest();
      this.swap(await this.pipeline.openEngine());
      // A rebuilt offline model replaced the embedder: the old one is free once its engine is swapped out.
      await this.pipeline.releaseRetired();
      return report;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

const WATCH_DEBOUNCE_MS = 500;

/** Re-indexes after files in the corpus folder change, once they have been quiet for a moment. */
export function watchCorpus(reindexer: Reindexer, corpusDir: string, log: (line: string) => void): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  let again = false;
  const rebuild = () => {
    if (reindexer.busy) {
      again = true;
      return;
    }
    reindexer
      .run()
      .then(
        (report) => log(`ancre: corpus changed: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed`),
        (error: Error) => log(`ancre: re-index after a corpus change failed: ${error.message}`),
      )
      .finally(() => {
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(rebuild, WATCH_DEBOUNCE_MS);
  };
  const watcher = watch(corpusDir, schedule);
  watcher.on('close', () => clearTimeout(timer));
  return watcher;
}
