/**
 * The embedding worker: loads the model (with the same choice and fallback
 * as the main thread would) and embeds texts on request. Questions that
 * arrive together are embedded in one batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { corpusParagraphs } from '../../../pipeline/indexing.ts';
import { loadEmbedder } from '../load.ts';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol.ts';

const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const config = workerData as WorkerConfig;

/** The most questions embedded in one batch. */
const MAX_QUERY_BATCH = 32;

try {
  const { embedder, fallback, loadSeconds } = await loadEmbedder(config, () => corpusParagraphs(config.corpusDir), (line, level) =>
    send({ type: 'log', line, level }),
  );
  send({ type: 'ready', model: embedder.model, profile: embedder.profile, fallback, loadSeconds });

  const queries: ToWorker[] = [];
  let draining = false;
  const reply = (id: number, vectors: Float32Array[]) =>
    send({ type: 'vectors', id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
  const fail = (id: number, error: unknown) => send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });

  const drainQueries = async () => {
    draining = true;
    while (queries.length) {
      const batch = queries.splice(0, MAX_QUERY_BATCH);
      try {
        const vectors = await embedder.embedQueries(batch.flatMap((m) => m.texts));
        let next = 0;
        for (const message of batch) reply(message.id, vectors.slice(next, (next += message.texts.length)));
      } catch (error) {
        for (const message of batch) fail(message.id, error);
      }
    }
    draining = false;
  };

  port.on('message', (message: ToWorker) => {
    if (message.kind === 'query') {
      queries.push(message);
      // Let the other questions already posted arrive, then embed them together.
      if (!draining) setImmediate(() => void drainQueries());
      return;
    }
    embedder.embedPassages(message.texts).then(
      (vectors) => reply(message.id, vectors),
      (error) => fail(message.id, error),
    );
  });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
