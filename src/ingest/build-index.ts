/**
 * The ingest stage end to end: read and clean the corpus, cut paragraphs,
 * embed paragraphs and their sentences, write a new index build.
 */
import type { Embedder } from '../embed/embedder.ts';
import type { FallbackNotice } from '../embed/load.ts';
import { writeIndex, type EmbeddedChunk } from '../store/index-store.ts';
import { INDEX_FORMAT, type IndexManifest } from '../store/records.ts';
import { splitSentences } from '../text/sentences.ts';
import { CHUNKER_VERSION, chunkDocument, type Chunk } from './chunk.ts';
import { readCorpus, type CorpusFailure } from './corpus.ts';

export interface IngestReport {
  documents: number;
  paragraphs: number;
  sentences: number;
  failures: CorpusFailure[];
  model: string;
  fallback: FallbackNotice | null;
  seconds: number;
  buildDir: string;
}

export async function buildIndex(options: {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  fallback: FallbackNotice | null;
}): Promise<IngestReport> {
  const started = performance.now();
  const { documents, failures } = await readCorpus(options.corpusDir);
  if (documents.length === 0) {
    const why = failures.length ? `; unreadable: ${failures.map((f) => `${f.file} (${f.reason})`).join(', ')}` : '';
    throw new Error(`no article to index in ${options.corpusDir}${why}`);
  }
  const chunks = documents.flatMap((doc) => chunkDocument(doc));
  const embedded = await embedChunks(chunks, options.embedder);

  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    createdAt: new Date().toISOString(),
    model: options.embedder.model,
    chunkerVersion: CHUNKER_VERSION,
    documents,
  };
  const buildDir = await writeIndex(options.indexDir, manifest, embedded);
  return {
    documents: documents.length,
    paragraphs: chunks.length,
    sentences: embedded.reduce((sum, c) => sum + c.sentences.length, 0),
    failures,
    model: options.embedder.model.id,
    fallback: options.fallback,
    seconds: (performance.now() - started) / 1000,
    buildDir,
  };
}

async function embedChunks(chunks: readonly Chunk[], embedder: Embedder): Promise<EmbeddedChunk[]> {
  // Sentence offsets are kept in paragraph coordinates: citations quote paragraphs.
  const sentenceSpans = chunks.map((chunk) =>
    splitSentences(chunk.text).map((s) => ({ ...s, start: s.start + chunk.paragraphOffset, end: s.end + chunk.paragraphOffset })),
  );
  const chunkVectors = await embedder.embedPassages(chunks.map((c) => c.text));
  const sentenceVectors = await embedder.embedPassages(sentenceSpans.flatMap((spans) => spans.map((span) => span.text)));
  let next = 0;
  return chunks.map((chunk, index) => ({
    chunk,
    vector: chunkVectors[index]!,
    sentences: sentenceSpans[index]!.map((span) => ({ span, vector: sentenceVectors[next++]! })),
  }));
}

/** The corpus paragraphs, for building the offline model's vocabulary. */
export async function corpusParagraphs(corpusDir: string): Promise<string[]> {
  const { documents } = await readCorpus(corpusDir);
  return documents.flatMap((doc) => chunkDocument(doc).map((chunk) => chunk.text));
}
