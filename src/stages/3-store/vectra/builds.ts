/**
 * Builds on disk: each build is a folder `build-<time>-<pid>/`, and a file
 * `CURRENT` names the one in use. CURRENT is replaced by an atomic rename, so
 * a reader sees either the old build or the new one, whole; a crash before
 * the rename leaves only an unreferenced folder, removed by the next write.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const CURRENT = 'CURRENT';
const BUILD_PREFIX = 'build-';

/** The folder of the build in use; throws (ENOENT) when there is none. */
export async function currentBuildDir(indexDir: string): Promise<string> {
  return path.join(indexDir, (await readFile(path.join(indexDir, CURRENT), 'utf8')).trim());
}

/** A new, empty build folder beside the current one. */
export async function newBuildDir(indexDir: string): Promise<string> {
  await removeStaleBuilds(indexDir);
  const buildDir = path.join(indexDir, `${BUILD_PREFIX}${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  await mkdir(buildDir, { recursive: true });
  return buildDir;
}

/** Writes a new build; one that fails midway never becomes current, and its files (gigabytes in a large index) go at once, not at the next ingest. */
export async function writingBuild(buildDir: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    await rm(buildDir, { recursive: true, force: true });
    throw error;
  }
}

/** Points CURRENT at a fully written build, then removes the builds no longer named. */
export async function makeCurrent(indexDir: string, buildDir: string): Promise<void> {
  const tmp = path.join(indexDir, `${CURRENT}.tmp-${process.pid}`);
  await writeFile(tmp, `${path.basename(buildDir)}\n`);
  await rename(tmp, path.join(indexDir, CURRENT));
  await removeStaleBuilds(indexDir);
}

/** Removes builds CURRENT does not name and half-written pointer files: the leftovers of an interrupted ingest. */
async function removeStaleBuilds(indexDir: string): Promise<void> {
  let keep: string | null = null;
  try {
    keep = path.basename(await currentBuildDir(indexDir));
  } catch {
    // No CURRENT yet: every build folder is a leftover.
  }
  for (const name of await readdir(indexDir).catch(() => [] as string[])) {
    const stale = (name.startsWith(BUILD_PREFIX) && name !== keep) || name.startsWith(`${CURRENT}.tmp-`);
    if (stale) await rm(path.join(indexDir, name), { recursive: true, force: true });
  }
}
