/**
 * `npm run ingest [-- --full]`: bring the index up to date with the corpus,
 * embedding only new and changed articles. Exits 1 when some file could not
 * be read (the others are indexed).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { ingest } from '../ingest/build-index.ts';
import { formatIngestReport, loadModel } from '../runtime.ts';
import { progressReporter } from './progress.ts';
import { runMain } from './run-main.ts';

await runMain(async () => {
  const { values } = parseArgs({ options: { full: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const log = (line: string) => console.error(line);
  const { embedder, fallback } = await loadModel(config, log);
  const progress = progressReporter();
  try {
    const report = await ingest({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      embedder,
      fallback,
      full: values.full,
      onProgress: progress,
    });
    progress.stop();
    console.log(formatIngestReport(report));
    return report.failures.length > 0 ? 1 : 0;
  } finally {
    progress.stop();
  }
});
