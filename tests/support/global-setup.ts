/**
 * Builds, once for the whole run, what the integration tests share: the
 * offline model and an index of the seed articles, in a temporary folder.
 * Built by the same code the product uses, so the tests exercise it too.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig, PROJECT_ROOT } from '../../src/apps/config.ts';
import { OFFLINE_MODEL_ID, Pipeline } from '../../src/pipeline/pipeline.ts';

export interface Fixture {
  root: string;
  corpusDir: string;
  indexDir: string;
  offlineModelDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    fixture: Fixture;
  }
}

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'corpus');

export default async function setup(project: TestProject) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ancre-test-'));
  const fixture: Fixture = {
    root,
    corpusDir: path.join(root, 'corpus'),
    indexDir: path.join(root, 'index'),
    offlineModelDir: path.join(root, 'models'),
  };
  await cp(SEEDS_DIR, fixture.corpusDir, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') });
  const config = {
    ...loadConfig({}),
    model: OFFLINE_MODEL_ID,
    offlineModelDir: fixture.offlineModelDir,
    corpusDir: fixture.corpusDir,
    indexDir: fixture.indexDir,
  };
  await (await Pipeline.create(config, () => {})).ingest();
  project.provide('fixture', fixture);
  return () => rm(root, { recursive: true, force: true });
}
