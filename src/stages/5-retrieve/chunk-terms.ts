/**
 * Where each content stem of a paragraph stands, sentence by sentence, the
 * stems of its article's title and section heading, and the kinds of answer
 * it holds: what the ranking features read, and the answer stage after them
 * (each sentence's stems). Computed for the few paragraphs a question brings
 * up and remembered, rather than held for every paragraph of a large index;
 * read once for both stages.
 */
import type { StoredChunk } from '../../contracts/store.ts';
import { LruCache } from '../../shared/lru-cache.ts';
import { AnswerCues } from '../4-query/answer-type.ts';
import { contentStems, contentStemsAndWords } from '../../text/words.ts';
import { distinctSorted, wordForms, type WordForms } from './word-forms.ts';

export interface ChunkTerms {
  /**
   * Where each content stem stands in the paragraph's run of content stems
   * (sentence after sentence), ascending. A question's few stems are looked
   * up here rather than the paragraph's every word read for each question.
   */
  places: ReadonlyMap<string, readonly number[]>;
  /** Where each sentence's stems start in that run, then the run's length: sentence i holds places [starts[i], starts[i + 1]). */
  sentenceStarts: readonly number[];
  /** Each sentence's content stems, in sentence order. */
  sentenceStems: readonly ReadonlySet<string>[];
  /** Stems of the article's title and the paragraph's section heading. */
  title: ReadonlySet<string>;
  /** The kinds of answer the chunk's text holds. */
  cues: AnswerCues;
  /** Its words' prefixes and 4-grams, for the question words no stem matches (word-forms.ts). */
  forms: WordForms;
  /** Each two consecutive words of a sentence as written, folded and hashed (words.ts `wordPairHashes`), sorted, each once: where a question echoes its phrasing. */
  wordPairs: Uint32Array;
  /** The same pairs sentence by sentence, each sentence's sorted. */
  sentencePairs: readonly Uint32Array[];
  /** Every word's hash (words.ts `wordHashes`), stop words too, sorted, repeats kept: the whole words' BM25 (whole-words.ts). */
  wordHashes: Uint32Array;
}

/** A paragraph's terms, read once and remembered. */
export type ChunkTermsOf = (chunk: StoredChunk) => ChunkTerms;

export function chunkTermsCache(capacity: number): ChunkTermsOf {
  // By id, not by object: a small index fetched per question brings the same paragraph as a new object each time.
  const cache = new LruCache<string, ChunkTerms>(capacity);
  return (chunk) => cache.getOrCompute(chunk.id, () => chunkTerms(chunk));
}

function chunkTerms(chunk: StoredChunk): ChunkTerms {
  const places = new Map<string, number[]>();
  const sentenceStarts = [0];
  const sentenceStems: Set<string>[] = [];
  const sentenceWords: string[][] = [];
  const sentencePairs: Uint32Array[] = [];
  const hashes: number[] = [];
  let place = 0;
  for (const sentence of chunk.sentences) {
    const { stems, words, pairs, hashes: sentenceHashes } = contentStemsAndWords(sentence.text);
    sentencePairs.push(Uint32Array.from(pairs).sort());
    for (const hash of sentenceHashes) hashes.push(hash);
    sentenceWords.push(words);
    for (const stem of stems) {
      const at = places.get(stem);
      if (at) at.push(place);
      else places.set(stem, [place]);
      place++;
    }
    sentenceStarts.push(place);
    sentenceStems.push(new Set(stems));
  }
  const title = new Set(contentStems(`${chunk.title}\n${chunk.section ?? ''}`));
  return { places, sentenceStarts, sentenceStems, title, cues: new AnswerCues(chunk.text), forms: wordForms(sentenceWords), wordPairs: distinctSorted(sentencePairs), sentencePairs, wordHashes: Uint32Array.from(hashes).sort() };
}

/**
 * An article's stems, kept as sorted ids of a vocabulary the caller shares
 * between articles: 4 bytes a stem rather than a Set's entry, so that the
 * articles of a large index stay remembered (an article's stems are read
 * again from its text otherwise, for every question that brings it up).
 * The vocabulary outlives the articles the cache lets go: it holds each
 * stem of the build's articles seen so far once, at most the build's own.
 */
export class ArticleStems {
  private constructor(
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly ids: Int32Array,
  ) {}

  static of(stems: Iterable<string>, vocabulary: Map<string, number>): ArticleStems {
    const ids: number[] = [];
    for (const stem of stems) {
      let id = vocabulary.get(stem);
      if (id === undefined) vocabulary.set(stem, (id = vocabulary.size));
      ids.push(id);
    }
    return new ArticleStems(vocabulary, Int32Array.from(ids).sort());
  }

  /** Over stored ids, ascending, of a vocabulary (`StoredTerms.articles`). */
  static ofIds(ids: Int32Array, vocabulary: ReadonlyMap<string, number>): ArticleStems {
    return new ArticleStems(vocabulary, ids);
  }

  has(stem: string): boolean {
    const id = this.vocabulary.get(stem);
    if (id === undefined) return false;
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = this.ids[middle]!;
      if (at === id) return true;
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/**
 * Every content stem of an article: its paragraphs, title and section
 * headings. Read straight from each paragraph once (several chunks may
 * share one), not through the per-chunk cache: one long article would
 * flush it, and takes half the time this way (0.2 s for 30,000 paragraphs).
 */
export function articleStems(chunks: readonly StoredChunk[]): Set<string> {
  const paragraphs = new Map<number, { text: string; section: string | null }>();
  for (const chunk of chunks) paragraphs.set(chunk.paragraph, { text: chunk.paragraphText, section: chunk.section });
  return articleStemsOf(chunks[0]?.title ?? '', paragraphs.values());
}

/** The stems of an article's paragraphs, read once each, and of its headings: its title with each paragraph's section heading. */
export function articleStemsOf(title: string, paragraphs: Iterable<{ text: string; section: string | null }>): Set<string> {
  const stems = new Set<string>();
  const headings = new Set<string>();
  for (const { text, section } of paragraphs) {
    headings.add(`${title}\n${section ?? ''}`);
    for (const stem of contentStems(text)) stems.add(stem);
  }
  for (const heading of headings) for (const stem of contentStems(heading)) stems.add(stem);
  return stems;
}
