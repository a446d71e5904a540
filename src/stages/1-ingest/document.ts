/**
 * An article once cleaned: the unit the rest of the pipeline speaks of.
 * `text` is the cleaned document (paragraphs separated by blank lines);
 * every paragraph knows where it sits in it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ArticleDocument, DocumentParagraph } from '../../contracts/document.ts';
import { MAX_CHUNK_CHARS, splitAtSentences } from './chunk.ts';
import type { CleanArticle } from './clean.ts';

export const PARAGRAPH_SEPARATOR = '\n\n';

/**
 * A paragraph longer than this is not one a reader would recognise (a
 * transcript, a page of text without breaks): it is shown and cited as
 * paragraphs of the chunker's size, cut between sentences, so that a
 * citation's paragraph stays readable. Long-form journalism's longest
 * paragraphs stay whole (PIAF's longest has 996 characters).
 */
export const MAX_PARAGRAPH_CHARS = 5000;

export function assembleDocument(id: string, file: string, raw: string, article: CleanArticle): ArticleDocument {
  const pieces = article.paragraphs.flatMap((p) =>
    p.kind === 'paragraph' && p.text.length > MAX_PARAGRAPH_CHARS ? splitAtSentences(p.text, MAX_CHUNK_CHARS).map((part) => ({ kind: p.kind, text: part.text })) : [p],
  );
  const { text, paragraphs } = laidOut(pieces.map((p, index) => ({ number: index + 1, kind: p.kind, text: p.text })));
  return { id, file, title: article.title, titleSource: article.titleSource, hash: createHash('sha256').update(raw).digest('hex'), text, paragraphs };
}

/**
 * Whether two readings of an article are the same article to index: the
 * same headline, text and paragraphs, of the same kinds. What its paragraphs
 * are cut into, and so embedded as, depends on nothing else (chunk.ts).
 */
export function sameArticle(a: ArticleDocument, b: ArticleDocument): boolean {
  if (a.id !== b.id || a.title !== b.title || a.text !== b.text || a.paragraphs.length !== b.paragraphs.length) return false;
  return a.paragraphs.every((p, i) => {
    const other = b.paragraphs[i]!;
    return p.kind === other.kind && p.start === other.start && p.end === other.end;
  });
}

/** A document's paragraphs, in order, laid out as its text: separated by blank lines, each knowing where it sits. */
export function laidOut(pieces: readonly Omit<DocumentParagraph, 'start' | 'end'>[]): Pick<ArticleDocument, 'text' | 'paragraphs'> {
  let offset = 0;
  const paragraphs = pieces.map((p, index): DocumentParagraph => {
    if (index > 0) offset += PARAGRAPH_SEPARATOR.length;
    const start = offset;
    offset += p.text.length;
    return { ...p, start, end: offset };
  });
  return { text: pieces.map((p) => p.text).join(PARAGRAPH_SEPARATOR), paragraphs };
}

/**
 * Document ids come from the file's path in the corpus folder, so they stay
 * stable across rebuilds and can be read in a URL: its folders and name
 * joined by "-" ("2025/05/saisie.txt" → "2025-05-saisie"; a file directly
 * in the folder keeps its name), anything outside a safe alphabet replaced.
 */
export function documentIdFromPath(relativePath: string): string {
  const { dir, name } = path.parse(relativePath);
  const folders = dir.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return (
    [...folders, name]
      .join('-')
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
      .replace(/^[.-]+|-+$/g, '') || 'document'
  );
}
