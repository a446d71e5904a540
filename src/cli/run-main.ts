/**
 * Runs a command-line entry point: a known failure prints one line and
 * exits non-zero, without a stack trace; an unexpected one keeps its trace.
 */
import { ConfigError } from '../config.ts';
import { ModelMismatchError } from '../answer/engine.ts';
import { IndexCorruptError, IndexNotFoundError } from '../store/index-store.ts';

const EXPECTED = [ConfigError, ModelMismatchError, IndexCorruptError, IndexNotFoundError];

export async function runMain(main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (EXPECTED.some((kind) => error instanceof kind)) console.error(`ancre: ${(error as Error).message}`);
    else console.error(error);
    process.exitCode = 1;
  }
}
