/**
 * `npm run model:build`: (re)build the offline embedding model from the
 * corpus. An index built with the previous model must be rebuilt after it
 * (the service refuses to mix them and says so).
 */
import { loadConfig } from '../config.ts';
import { buildOfflineModel } from '../embed/offline/build.ts';
import { corpusParagraphs } from '../ingest/build-index.ts';
import { runMain } from './run-main.ts';

await runMain(async () => {
  const config = loadConfig();
  const report = await buildOfflineModel(await corpusParagraphs(config.corpusDir), config.offlineModelDir);
  console.log(
    `ancre: offline model written to ${report.dir}: ${report.tokens} tokens, ${report.rows} rows × ${report.dimensions} dims, ` +
      `${report.corpusStems} corpus stems, fingerprint ${report.fingerprint}, ${report.seconds.toFixed(1)} s`,
  );
});
