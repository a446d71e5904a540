/**
 * Files the command line's compiled bundle (bin/compile.mjs) holds beside
 * its chunks: the worker threads' modules, the page scripts. Run from the
 * sources, there are none.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The file or folder at `relative` beside the bundle's chunks, or null when ancre runs from its sources. */
export function compiledFile(relative: string): string | null {
  // The one place a file is found from import.meta.url: only the bundle has these siblings.
  const file = fileURLToPath(new URL(`./${relative}`, import.meta.url));
  return existsSync(file) ? file : null;
}
