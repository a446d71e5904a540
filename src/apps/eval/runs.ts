/** What every measurement around a set of questions does: a runtime per setting, closed once measured. */
import { startRuntime, type Engine, type PipelineSettings } from '../../pipeline/pipeline.ts';

export interface RunOptions {
  /** Where the runtime's notices go. @default nowhere — a fit opens dozens of runtimes over indexes it built itself. */
  log: (line: string) => void;
  /** Build the index first when it is missing or outdated. @default false — the fit brings its indexes up to date itself. */
  buildIfMissing: boolean;
}

const QUIET: RunOptions = { log: () => {}, buildIfMissing: false };

/** Opens the index of `settings`, hands its engine to `use`, and closes it again, also when `use` fails. */
export async function withEngine<T>(settings: PipelineSettings, use: (engine: Engine) => Promise<T>, options: Partial<RunOptions> = {}): Promise<T> {
  const { log, buildIfMissing } = { ...QUIET, ...options };
  const { engine, pipeline } = await startRuntime(settings, log, { buildIfMissing });
  try {
    return await use(engine);
  } finally {
    await pipeline.close();
  }
}
