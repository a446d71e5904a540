/**
 * Builds the answer text and its citations from the chosen sentences.
 * Sentences of one paragraph that follow each other become one quote; each
 * quote is cut verbatim from its paragraph and followed by its marker [n].
 */
import type { Citation } from '../../contracts/api.ts';
import { groupBy } from '../../shared/group-by.ts';
import { round } from '../../shared/round.ts';
import type { ScoredSentence } from './score.ts';

export function assembleAnswer(chosen: readonly ScoredSentence[]): { answer: string; citations: Citation[] } {
  const groups: ScoredSentence[][] = [];
  // Document order inside a paragraph reads naturally; paragraphs keep the order of their best sentence.
  const byParagraph = groupBy(chosen, (sentence) => sentence.chunk.id);
  for (const sentences of byParagraph.values()) {
    sentences.sort((a, b) => a.index - b.index);
    for (const sentence of sentences) {
      const last = groups.at(-1);
      const tail = last?.at(-1);
      if (last && tail && tail.chunk === sentence.chunk && tail.index + 1 === sentence.index) last.push(sentence);
      else groups.push([sentence]);
    }
  }
  const citations = groups.map((group, i): Citation => {
    const first = group[0]!;
    const last = group.at(-1)!;
    const { chunk } = first;
    return {
      n: i + 1,
      doc: chunk.doc,
      title: chunk.title,
      paragraph: chunk.paragraph,
      text: chunk.paragraphText,
      quote: chunk.paragraphText.slice(first.sentence.start, last.sentence.end),
      start: first.sentence.start,
      end: last.sentence.end,
      score: round(Math.max(...group.map((s) => s.score))),
      url: `/docs/${encodeURIComponent(chunk.doc)}?p=${chunk.paragraph}#p-${chunk.paragraph}`,
    };
  });
  return { answer: citations.map((c) => `${c.quote} [${c.n}]`).join(' '), citations };
}
