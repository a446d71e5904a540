/**
 * `ancre build-model`: (re)build the offline embedding model from the
 * corpus. An index built with the previous model is rebuilt by the next
 * ingest (the model's fingerprint changed).
 */
import { rebuildOfflineModel } from '../../../pipeline/pipeline.ts';
import type { AncreConfig } from '../../config.ts';
import { EXIT } from '../exit-codes.ts';

export async function buildModelCommand(config: AncreConfig): Promise<number> {
  const report = await rebuildOfflineModel(config);
  console.log(
    `ancre: offline model written to ${report.dir}: ${report.tokens} tokens, ${report.rows} rows × ${report.dimensions} dims, ` +
      `${report.corpusStems} corpus stems, fingerprint ${report.fingerprint}, ${report.seconds.toFixed(1)} s`,
  );
  return EXIT.ok;
}
