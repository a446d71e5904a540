/**
 * Where an article introduces what a question asks about. News writing says
 * what a body or a person is where it first names them ("…l'État-major…,
 * un nouvel outil visant à…", "Mehdi Kessaci, le frère d'Amine, militant
 * écologiste"); later mentions add detail to a reader who already knows.
 * Definitional question answering has long leaned on this first-mention cue.
 */
import type { QuestionTerm } from '../../contracts/query.ts';
import type { StoredChunk, StoredSentence } from '../../contracts/store.ts';
import { mentionsTerm } from '../4-query/question.ts';
import type { DocumentReader } from './document-reader.ts';

/**
 * For the articles of `retrieved`, the first sentence that names every one
 * of the subject's terms, when it is no later than the last retrieved chunk
 * of its article (a later one could not be among those scored), reading at
 * most `span` paragraphs of each article.
 */
export function firstMentions(
  subject: readonly QuestionTerm[],
  retrieved: readonly StoredChunk[],
  reader: DocumentReader,
  span: number,
): Set<StoredSentence> {
  const lastRetrieved = new Map<string, number>();
  for (const chunk of retrieved) lastRetrieved.set(chunk.doc, Math.max(chunk.paragraph, lastRetrieved.get(chunk.doc) ?? 0));
  const found = new Set<StoredSentence>();
  for (const [doc, last] of lastRetrieved) {
    const chunks = reader.documentChunks(doc);
    search: for (let at = 0; at < Math.min(chunks.length, span); at++) {
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
