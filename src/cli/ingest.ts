/** `npm run ingest`: (re)build the index from the corpus folder. */
import { loadConfig } from '../config.ts';
import { buildIndex } from '../ingest/build-index.ts';
import { formatIngestReport, loadModel } from '../runtime.ts';
import { runMain } from './run-main.ts';

await runMain(async () => {
  const config = loadConfig();
  const log = (line: string) => console.error(line);
  const { embedder, fallback } = await loadModel(config, log);
  const report = await buildIndex({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder, fallback });
  console.log(formatIngestReport(report));
  return report.failures.length > 0 ? 1 : 0;
});
