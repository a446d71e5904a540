/**
 * What answering reads of the index beyond the retrieved paragraphs: an
 * article's paragraphs in reading order, and the content stems of each
 * sentence. Stems are needed only for the few paragraphs a question
 * retrieves: the retrieval stage has read them for its ranking features
 * (`terms`, remembered there), and they are taken from that reading.
 */
import type { StoredChunk } from '../../contracts/store.ts';
import { groupBy } from '../../shared/group-by.ts';
import { LruCache } from '../../shared/lru-cache.ts';
import { AnswerCues } from '../4-query/answer-type.ts';
import type { ChunkTermsOf } from '../5-retrieve/chunk-terms.ts';

export interface DocumentReader {
  /** A document's chunks in reading order. */
  documentChunks(doc: string): readonly StoredChunk[];
  /** Content stems of each sentence of a chunk, in sentence order. */
  sentenceStems(chunk: StoredChunk): readonly ReadonlySet<string>[];
  /** Hashes of each sentence's consecutive word pairs as written, sorted, in sentence order (chunk-terms.ts). */
  sentencePairs(chunk: StoredChunk): readonly Uint32Array[];
  /** Stems of a paragraph read with its article's title and its section heading. */
  contextStems(chunk: StoredChunk): ReadonlySet<string>;
  /** The kinds of answer a chunk's text and each of its sentences hold, and how many words each sentence has. */
  cues(chunk: StoredChunk): { text: AnswerCues; sentences: readonly AnswerCues[]; sentenceWords: readonly number[] };
}

/** `terms`: the paragraphs' terms as the retrieval stage read them; `cachedChunks`: paragraphs whose sentence cues and context are remembered here. */
export function documentReader(chunks: readonly StoredChunk[], terms: ChunkTermsOf, cachedChunks: number): DocumentReader {
  const byDoc = groupBy(chunks, (chunk) => chunk.doc);
  // Array.sort is stable: the parts of a split paragraph keep their order.
  for (const list of byDoc.values()) list.sort((a, b) => a.paragraph - b.paragraph);
  const cues = new LruCache<StoredChunk, ReturnType<DocumentReader['cues']>>(cachedChunks);
  const contexts = new LruCache<StoredChunk, ReadonlySet<string>>(cachedChunks);
  return {
    cues: (chunk) =>
      cues.getOrCompute(chunk, () => ({
        text: terms(chunk).cues,
        sentences: chunk.sentences.map((s) => new AnswerCues(s.text)),
        sentenceWords: chunk.sentences.map((s) => s.text.split(/\s+/).length),
      })),
    documentChunks: (doc) => byDoc.get(doc) ?? [],
    sentenceStems: (chunk) => terms(chunk).sentenceStems,
    sentencePairs: (chunk) => terms(chunk).sentencePairs,
    contextStems: (chunk) =>
      contexts.getOrCompute(chunk, () => {
        const { title, sentenceStems } = terms(chunk);
        const context = new Set(title);
        for (const sentence of sentenceStems) for (const stem of sentence) context.add(stem);
        return context;
      }),
  };
}
