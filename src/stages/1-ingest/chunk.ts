/**
 * Cuts a cleaned document into the units that are embedded and retrieved:
 * one chunk per paragraph. A paragraph too long for one embedding is split
 * at sentence boundaries, and every part keeps its paragraph's number so a
 * citation still points at the paragraph a reader sees.
 */
import type { ArticleDocument, Chunk, DocumentParagraph } from '../../contracts/document.ts';
import { splitSentences } from '../../text/sentences.ts';

/** Bump when chunk boundaries change, so indexes built by an older chunker are rebuilt. */
export const CHUNKER_VERSION = 2;
export const MAX_CHUNK_CHARS = 1500;

export function chunkDocument(doc: ArticleDocument, maxChars = MAX_CHUNK_CHARS): Chunk[] {
  const chunks: Chunk[] = [];
  let section: string | null = null;
  for (const paragraph of doc.paragraphs) {
    if (paragraph.kind === 'heading') {
      section = paragraph.text;
      continue;
    }
    splitLongParagraph(paragraph, maxChars).forEach((part, index) => {
      chunks.push({
        id: index === 0 ? `${doc.id}#${paragraph.number}` : `${doc.id}#${paragraph.number}.${index}`,
        doc: doc.id,
        title: doc.title,
        paragraph: paragraph.number,
        part: index,
        section,
        text: part.text,
        start: paragraph.start + part.start,
        end: paragraph.start + part.end,
        paragraphOffset: part.start,
      });
    });
  }
  return chunks;
}

function splitLongParagraph(paragraph: DocumentParagraph, maxChars: number): { text: string; start: number; end: number }[] {
  if (paragraph.text.length <= maxChars) return [{ text: paragraph.text, start: 0, end: paragraph.text.length }];
  const parts: { start: number; end: number }[] = [];
  for (const sentence of splitSentences(paragraph.text)) {
    const current = parts.at(-1);
    if (current && sentence.end - current.start <= maxChars) current.end = sentence.end;
    else parts.push({ start: sentence.start, end: sentence.end });
  }
  return parts.map((p) => ({ ...p, text: paragraph.text.slice(p.start, p.end) }));
}
