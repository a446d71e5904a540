/** What every measurement of `npm run fit` does around its questions: a runtime per setting. */
import { startRuntime, type Engine, type PipelineSettings } from '../../pipeline/pipeline.ts';

/** Opens the index already built for `settings`, hands its engine to `use`, and closes it again, also when `use` fails. */
export async function withEngine<T>(settings: PipelineSettings, use: (engine: Engine) => Promise<T>): Promise<T> {
  const { engine, pipeline } = await startRuntime(settings, () => {}, { buildIfMissing: false });
  try {
    return await use(engine);
  } finally {
    await pipeline.close();
  }
}
