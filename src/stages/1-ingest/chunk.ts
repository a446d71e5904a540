/**
 * Cuts a cleaned document into the units that are embedded and retrieved:
 * one chunk per paragraph. A paragraph too long for one embedding is split
 * at sentence boundaries, and every part keeps its paragraph's number so a
 * citation still points at the paragraph a reader sees.
 */
import type { ArticleDocument, Chunk } from '../../contracts/document.ts';
import { splitSentences } from '../../text/sentences.ts';

/** Bump when chunk or paragraph boundaries change, so indexes built by an older chunker are rebuilt (and their files read again). */
export const CHUNKER_VERSION = 3;
export const MAX_CHUNK_CHARS = 1500;

export function chunkDocument(doc: ArticleDocument, maxChars = MAX_CHUNK_CHARS): Chunk[] {
  const chunks: Chunk[] = [];
  let section: string | null = null;
  for (const paragraph of doc.paragraphs) {
    if (paragraph.kind === 'heading') {
      section = paragraph.text;
      continue;
    }
    splitAtSentences(paragraph.text, maxChars).forEach((part, index) => {
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

/** A text in parts of at most `maxChars` (a sentence longer than that is a part of its own), each cut at sentence boundaries, with offsets. */
export function splitAtSentences(text: string, maxChars: number): { text: string; start: number; end: number }[] {
  if (text.length <= maxChars) return [{ text, start: 0, end: text.length }];
  const parts: { start: number; end: number }[] = [];
  for (const sentence of splitSentences(text)) {
    const current = parts.at(-1);
    if (current && sentence.end - current.start <= maxChars) current.end = sentence.end;
    else parts.push({ start: sentence.start, end: sentence.end });
  }
  return parts.map((p) => ({ ...p, text: text.slice(p.start, p.end) }));
}
