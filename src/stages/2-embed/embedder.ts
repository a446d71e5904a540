/**
 * Text to vectors through a Transformers.js feature-extraction pipeline:
 * its tokenizer and network give token states, then mean pooling over them
 * and L2 normalisation (pooling.ts), in batches. Hub models and the offline
 * model go through this same code.
 */
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import path from 'node:path';
import type { Embedder, SpannedPassage } from '../../contracts/model.ts';
import { fingerprintOf, modelConfig } from './model-config.ts';
import { profileFor } from './model-profile.ts';
import { hubDownloads, localFiles } from './local-files.ts';
import { meanPoolNormalized, spanPoolNormalized } from './pooling.ts';
import { usePieceLookup } from './piece-lookup.ts';
import { yieldToEventLoop } from '../../shared/yield.ts';

export interface ModelSource {
  /** Folder of local models (`<dir>/<owner>/<name>/…`); when set, no hub is contacted. */
  localDir?: string;
  /** Where hub downloads are cached. */
  cacheDir?: string;
}

/** Texts a forward pass takes at once, sorted by length (sentence-transformers' default). */
export const FORWARD_BATCH = 32;

/**
 * Indexes of texts of these lengths in their forward batches: sorted by
 * length (ties in the order given), `batch` at a time, so that a batch,
 * padded to its longest, holds texts of about one length. By tokens when
 * they are known: texts of one length in characters differ in tokens
 * (names, numbers, rare words), and over PIAF's paragraphs sorting by
 * characters left batches 23 % padding, by tokens 5 % (calls of 512). A
 * pool of embedders cuts its batches here too, as one embedder would.
 */
export function forwardBatches(lengths: readonly number[], batch = FORWARD_BATCH): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += batch) batches.push(order.slice(start, start + batch));
  return batches;
}

export async function openEmbedder(modelId: string, source: ModelSource, offline: boolean): Promise<Embedder> {
  // Each file read once (local-files.ts): from the folder of models, or from the hub's downloads kept in cacheDir
  // (where Transformers.js's own file cache, env.cacheDir, is then not used).
  const files = source.localDir ? localFiles(source.localDir) : source.cacheDir ? hubDownloads(source.cacheDir) : null;
  const profile = await profileFor(modelId, source.localDir ? path.join(source.localDir, modelId) : null);
  // The network's file, the largest, is read while Transformers.js loads and builds the tokenizer rather than after.
  files?.prefetch(modelId, networkFile(profile.quantized));
  // Imported on first use: a command with nothing to embed never pays for the ONNX runtime.
  const transformers = await import('@xenova/transformers');
  const { env, pipeline } = transformers;
  // A SentencePiece vocabulary looked up in its model's own map of pieces rather than built into a trie of Maps
  // (piece-lookup.ts): the same tokens, without the trie's 2.2-2.9 s for the multilingual e5 models' 250,002 pieces.
  usePieceLookup(transformers);
  // Transformers.js keeps these settings in one global; they are set right before each load.
  // One source or the other: a hub's model is never looked for in a folder an earlier load pointed Transformers.js at.
  env.allowLocalModels = source.localDir !== undefined;
  env.allowRemoteModels = source.localDir === undefined;
  if (source.localDir) env.localModelPath = ensureTrailingSlash(source.localDir);
  env.useFSCache = files === null;
  env.useCustomCache = files !== null;
  env.customCache = files;

  const extractor = (await pipeline('feature-extraction', modelId, { quantized: profile.quantized })) as FeatureExtractionPipeline;
  const fingerprint = fingerprintOf(modelId, offline, offline && source.localDir ? await modelConfig(path.join(source.localDir, modelId)) : null);

  const embed = async (texts: readonly string[], prefix: string): Promise<Float32Array[]> => {
    const vectors = new Array<Float32Array>(texts.length);
    for await (const { rows, hidden, dims, mask } of forwardInBatches(extractor, texts.map((text) => prefix + text))) {
      meanPoolNormalized(hidden, dims, mask).forEach((vector, k) => (vectors[rows[k]!] = vector));
    }
    return vectors;
  };
  const [probe] = await embed(['ancre'], profile.passagePrefix);

  return {
    model: { id: modelId, fingerprint, dimensions: probe!.length, offline },
    profile,
    embedQueries: (texts) => embed(texts, profile.queryPrefix),
    embedPassages: (texts) => embed(texts, profile.passagePrefix),
    embedPassagesWithSpans: (passages) => embedWithSpans(extractor, passages, profile.passagePrefix, (texts) => embed(texts, profile.passagePrefix)),
    forwardPasses: (texts) => timeForwardPasses(extractor, texts.map((text) => profile.passagePrefix + text)),
    passageTokens: (texts) => texts.map((text) => tokensOf(extractor, profile.passagePrefix + text)),
  };
}

interface ForwardBatch {
  /** Indexes of the batch's texts, in its rows' order. */
  rows: number[];
  hidden: Float32Array;
  dims: [number, number, number];
  mask: ArrayLike<number | bigint>;
  /** What the network alone took on the batch. */
  seconds: number;
}

/**
 * The network over texts in batches of similar length, as sentence-transformers
 * does: a batch is padded to its longest text, so mixing a sentence with a
 * long paragraph multiplies the work. Tokenizing and pooling are synchronous:
 * waiting requests get in between batches.
 */
async function* forwardInBatches(extractor: FeatureExtractionPipeline, texts: readonly string[], tokens?: readonly number[]): AsyncGenerator<ForwardBatch> {
  const batches = forwardBatches(tokens ?? texts.map((text) => text.length));
  for (const [b, rows] of batches.entries()) {
    if (b > 0) await yieldToEventLoop();
    const inputs = extractor.tokenizer(rows.map((row) => texts[row]!), { padding: true, truncation: true });
    const started = performance.now();
    const { last_hidden_state: hidden } = await extractor.model(inputs);
    const seconds = (performance.now() - started) / 1000;
    yield { rows, hidden: hidden.data as Float32Array, dims: hidden.dims as [number, number, number], mask: inputs.attention_mask.data, seconds };
  }
}

/** A text's tokens in a forward pass, special tokens included, up to the model's window. */
function tokensOf(extractor: FeatureExtractionPipeline, text: string): number {
  return Math.min(extractor.tokenizer.encode(text).length, windowOf(extractor));
}

/** The most tokens a pass reads (the tokenizer truncates there); unbounded when the model's configuration does not say. */
function windowOf(extractor: FeatureExtractionPipeline): number {
  return (extractor.tokenizer.model_max_length as number | undefined) ?? Number.POSITIVE_INFINITY;
}

/** The forward passes alone over texts in ingest's batches (sorted by tokens, counted before the clock starts): their tokens and seconds. */
async function timeForwardPasses(extractor: FeatureExtractionPipeline, texts: readonly string[]): Promise<{ tokens: number; seconds: number }> {
  let tokens = 0;
  let seconds = 0;
  for await (const batch of forwardInBatches(extractor, texts, texts.map((text) => tokensOf(extractor, text)))) {
    for (let t = 0; t < batch.mask.length; t++) tokens += Number(batch.mask[t]);
    seconds += batch.seconds;
  }
  return { tokens, seconds };
}

/**
 * Late chunking: one forward pass per passage; each span's vector pools the
 * passage's token states over the span's tokens. A span's tokens are found
 * by counting: the tokenizers split at white space, and spans are separated
 * by white space only, so the passage's tokens are the prefix's, then each
 * span's in turn (checked against the pass's own count; a passage where
 * they differ, or a span past the model's window, has its spans embedded
 * alone).
 */
async function embedWithSpans(
  extractor: FeatureExtractionPipeline,
  passages: readonly SpannedPassage[],
  prefix: string,
  embedAlone: (texts: readonly string[]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  const count = (text: string) => (text === '' ? 0 : extractor.tokenizer.encode(text, null, { add_special_tokens: false }).length);
  const prefixTokens = count(prefix.trimEnd());
  const out = passages.map((p) => new Array<Float32Array | undefined>(p.spans.length + 1));
  const alone: { passage: number; slot: number; text: string }[] = [];
  const spanTokens = passages.map(({ text, spans }) => spans.map((span) => count(text.slice(span.start, span.end))));
  // [CLS] or <s> first, then the prefix; [SEP] or </s> last. Counted before the passes: the batches are cut by it.
  const counted = spanTokens.map((tokens) => 1 + prefixTokens + tokens.reduce((sum, n) => sum + n, 0) + 1);
  const window = windowOf(extractor);
  // A passage without spans has nothing to count by: its whole text is.
  const sortBy = passages.map((p, i) => (p.spans.length ? Math.min(counted[i]!, window) : tokensOf(extractor, prefix + p.text)));
  for await (const { rows, hidden: data, dims, mask } of forwardInBatches(extractor, passages.map((p) => prefix + p.text), sortBy)) {
    meanPoolNormalized(data, dims, mask).forEach((vector, k) => (out[rows[k]!]![0] = vector));
    rows.forEach((row, k) => {
      const { text, spans } = passages[row]!;
      let real = 0;
      for (let t = 0; t < dims[1]; t++) real += Number(mask[k * dims[1] + t]);
      const tokens = spanTokens[row]!;
      let from = 1 + prefixTokens;
      spans.forEach((span, s) => {
        const to = from + tokens[s]!;
        const covered = counted[row] === real && tokens[s]! > 0;
        if (covered) out[row]![s + 1] = spanPoolNormalized(data, dims, k, from, to);
        else alone.push({ passage: row, slot: s + 1, text: text.slice(span.start, span.end) });
        from = to;
      });
    });
  }
  if (alone.length) (await embedAlone(alone.map((a) => a.text))).forEach((vector, j) => (out[alone[j]!.passage]![alone[j]!.slot] = vector));
  return out.flat() as Float32Array[];
}

/** Where Transformers.js 2 reads a feature-extraction model's network: `onnx/model.onnx`, or `onnx/model_quantized.onnx`. */
function networkFile(quantized: boolean): string {
  return `onnx/model${quantized ? '_quantized' : ''}.onnx`;
}

function ensureTrailingSlash(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}
