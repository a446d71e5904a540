/**
 * The embedding worker: loads the model (with the same choice and fallback
 * as the main thread would) and embeds texts on request. Questions that
 * arrive together are embedded in one batch. It reads no corpus itself:
 * when the offline model must be built, it asks the main thread for the
 * paragraphs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from '../../../contracts/model.ts';
import { loadEmbedder } from '../load.ts';
import type { EmbedRequest, FromWorker, ToWorker, WorkerConfig } from './protocol.ts';

const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const config = workerData as WorkerConfig;

/**
 * The most questions embedded in one batch. Past 4, the ONNX runtime splits
 * a batch of short questions across its threads, and its second thread then
 * spins after each run: measured with 8, twice the CPU a question (1.05 ms
 * against 0.53 with the offline model) for no more answers a second.
 */
const MAX_QUERY_BATCH = 4;

const queries: EmbedRequest[] = [];
let embedder: Embedder | null = null;
let draining = false;
let paragraphsWanted: { resolve: (paragraphs: string[]) => void; reject: (error: Error) => void } | null = null;

const reply = (id: number, vectors: Float32Array[]) => send({ type: 'vectors', id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
const fail = (id: number, error: unknown) => send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });

async function drainQueries(model: Embedder): Promise<void> {
  draining = true;
  while (queries.length) {
    const batch = queries.splice(0, MAX_QUERY_BATCH);
    try {
      const vectors = await model.embedQueries(batch.flatMap((m) => m.texts));
      let next = 0;
      for (const message of batch) reply(message.id, vectors.slice(next, (next += message.texts.length)));
    } catch (error) {
      for (const message of batch) fail(message.id, error);
    }
  }
  draining = false;
}

port.on('message', (message: ToWorker) => {
  if (message.kind === 'paragraphs') return paragraphsWanted?.resolve(message.paragraphs);
  if (message.kind === 'paragraphs-failed') return paragraphsWanted?.reject(new Error(message.message));
  const model = embedder;
  if (!model) return fail(message.id, new Error('the model is not loaded yet'));
  if (message.kind === 'query') {
    queries.push(message);
    // Let the other questions already posted arrive, then embed them together.
    if (!draining) setImmediate(() => void drainQueries(model));
    return;
  }
  const vectors = message.kind === 'spanned' ? model.embedPassagesWithSpans(message.passages) : model.embedPassages(message.texts);
  vectors.then(
    (vectors) => reply(message.id, vectors),
    (error) => fail(message.id, error),
  );
});

const askForParagraphs = () =>
  new Promise<string[]>((resolve, reject) => {
    paragraphsWanted = { resolve, reject };
    send({ type: 'need-paragraphs' });
  });

try {
  const loaded = await loadEmbedder(config, askForParagraphs, (line, level) => send({ type: 'log', line, level }));
  embedder = loaded.embedder;
  send({ type: 'ready', model: loaded.embedder.model, profile: loaded.embedder.profile, fallback: loaded.fallback, loadSeconds: loaded.loadSeconds });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
