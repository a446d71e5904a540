/** Temporary folders for a test file, removed when its tests end: a test run leaves nothing in the system's temporary folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/** A new empty folder named `ancre-<purpose>-…` in the system's temporary folder. */
export async function tempDir(purpose: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ancre-${purpose}-`));
  made.push(dir);
  return dir;
}
