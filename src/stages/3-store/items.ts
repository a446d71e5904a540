/**
 * The items a build is written from: one per paragraph (or part of a long
 * one) and one per sentence, each with its vector and the flat metadata a
 * store keeps beside it.
 */
import type { Chunk, SentenceSpan } from '../../contracts/document.ts';
import { IndexNotFoundError, IndexOutdatedError } from '../../contracts/errors.ts';
import type { IndexManifest, StoredItem } from '../../contracts/store.ts';

/** Bump when what a build holds changes shape or meaning; an older build is then rebuilt whole. 4: sentence vectors pooled from their paragraph's pass (late chunking). */
export const INDEX_FORMAT = 4;

/** The item of a paragraph (or of a part of a long one). */
export function paragraphItem(chunk: Chunk, vector: ArrayLike<number>): StoredItem {
  return {
    id: chunk.id,
    vector,
    metadata: {
      kind: 'paragraph',
      doc: chunk.doc,
      paragraph: chunk.paragraph,
      part: chunk.part,
      start: chunk.start,
      end: chunk.end,
      text: chunk.text,
    },
  };
}

/** The item of one sentence of a chunk; offsets are in the chunk's paragraph. */
export function sentenceItem(chunk: Chunk, index: number, span: SentenceSpan, vector: ArrayLike<number>): StoredItem {
  return {
    id: `${chunk.id}/s${index}`,
    vector,
    metadata: { kind: 'sentence', doc: chunk.doc, chunk: chunk.id, sentence: index, start: span.start, end: span.end },
  };
}

export const isParagraph = (item: StoredItem) => item.metadata.kind === 'paragraph';

const REBUILD = 'rebuild it with "npm run ingest"';

/** The error for a store with no build yet. */
export function noIndex(location: string): IndexNotFoundError {
  return new IndexNotFoundError(`no index in ${location}: run "npm run ingest" to build it`);
}

/** Throws IndexOutdatedError for a build an older ancre wrote, which this one does not read. */
export function checkFormat(manifest: IndexManifest, where: string): void {
  if (manifest.format !== INDEX_FORMAT) throw new IndexOutdatedError(`the index in ${where} has format ${manifest.format}, expected ${INDEX_FORMAT}: ${REBUILD}`);
}
