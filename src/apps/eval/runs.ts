/** What every measurement of `npm run fit` does around its questions: a runtime per setting, and the share it found. */
import { startRuntime, type Engine, type PipelineSettings } from '../../pipeline/pipeline.ts';
import { round } from '../../shared/round.ts';

/** Opens the index already built for `settings`, hands its engine to `use`, and closes it again, also when `use` fails. */
export async function withEngine<T>(settings: PipelineSettings, use: (engine: Engine) => Promise<T>): Promise<T> {
  const { engine, pipeline } = await startRuntime(settings, () => {}, { buildIfMissing: false });
  try {
    return await use(engine);
  } finally {
    await pipeline.close();
  }
}

/** The share of `found` that is true, rounded as the fitted figures are (0 for none). */
export function shareFound(found: readonly boolean[]): number {
  return round(found.filter(Boolean).length / Math.max(1, found.length));
}
