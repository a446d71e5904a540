/**
 * The embedding worker: loads the model (with the same choice and fallback
 * as the main thread would) and embeds texts on request. Questions that
 * arrive together are embedded in one batch. It reads no corpus itself:
 * when the offline model must be built, it asks the main thread for the
 * paragraphs. A rebuilt offline model is loaded here too, beside the one it
 * replaces (protocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from '../../../contracts/model.ts';
import { coalesced } from '../../../shared/coalesced.ts';
import { loadEmbedder } from '../load.ts';
import { FIRST_LOAD, type EmbedRequest, type FromWorker, type SpannedRequest, type ToWorker, type WorkerConfig } from './protocol.ts';

const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/**
 * The most questions embedded in one batch. Past 4, the ONNX runtime splits
 * a batch of short questions across its threads, and its second thread then
 * spins after each run: measured with 8, twice the CPU a question (1.05 ms
 * against 0.53 with the offline model) for no more answers a second.
 */
const MAX_QUERY_BATCH = 4;

const queries: EmbedRequest[] = [];
const embedders = new Map<number, Embedder>();
const paragraphsWanted = new Map<number, { resolve: (paragraphs: string[]) => void; reject: (error: Error) => void }>();

const reply = (id: number, vectors: Float32Array[]) => send({ type: 'vectors', id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
const fail = (id: number, error: unknown) => send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });

/** The next batch: the oldest question and those after it embedded by the same load. */
function nextBatch(): EmbedRequest[] {
  const load = queries[0]!.load;
  const batch: EmbedRequest[] = [];
  for (let i = 0; i < queries.length && batch.length < MAX_QUERY_BATCH; ) {
    if (queries[i]!.load === load) batch.push(...queries.splice(i, 1));
    else i++;
  }
  return batch;
}

/** Embeds the questions waiting, batch after batch (one drain at a time: `scheduleDrain`). */
async function drainQueries(): Promise<void> {
  while (queries.length) {
    const batch = nextBatch();
    try {
      const vectors = await embedderOf(batch[0]!.load).embedQueries(batch.flatMap((m) => m.texts));
      let next = 0;
      for (const message of batch) reply(message.id, vectors.slice(next, (next += message.texts.length)));
    } catch (error) {
      for (const message of batch) fail(message.id, error);
    }
  }
}

/** Lets the other questions already posted arrive, then embeds them together. */
const scheduleDrain = coalesced(drainQueries);

function embedderOf(load: number): Embedder {
  const embedder = embedders.get(load);
  if (!embedder) throw new Error(`the model (load ${load}) is not loaded`);
  return embedder;
}

async function load(number: number, config: WorkerConfig): Promise<void> {
  const askForParagraphs = () =>
    new Promise<string[]>((resolve, reject) => {
      paragraphsWanted.set(number, { resolve, reject });
      send({ type: 'need-paragraphs', load: number });
    });
  try {
    const loaded = await loadEmbedder(config, askForParagraphs, (line, level) => send({ type: 'log', line, level }));
    embedders.set(number, loaded.embedder);
    const { model, profile } = loaded.embedder;
    send({ type: 'ready', load: number, model, profile, fallback: loaded.fallback, loadSeconds: loaded.loadSeconds });
  } catch (error) {
    send({ type: 'failed', load: number, message: error instanceof Error ? error.message : String(error) });
  } finally {
    paragraphsWanted.delete(number);
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'load':
      return void load(message.load, message.config);
    case 'unload':
      // The runtime frees the model's session once nothing holds it.
      return void embedders.delete(message.load);
    case 'paragraphs':
      return paragraphsWanted.get(message.load)?.resolve(message.paragraphs);
    case 'paragraphs-failed':
      return paragraphsWanted.get(message.load)?.reject(new Error(message.message));
    case 'query':
      queries.push(message);
      return scheduleDrain();
    case 'forward':
      return void forwardPasses(message.load, message.texts).then(
        ({ tokens, seconds }) => send({ type: 'forwarded', id: message.id, tokens, seconds }),
        (error) => fail(message.id, error),
      );
    default:
      return void embedPassages(message).then(
        (vectors) => reply(message.id, vectors),
        (error) => fail(message.id, error),
      );
  }
});

/** The forward passes alone (the bench's limit): a model loaded in place has them. */
async function forwardPasses(load: number, texts: string[]): Promise<{ tokens: number; seconds: number }> {
  const embedder = embedderOf(load);
  if (!embedder.forwardPasses) throw new Error('this model cannot time its forward passes alone');
  return embedder.forwardPasses(texts);
}

/** Passages, with their spans or not (questions are batched by drainQueries). */
async function embedPassages(message: EmbedRequest | SpannedRequest): Promise<Float32Array[]> {
  const embedder = embedderOf(message.load);
  return message.kind === 'spanned' ? embedder.embedPassagesWithSpans(message.passages) : embedder.embedPassages(message.texts);
}

await load(FIRST_LOAD, workerData as WorkerConfig);
