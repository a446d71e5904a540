/**
 * One writer at a time, across processes: a LOCK file naming the writer —
 * its host, pid and the time its process started. A lock whose writer is
 * gone (killed mid-ingest) is taken over; so is one whose pid now belongs to
 * another process (pids are reused, in containers often), told apart by the
 * process's start time. A lock from another host cannot be checked: it says
 * how to clear it.
 */
import { readFileSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IndexBusyError } from '../../../contracts/errors.ts';

interface LockHolder {
  pid: number;
  host: string;
  /** When the holder's process started (ms since the epoch), or null where the system does not say. */
  processStart: number | null;
}

/** Takes the lock of `indexDir`; resolves to its release. */
export async function acquireWriteLock(indexDir: string): Promise<() => Promise<void>> {
  const lock = path.join(indexDir, 'LOCK');
  const self: LockHolder = { pid: process.pid, host: os.hostname(), processStart: processStart(process.pid) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, JSON.stringify(self), { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const why = await stillHeld(lock);
      if (why) throw new IndexBusyError(`${why} is writing ${indexDir}; try again when it is done (if no ingest runs, delete ${lock})`);
      await rm(lock, { force: true });
    }
  }
  throw new IndexBusyError(`cannot lock ${indexDir}`);
}

/** Who holds the lock, in words, or null when nobody does any more. */
async function stillHeld(lock: string): Promise<string | null> {
  const text = await readFile(lock, 'utf8').catch(() => '');
  const holder = parseHolder(text);
  if (!holder) return null;
  if (holder.host !== os.hostname()) return `an ingest on ${holder.host} (pid ${holder.pid})`;
  if (holder.pid === process.pid || !processAlive(holder.pid)) return null;
  const started = processStart(holder.pid);
  // A lock of the old form (a bare pid) has no start time: the lock file's own age stands in for it.
  const recorded = holder.processStart ?? (await stat(lock).then((s) => s.mtimeMs, () => null));
  if (started !== null && recorded !== null) {
    const reused = holder.processStart !== null ? Math.abs(started - recorded) > 1000 : started > recorded + 1000;
    if (reused) return null;
  }
  return `another ingest (pid ${holder.pid})`;
}

function parseHolder(text: string): LockHolder | null {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()), host: os.hostname(), processStart: null };
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Clock ticks per second of /proc's times: 100 on every Linux built since 2.6. */
const CLOCK_TICKS = 100;

/** When a process started (ms since the epoch), from /proc on Linux; null elsewhere or when it is gone. */
export function processStart(pid: number): number | null {
  try {
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // After the command name, field 22 of stat (starttime) is the 20th.
    const ticks = Number(fields[19]);
    return Number.isFinite(bootSeconds) && Number.isFinite(ticks) ? bootSeconds * 1000 + (ticks * 1000) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}
