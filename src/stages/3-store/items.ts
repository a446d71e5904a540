/**
 * The items a build is written from: one per paragraph (or part of a long
 * one) and one per sentence, each with its vector and the flat metadata a
 * store keeps beside it.
 */
import type { Chunk, SentenceSpan } from '../../contracts/document.ts';
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

/** How many paragraph items a build holds, as its manifest lists them. */
export function manifestParagraphs(manifest: IndexManifest): number {
  return Object.values(manifest.paragraphIds).reduce((sum, ids) => sum + ids.length, 0);
}
