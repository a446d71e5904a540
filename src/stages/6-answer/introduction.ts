/**
 * Where an article introduces what a question asks about. News writing says
 * what a body or a person is where it first names them ("…l'État-major…,
 * un nouvel outil visant à…", "Mehdi Kessaci, le frère d'Amine, militant
 * écologiste"); later mentions add detail to a reader who already knows.
 * Definitional question answering has long leaned on this first-mention cue.
 */
import type { StoredChunk, StoredSentence } from '../3-store/records.ts';
import { mentionsTerm, type QuestionTerm } from '../4-query/question.ts';

export interface DocumentReader {
  /** A document's chunks in reading order. */
  documentChunks(doc: string): readonly StoredChunk[];
  /** Content stems of each sentence of a chunk, in sentence order. */
  sentenceStems(chunk: StoredChunk): readonly ReadonlySet<string>[];
}

/**
 * Paragraphs read from an article's start at most: introductions come early,
 * and a question must stay cheap in a long document.
 */
const INTRODUCTION_SPAN = 100;

/**
 * For the articles of `retrieved`, the first sentence that names every one
 * of the subject's terms, when it is no later than the last retrieved chunk
 * of its article (a later one could not be among those scored).
 */
export function firstMentions(subject: readonly QuestionTerm[], retrieved: readonly StoredChunk[], reader: DocumentReader): Set<StoredSentence> {
  const lastRetrieved = new Map<string, number>();
  for (const chunk of retrieved) lastRetrieved.set(chunk.doc, Math.max(chunk.paragraph, lastRetrieved.get(chunk.doc) ?? 0));
  const found = new Set<StoredSentence>();
  for (const [doc, last] of lastRetrieved) {
    const chunks = reader.documentChunks(doc);
    search: for (let at = 0; at < Math.min(chunks.length, INTRODUCTION_SPAN); at++) {
      const chunk = chunks[at]!;
      if (chunk.paragraph > last) break;
      const stems = reader.sentenceStems(chunk);
      for (const [index, sentence] of chunk.sentences.entries()) {
        if (subject.every((term) => mentionsTerm(term, stems[index] ?? new Set<string>()))) {
          found.add(sentence);
          break search;
        }
      }
    }
  }
  return found;
}
