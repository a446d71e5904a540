/**
 * The content stems of a paragraph in reading order, sentence by sentence,
 * and of its article's title and section heading: what the ranking
 * features read. Computed for the few paragraphs a question brings up and
 * remembered, rather than held for every paragraph of a large index.
 */
import type { StoredChunk } from '../../contracts/store.ts';
import { LruCache } from '../../shared/lru-cache.ts';
import { fold } from '../../text/fold.ts';
import { contentStems } from '../../text/words.ts';

export interface ChunkTerms {
  /** Each sentence's content stems, in order. */
  sentences: readonly (readonly string[])[];
  /** Stems of the article's title and the paragraph's section heading. */
  title: ReadonlySet<string>;
  /** The chunk's text folded (text/fold.ts), for the answer-type cues. */
  folded: string;
}

export function chunkTermsCache(capacity: number): (chunk: StoredChunk) => ChunkTerms {
  const cache = new LruCache<StoredChunk, ChunkTerms>(capacity);
  return (chunk) =>
    cache.getOrCompute(chunk, () => ({
      sentences: chunk.sentences.map((sentence) => contentStems(sentence.text)),
      title: new Set(contentStems(`${chunk.title}\n${chunk.section ?? ''}`)),
      folded: fold(chunk.text),
    }));
}
