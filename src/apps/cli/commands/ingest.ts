/** `ancre ingest`: bring the index up to date with the corpus folder. */
import type { AncreConfig } from '../../config.ts';
import { ingest } from '../../../pipeline/indexing.ts';
import { formatIngestReport, loadModel } from '../../../pipeline/pipeline.ts';
import { EXIT } from '../exit-codes.ts';
import { progressReporter } from '../progress.ts';

export async function ingestCommand(config: AncreConfig, options: { full: boolean }): Promise<number> {
  const { embedder, fallback } = await loadModel(config, (line) => console.error(line));
  const progress = progressReporter();
  try {
    const report = await ingest({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder, fallback, full: options.full, onProgress: progress });
    progress.stop();
    console.log(formatIngestReport(report));
    return report.failures.length > 0 ? EXIT.failure : EXIT.ok;
  } finally {
    progress.stop();
  }
}
