/**
 * One writer at a time, across processes: a LOCK file holding the writer's
 * pid. A lock whose process is gone (killed mid-ingest) is taken over.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IndexBusyError } from '../../../contracts/errors.ts';

/** Takes the lock of `indexDir`; resolves to its release. */
export async function acquireWriteLock(indexDir: string): Promise<() => Promise<void>> {
  const lock = path.join(indexDir, 'LOCK');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new IndexBusyError(`another ingest (pid ${holder}) is writing ${indexDir}; try again when it is done`);
      }
      await rm(lock, { force: true });
    }
  }
  throw new IndexBusyError(`cannot lock ${indexDir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
