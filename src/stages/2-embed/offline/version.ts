/**
 * Which builder made an offline model: kept apart from the builder itself
 * (build.ts), whose stemmers and word lists a process that only loads the
 * model never reads.
 */
import path from 'node:path';
import { ancreEntry } from '../model-config.ts';
import { OFFLINE_MODEL_ID } from './profile.ts';

/** Bump when the builder changes what a model holds; a model an older builder made is then rebuilt before it is loaded (load.ts). */
export const OFFLINE_MODEL_VERSION = 5;

/** Whether an older ancre built the offline model in `offlineModelDir` (its config.json records the builder's version): it then lacks what this ancre's holds. */
export async function offlineModelOutdated(offlineModelDir: string): Promise<boolean> {
  return (await builtVersion(offlineModelDir)) < OFFLINE_MODEL_VERSION;
}

/** The version of the ancre that built the offline model in `offlineModelDir`; 0 when its config.json records none. */
export async function builtVersion(offlineModelDir: string): Promise<number> {
  return (await ancreEntry(path.join(offlineModelDir, OFFLINE_MODEL_ID)))?.version ?? 0;
}
