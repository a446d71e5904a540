/**
 * Wires the stages together for a process that answers questions: load the
 * embedding model (falling back to the offline one), build the index if
 * there is none, load it, and hand back the answer engine.
 */
import type { AncreConfig } from '../apps/config.ts';
import { AnswerEngine } from './engine.ts';
import type { Embedder } from '../stages/2-embed/embedder.ts';
import { loadEmbedder, type FallbackNotice, type LoadedEmbedder, type Logger } from '../stages/2-embed/load.ts';
import { loadThreadedEmbedder } from '../stages/2-embed/threaded/threaded-embedder.ts';
import { corpusParagraphs, ingest as runIngest, type IngestReport } from './indexing.ts';
import { indexExists, openIndex } from '../stages/3-store/vectra/index-store.ts';

export interface Runtime {
  engine: AnswerEngine;
  embedder: Embedder;
  fallback: FallbackNotice | null;
  modelLoadSeconds: number;
  /** Present when this start had to build the index first. */
  ingest: IngestReport | null;
}

export function loadModel(config: AncreConfig, log: Logger): Promise<LoadedEmbedder> {
  return loadEmbedder(config, () => corpusParagraphs(config.corpusDir), log);
}

/**
 * `threaded`: run the model on a worker thread, as the service does so that
 * embedding never stops its event loop; one-shot commands embed in place.
 */
export async function startRuntime(
  config: AncreConfig,
  log: Logger,
  options: { buildIfMissing: boolean; threaded?: boolean },
): Promise<Runtime> {
  const { embedder, fallback, loadSeconds } = options.threaded ? await loadThreadedEmbedder(config, log) : await loadModel(config, log);
  try {
    let ingest: IngestReport | null = null;
    if (options.buildIfMissing && !(await indexExists(config.indexDir))) {
      log(`ancre: no index in ${config.indexDir}; building it from ${config.corpusDir} …`);
      ingest = await runIngest({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder, fallback });
      log(formatIngestReport(ingest));
    }
    const index = await openIndex(config.indexDir);
    return { engine: new AnswerEngine(index, embedder), embedder, fallback, modelLoadSeconds: loadSeconds, ingest };
  } catch (error) {
    // A worker thread would keep the process alive after the failure.
    if ('close' in embedder && typeof embedder.close === 'function') await embedder.close();
    throw error;
  }
}

export function formatIngestReport(report: IngestReport): string {
  const lines = [
    `ancre: indexed ${report.documents} documents, ${report.paragraphs} paragraphs (${report.sentences} sentences) ` +
      `with ${report.model} in ${report.seconds.toFixed(2)} s`,
    `ancre: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ` +
      `${report.unchanged.length} unchanged; ${report.paragraphsEmbedded} paragraphs embedded (${report.sentencesEmbedded} sentences)` +
      (report.fullRebuild ? ` — full rebuild: ${report.fullRebuild}` : ''),
  ];
  if (report.fallback) lines.push(`ancre: model: offline fallback (${report.fallback.requested} unavailable: ${report.fallback.reason})`);
  for (const failure of report.failures) lines.push(`ancre: skipped ${failure.file}: ${failure.reason}`);
  return lines.join('\n');
}
