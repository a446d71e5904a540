/**
 * Rebuilds the index inside the running service and swaps the answer engine
 * in whole once the new build is loaded: questions asked meanwhile are
 * answered from the previous index. One rebuild at a time.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
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
/** How often a vanished corpus folder is looked for. */
const FOLDER_POLL_MS = 500;

/**
 * Re-indexes after files in the corpus folder change, once they have been
 * quiet for a moment. A folder deleted and created again (a deploy, a
 * restore) is watched again once it is back, and re-indexed: the watch
 * never goes silent.
 */
export function watchCorpus(reindexer: Reindexer, corpusDir: string, log: (line: string) => void): { close(): void } {
  let poll: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | null = null;
  let watchedInode = -1;
  const { schedule, cancel } = debouncedReindex(reindexer, log);
  const inode = () => {
    try {
      return statSync(corpusDir).ino;
    } catch {
      return -1;
    }
  };
  const arm = () => {
    watchedInode = inode();
    // Recursive: articles may be kept in folders within the corpus folder (corpus.ts).
    watcher = watch(corpusDir, { recursive: true }, () => (inode() === watchedInode ? schedule() : lost()));
    watcher.on('error', lost);
  };
  const lost = () => {
    watcher?.close();
    watcher = null;
    clearInterval(poll);
    log(`ancre: the corpus folder ${corpusDir} is gone; watching for it to come back`);
    poll = setInterval(() => {
      if (inode() === -1) return;
      clearInterval(poll);
      arm();
      log(`ancre: the corpus folder ${corpusDir} is back; re-indexing it`);
      schedule();
    }, FOLDER_POLL_MS);
  };
  arm();
  return {
    close: () => {
      cancel();
      clearInterval(poll);
      watcher?.close();
    },
  };
}

/** A re-index once changes have been quiet for a moment; one more after a run that changes arrived during. */
function debouncedReindex(reindexer: Reindexer, log: (line: string) => void): { schedule(): void; cancel(): void } {
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
  return { schedule, cancel: () => clearTimeout(timer) };
}
