/**
 * What a store says when a build cannot be used, the same words whichever
 * store: none yet, one an older ancre wrote, or one that cannot be read.
 * Each says what to do.
 */
import { IndexCorruptError, IndexNotFoundError, IndexOutdatedError, StoreUnavailableError } from '../../contracts/errors.ts';
import type { IndexManifest } from '../../contracts/store.ts';
import { INDEX_FORMAT } from './items.ts';

export const REBUILD = 'rebuild it with "npm run ingest"';
/**
 * For a build that cannot be read: an ingest that finds no article changed
 * reads only its manifest, and would leave it as it is.
 */
export const REBUILD_WHOLE = 'rebuild it with "npm run ingest -- --full"';

/** The error for a store with no build yet. */
export function noIndex(location: string): IndexNotFoundError {
  return new IndexNotFoundError(`no index in ${location}: run "npm run ingest" to build it`);
}

/** Throws IndexOutdatedError for a build an older ancre wrote, which this one does not read. */
export function checkFormat(manifest: IndexManifest, where: string): void {
  if (manifest.format !== INDEX_FORMAT) throw new IndexOutdatedError(`the index in ${where} has format ${manifest.format}, expected ${INDEX_FORMAT}: ${REBUILD}`);
}

/**
 * Runs a read of a build (`what` names it in the message), turning any
 * failure into one IndexCorruptError that says what to do; a store that
 * cannot be reached stays that, for it is worth retrying.
 */
export async function readingBuild<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof StoreUnavailableError || error instanceof IndexCorruptError) throw error;
    throw new IndexCorruptError(`${what} cannot be read (${(error as Error).message}): ${REBUILD_WHOLE}`);
  }
}
