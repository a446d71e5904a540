/**
 * Where the project's files are, found from this module's own location by
 * walking up to ancre's package.json: the same answer whether ancre runs
 * from its TypeScript sources or from the compiled bundle (bin/compile.mjs),
 * which lives elsewhere. Files that are read or started by path (worker
 * modules, the page's sources) are named from here, not from
 * `import.meta.url`, which a bundle changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ancre') return dir;
    if (path.dirname(dir) === dir) throw new Error(`ancre's package.json is not above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A file under src/, by its path there. */
export function sourcePath(relative: string): string {
  return path.join(PROJECT_ROOT, 'src', relative);
}

/** The same, as a file URL (what worker threads and dynamic imports take). */
export function sourceUrl(relative: string): URL {
  return pathToFileURL(sourcePath(relative));
}
