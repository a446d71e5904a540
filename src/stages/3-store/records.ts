/** What the index holds, as the rest of ancre sees it once loaded. */
import type { ArticleDocument } from '../1-ingest/document.ts';
import type { ModelIdentity } from '../2-embed/embedder.ts';
import type { VectorLists } from './vector-lists.ts';

/** Bump when what a build holds changes shape; an older build is then rebuilt whole. */
export const INDEX_FORMAT = 3;

export interface IndexManifest {
  format: typeof INDEX_FORMAT;
  createdAt: string;
  model: ModelIdentity;
  chunkerVersion: number;
  documents: ArticleDocument[];
  /** The ids of each document's paragraph items (`doc#n`, `doc#n.part`), by document id. */
  paragraphIds: Record<string, string[]>;
}

export interface StoredSentence {
  /** Row of this sentence's vector in `sentenceVectors`. */
  row: number;
  /** Offsets in the paragraph's text. */
  start: number;
  end: number;
  text: string;
}

export interface StoredChunk {
  /** Row of this chunk's vector in `chunkVectors`. */
  row: number;
  id: string;
  doc: string;
  title: string;
  paragraph: number;
  /** The section heading the paragraph sits under, if any. */
  section: string | null;
  text: string;
  /** The whole paragraph the chunk belongs to (the chunk itself, unless it was split). */
  paragraphText: string;
  sentences: StoredSentence[];
}

export interface LoadedIndex {
  manifest: IndexManifest;
  buildDir: string;
  documents: Map<string, ArticleDocument>;
  chunks: StoredChunk[];
  dimensions: number;
  /** Row-major, one L2-normalised vector per chunk. */
  chunkVectors: Float32Array;
  /** Row-major, one L2-normalised vector per sentence. */
  sentenceVectors: Float32Array;
  /** The paragraph vectors' lists for approximate search, in a large index (store/vector-lists.ts). */
  vectorLists: VectorLists | null;
}
