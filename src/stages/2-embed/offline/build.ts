/**
 * Builds the offline embedding model in the Transformers.js layout
 * (`config.json`, `tokenizer.json`, `tokenizer_config.json`,
 * `onnx/model.onnx`), so it loads through the very pipeline call that loads
 * a hub model. It is a static subword-embedding model: each token's vector
 * is a pseudo-random direction scaled by its IDF over the corpus, so the
 * pipeline's mean pooling yields a TF-IDF-like vector and cosine similarity
 * a TF-IDF-like cosine over stems and word pieces. Beside it, the corpus's
 * whole words counted for the ranker (word-frequencies.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGES, wordListOf } from '../../../lang/index.ts';
import { gatherEmbeddingModel } from './onnx-graph.ts';
import { OFFLINE_MODEL_ID } from './profile.ts';
import { writeDirection } from './random-direction.ts';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-files.ts';
import { buildVocabulary, type RowSpec } from './vocabulary.ts';
import { countedWords, WORD_FREQUENCIES_FILE } from './word-frequencies.ts';
import { OFFLINE_MODEL_VERSION } from './version.ts';

export { OFFLINE_MODEL_VERSION } from './version.ts';

/** The corpus stems the model has rows for, beside its files: what tells how far a corpus has moved from it (staleness.ts). */
export const CORPUS_STEMS_FILE = 'corpus-stems.json';

const DIMENSIONS = 256;
/** The model has no positions, so any length works; this only bounds truncation. */
const MAX_TOKENS = 4096;

export interface OfflineModelReport {
  dir: string;
  tokens: number;
  rows: number;
  dimensions: number;
  corpusStems: number;
  fingerprint: string;
  seconds: number;
}

export async function buildOfflineModel(paragraphs: readonly string[], modelsDir: string): Promise<OfflineModelReport> {
  const started = performance.now();
  const vocabulary = buildVocabulary({ paragraphs, wordLists: LANGUAGES.map((language) => ({ language, words: wordListOf(language) })) });

  const table = new Float32Array(vocabulary.rows.length * DIMENSIONS);
  vocabulary.rows.forEach((row, index) => {
    const vector = table.subarray(index * DIMENSIONS, (index + 1) * DIMENSIONS);
    const direction = directionOf(row);
    if (direction) writeDirection(direction.key, direction.scale, vector);
  });

  const onnxBytes = await gatherEmbeddingModel(table, vocabulary.rows.length, DIMENSIONS);
  const tokenizer = JSON.stringify(tokenizerJson(vocabulary));
  // The corpus's whole words, for the ranker: part of what the model tells, so part of its fingerprint.
  const words = countedWords(paragraphs);
  const fingerprint = createHash('sha256').update(onnxBytes).update(tokenizer).update(words).digest('hex').slice(0, 16);
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: DIMENSIONS,
    vocab_size: vocabulary.rows.length,
    ancre: {
      kind: 'static-subword-embeddings',
      version: OFFLINE_MODEL_VERSION,
      fingerprint,
      corpus_paragraphs: vocabulary.paragraphCount,
      corpus_stems: vocabulary.corpusStems,
    },
  };

  // Written aside, then renamed into place: a half-written model is never loaded.
  const finalDir = path.join(modelsDir, OFFLINE_MODEL_ID);
  const tmpDir = `${finalDir}.tmp-${process.pid}`;
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(path.join(tmpDir, 'onnx'), { recursive: true });
  await Promise.all([
    writeFile(path.join(tmpDir, 'onnx', 'model.onnx'), onnxBytes),
    writeFile(path.join(tmpDir, 'tokenizer.json'), tokenizer),
    writeFile(path.join(tmpDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigJson(MAX_TOKENS), null, 2)),
    writeFile(path.join(tmpDir, 'config.json'), JSON.stringify(config, null, 2)),
    writeFile(path.join(tmpDir, WORD_FREQUENCIES_FILE), words),
    writeFile(path.join(tmpDir, CORPUS_STEMS_FILE), JSON.stringify(vocabulary.rows.flatMap((row) => (row.kind === 'stem' ? [row.stem] : [])))),
  ]);
  await rm(finalDir, { recursive: true, force: true });
  await rename(tmpDir, finalDir);

  return {
    dir: finalDir,
    tokens: vocabulary.tokens.size,
    rows: vocabulary.rows.length,
    dimensions: DIMENSIONS,
    corpusStems: vocabulary.corpusStems,
    fingerprint,
    seconds: (performance.now() - started) / 1000,
  };
}

function directionOf(row: RowSpec): { key: string; scale: number } | null {
  switch (row.kind) {
    case 'zero':
      return null;
    case 'stem':
      return { key: `stem:${row.stem}`, scale: row.idf };
    case 'piece':
      return { key: `piece:${row.piece}`, scale: row.weight };
  }
}
