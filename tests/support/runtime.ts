/** Opens the shared fixture's model and index the way the service does. */
import { inject } from 'vitest';
import { AnswerEngine } from '../../src/pipeline/engine.ts';
import { loadConfig, type AncreConfig } from '../../src/apps/config.ts';
import { loadEmbedder } from '../../src/stages/2-embed/load.ts';
import { OFFLINE_MODEL_ID } from '../../src/stages/2-embed/offline/build.ts';
import { corpusParagraphs } from '../../src/pipeline/indexing.ts';
import { openIndex } from '../../src/stages/3-store/vectra/index-store.ts';
import { loadThreadedEmbedder } from '../../src/stages/2-embed/threaded/threaded-embedder.ts';

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

export async function openFixtureEngine(): Promise<AnswerEngine> {
  const config = fixtureConfig();
  const { embedder } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), () => {});
  return new AnswerEngine(await openIndex(config.indexDir), embedder);
}

/** The engine as the service runs it: the model on a worker thread. Close it when done. */
export async function openThreadedFixtureEngine(): Promise<{ engine: AnswerEngine; close: () => Promise<void> }> {
  const config = fixtureConfig();
  const { embedder } = await loadThreadedEmbedder(config, () => {});
  return { engine: new AnswerEngine(await openIndex(config.indexDir), embedder), close: () => embedder.close() };
}
