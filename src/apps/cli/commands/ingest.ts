/** `ancre ingest`: bring the index up to date with the corpus folder. */
import { describeIngest, Pipeline } from '../../../pipeline/pipeline.ts';
import type { AncreConfig } from '../../config.ts';
import { EXIT } from '../exit-codes.ts';
import { progressReporter } from '../progress.ts';

export async function ingestCommand(config: AncreConfig, options: { full: boolean }): Promise<number> {
  // A model on this machine is loaded only if something must be embedded: with nothing new, the command is done in under a second.
  const pipeline = await Pipeline.create({ ...config, lazyModel: true }, (line) => console.error(line));
  const progress = progressReporter();
  try {
    // This process ends with its ingest: the model may run on several threads (pooled-embedder.ts).
    const report = await pipeline.ingest({ full: options.full, onProgress: progress, threads: config.ingestThreads });
    progress.stop();
    console.log(describeIngest(report));
    return report.failures.length > 0 ? EXIT.failure : EXIT.ok;
  } finally {
    progress.stop();
    // Its embedding threads, when it had more than one, would keep the process running.
    await pipeline.close();
  }
}
