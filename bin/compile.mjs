// The compiled start path: the command line bundled by esbuild into ES
// modules under node_modules/.cache/ancre/, one folder per state of src/,
// rebuilt (about 0.3 s, once) whenever a file there changed. Starting from
// it skips tsx's per-module transforms, about a third of a second of every
// command, and of every worker thread's start. Packages stay in
// node_modules.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'ancre');
/** Bundles of older sources are removed once this old; a process started from one has long loaded it. */
const KEEP_MS = 24 * 3600 * 1000;

/** Every file under src/ by path, size and modification time, hashed: the state the bundle was built from. */
function sourceStamp() {
  const hash = createHash('sha256');
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(SRC, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The entry of a bundle built from src/ as it is now, building it when there is none; null when it cannot be built. */
export async function compiledCli() {
  if (process.env.ANCRE_NO_BUNDLE === '1') return null;
  try {
    const stamp = sourceStamp();
    const dir = path.join(CACHE, `cli-${stamp}`);
    const entry = path.join(dir, 'ancre.js');
    if (existsSync(entry)) return entry;
    const { build } = await import('esbuild');
    const tmp = path.join(CACHE, `tmp-${process.pid}-${Date.now()}`);
    await build({
      // The worker threads' modules too, under workers/: src/shared/worker.ts starts them from there.
      entryPoints: {
        ancre: path.join(SRC, 'apps', 'cli', 'ancre.ts'),
        'workers/embed-worker': path.join(SRC, 'stages', '2-embed', 'threaded', 'embed-worker.ts'),
        'workers/vectra-read-worker': path.join(SRC, 'stages', '3-store', 'vectra', 'vectra-read-worker.ts'),
      },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outdir: tmp,
      logLevel: 'silent',
    });
    mkdirSync(CACHE, { recursive: true });
    try {
      // Whole or not at all: a folder named by its stamp is complete, and never changed again.
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    pruneOlder(dir);
    return existsSync(entry) ? entry : null;
  } catch {
    // A source that does not compile: tsx will say where.
    return null;
  }
}

function pruneOlder(keep) {
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (dir !== keep && Date.now() - statSync(dir).mtimeMs > KEEP_MS) rmSync(dir, { recursive: true, force: true });
  }
}
