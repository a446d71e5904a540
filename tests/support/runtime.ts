/** Opens the shared fixture's model and index the way the service does. */
import { inject } from 'vitest';
import { loadConfig, type AncreConfig } from '../../src/apps/config.ts';
import { OFFLINE_MODEL_ID, Pipeline, type Engine } from '../../src/pipeline/pipeline.ts';

export function fixtureConfig(overrides: Partial<AncreConfig> = {}): AncreConfig {
  const fixture = inject('fixture');
  return {
    ...loadConfig({}),
    model: OFFLINE_MODEL_ID,
    offlineModelDir: fixture.offlineModelDir,
    corpusDir: fixture.corpusDir,
    indexDir: fixture.indexDir,
    ...overrides,
  };
}

/** The pipeline over the fixture, the model loaded in this thread. */
export function fixturePipeline(): Promise<Pipeline> {
  return Pipeline.create(fixtureConfig(), () => {});
}

export async function openFixtureEngine(): Promise<Engine> {
  return (await fixturePipeline()).openEngine();
}

/** The engine as the service runs it: the model on a worker thread. Close it when done. */
export async function openThreadedFixtureEngine(): Promise<{ engine: Engine; close: () => Promise<void> }> {
  const pipeline = await Pipeline.create({ ...fixtureConfig(), threaded: true }, () => {});
  return { engine: await pipeline.openEngine(), close: () => pipeline.close() };
}
