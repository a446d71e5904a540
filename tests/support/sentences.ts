/** Paragraphs and scored sentences built by hand, for the answer stage's parts. */
import type { StoredChunk } from '../../src/contracts/store.ts';
import { SENTENCE_FEATURES, type ScoredSentence } from '../../src/stages/6-answer/score.ts';
import { splitSentences } from '../../src/text/sentences.ts';

/** A paragraph as a store holds it: `id` is `doc#paragraph`. */
export function storedChunk(id: string, paragraph: number, text: string, { title = 'Un titre', row = 0 }: { title?: string; row?: number } = {}): StoredChunk {
  return {
    row,
    id,
    doc: id.split('#')[0]!,
    title,
    paragraph,
    section: null,
    text,
    paragraphText: text,
    sentences: splitSentences(text).map((s, i) => ({ row: i, ...s })),
  };
}

/** Sentence `index` of a paragraph, scored `score`, every feature 0. */
export function chosen(chunk: StoredChunk, index: number, score: number): ScoredSentence {
  return { chunk, index, sentence: chunk.sentences[index]!, passageScore: 0, dense: 0, coverage: 1, holdsAnswerType: false, introducesSubject: false, paragraphStems: [], features: new Float64Array(SENTENCE_FEATURES.length), score };
}
