/**
 * What answering reads of the index beyond the retrieved paragraphs: an
 * article's paragraphs in reading order, and the content stems of each
 * sentence. Stems are needed only for the few paragraphs a question
 * retrieves: computed then and remembered, rather than held for every
 * paragraph of a large index.
 */
import type { StoredChunk } from '../../contracts/store.ts';
import { groupBy } from '../../shared/group-by.ts';
import { LruCache } from '../../shared/lru-cache.ts';
import { AnswerCues } from '../4-query/answer-type.ts';
import { contentStems } from '../../text/words.ts';

export interface DocumentReader {
  /** A document's chunks in reading order. */
  documentChunks(doc: string): readonly StoredChunk[];
  /** Content stems of each sentence of a chunk, in sentence order. */
  sentenceStems(chunk: StoredChunk): readonly ReadonlySet<string>[];
  /** Stems of a paragraph read with its article's title and its section heading. */
  contextStems(chunk: StoredChunk): ReadonlySet<string>;
  /** The kinds of answer a chunk's text and each of its sentences hold, and how many words each sentence has. */
  cues(chunk: StoredChunk): { text: AnswerCues; sentences: readonly AnswerCues[]; sentenceWords: readonly number[] };
}

export function documentReader(chunks: readonly StoredChunk[], cachedChunks: number): DocumentReader {
  const byDoc = groupBy(chunks, (chunk) => chunk.doc);
  // Array.sort is stable: the parts of a split paragraph keep their order.
  for (const list of byDoc.values()) list.sort((a, b) => a.paragraph - b.paragraph);
  const stems = new LruCache<StoredChunk, ReadonlySet<string>[]>(cachedChunks);
  const sentenceStems = (chunk: StoredChunk) => stems.getOrCompute(chunk, () => chunk.sentences.map((s) => new Set(contentStems(s.text))));
  const cues = new LruCache<StoredChunk, ReturnType<DocumentReader['cues']>>(cachedChunks);
  const contexts = new LruCache<StoredChunk, ReadonlySet<string>>(cachedChunks);
  return {
    cues: (chunk) =>
      cues.getOrCompute(chunk, () => ({
        text: new AnswerCues(chunk.text),
        sentences: chunk.sentences.map((s) => new AnswerCues(s.text)),
        sentenceWords: chunk.sentences.map((s) => s.text.split(/\s+/).length),
      })),
    documentChunks: (doc) => byDoc.get(doc) ?? [],
    sentenceStems,
    contextStems: (chunk) =>
      contexts.getOrCompute(chunk, () => {
        const context = new Set(contentStems(`${chunk.title}\n${chunk.section ?? ''}`));
        for (const sentence of sentenceStems(chunk)) for (const stem of sentence) context.add(stem);
        return context;
      }),
  };
}
