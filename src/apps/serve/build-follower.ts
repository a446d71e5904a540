/**
 * Keeps a service on the current build when other processes write it: an
 * `ancre ingest` in a terminal, or another instance re-indexing the shared
 * database. Every few seconds it asks the store which build is current and,
 * when that changed, loads it and swaps the engine whole, as a live
 * re-index does; questions meanwhile are answered from the build in hand.
 * A store that cannot be reached is reported (health, log) and asked again.
 */
import { StoreUnavailableError } from '../../contracts/errors.ts';
import type { Engine, Pipeline } from '../../pipeline/pipeline.ts';
import type { Reindexer } from './reindexer.ts';

export interface StoreStatus {
  /** False while the store cannot be reached; null before the first check. */
  reachable: boolean | null;
  /** Why it could not be reached, or why the last new build could not be loaded. */
  problem: string | null;
}

export interface BuildFollower {
  readonly status: StoreStatus;
  close(): void;
}

export function followBuilds(
  parts: { pipeline: Pipeline; current: () => Engine; swap: (engine: Engine) => void; reindexer: Reindexer | undefined },
  intervalMs: number,
  log: (line: string, level?: 'info' | 'warn') => void,
): BuildFollower {
  const status: StoreStatus = { reachable: null, problem: null };
  /** A build that failed to load is not tried again on every tick. */
  let refused: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const check = async () => {
    if (parts.reindexer?.busy) return;
    const build = await parts.pipeline.store.currentBuild();
    if (status.reachable === false) log(`ancre: the index store ${parts.pipeline.store.location} is reachable again`);
    status.reachable = true;
    status.problem = null;
    if (build === null || build === parts.current().build || build === refused) return;
    try {
      parts.swap(await parts.pipeline.openEngine());
      // An offline model reloaded for the new build: the old one is free once its engine is swapped out.
      await parts.pipeline.releaseRetired();
      log(`ancre: build ${build} is current; answering from it`);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      refused = build;
      status.problem = `build ${build} cannot be answered from: ${(error as Error).message}`;
      log(`ancre: ${status.problem}; still answering from build ${parts.current().build}`, 'warn');
    }
  };
  const tick = () => {
    check()
      .catch((error: Error) => {
        if (status.reachable !== false) log(`ancre: ${error.message}; still answering from build ${parts.current().build}`, 'warn');
        status.reachable = false;
        status.problem = error.message;
      })
      .finally(() => {
        if (!closed) timer = setTimeout(tick, intervalMs).unref();
      });
  };
  timer = setTimeout(tick, intervalMs).unref();
  return {
    status,
    close: () => {
      closed = true;
      clearTimeout(timer);
    },
  };
}
