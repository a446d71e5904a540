/** What ancre records in a model's own `config.json`, under `ancre`: read in one place for the profile, the fingerprint, the builder's version and the width. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelProfile } from '../../contracts/model.ts';

export interface AncreModelEntry {
  /** The model's tuning for the stages (model-profile.ts). */
  profile?: ModelProfile;
  /** Which build of the offline model this is. */
  fingerprint?: string;
  /** The offline model builder's version (offline/build.ts). */
  version?: number;
}

/** What ancre reads of a model's config.json: its width and the `ancre` entry. */
export interface ModelConfig {
  hidden_size?: number;
  ancre?: AncreModelEntry;
}

/** The config.json in `modelDir`; null when it cannot be read. */
export async function modelConfig(modelDir: string): Promise<ModelConfig | null> {
  try {
    return JSON.parse(await readFile(path.join(modelDir, 'config.json'), 'utf8')) as ModelConfig;
  } catch {
    return null;
  }
}

/** The `ancre` entry of the config.json in `modelDir`; null when there is none or the file cannot be read. */
export async function ancreEntry(modelDir: string): Promise<AncreModelEntry | null> {
  return (await modelConfig(modelDir))?.ancre ?? null;
}

/**
 * What tells one build of a model from another: the offline model's
 * fingerprint, which changes with each build of it; a published model's id.
 */
export function fingerprintOf(modelId: string, offline: boolean, config: ModelConfig | null): string {
  return offline ? (config?.ancre?.fingerprint ?? 'unknown') : modelId;
}
