/**
 * Where an article introduces what a question asks about. News writing says
 * what a body or a person is where it first names them ("…l'État-major…,
 * un nouvel outil visant à…", "Mehdi Kessaci, le frère d'Amine, militant
 * écologiste"); later mentions add detail to a reader who already knows.
 * Definitional question answering has long leaned on this first-mention cue.
 */
import type { StoredChunk, StoredSentence } from '../store/records.ts';
import { mentionsTerm, type QuestionTerm } from './question.ts';

export interface DocumentReader {
  /** A document's chunks in reading order. */
  documentChunks(doc: string): readonly StoredChunk[];
  /** Content stems of each sentence of a chunk, in sentence order. */
  sentenceStems(chunk: StoredChunk): readonly ReadonlySet<string>[];
}

/** In each of `docs`, the first sentence that names every one of the subject's terms. */
export function firstMentions(subject: readonly QuestionTerm[], docs: Iterable<string>, reader: DocumentReader): Set<StoredSentence> {
  const found = new Set<StoredSentence>();
  for (const doc of docs) {
    search: for (const chunk of reader.documentChunks(doc)) {
      const stems = reader.sentenceStems(chunk);
      for (const [index, sentence] of chunk.sentences.entries()) {
        const sentenceStems = stems[index] ?? new Set<string>();
        if (subject.every((term) => mentionsTerm(term, sentenceStems))) {
          found.add(sentence);
          break search;
        }
      }
    }
  }
  return found;
}
