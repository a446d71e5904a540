/**
 * A build's manifest on disk (`manifest.json`). It holds every article as it
 * was cleaned, so that an unchanged file is taken from the build rather than
 * read and cleaned again; each article is kept as its paragraphs alone, since
 * its text is those paragraphs joined and their offsets follow from them.
 * That halves the file, which every ingest and every start reads whole
 * (100,003 paragraphs: 95 → 51 MB; an ingest with nothing to do 2.9–3.2 →
 * 2.5–2.7 s). A manifest an older ancre wrote, with texts and offsets, is
 * read as it is.
 */
import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleDocument, DocumentParagraph } from '../../../contracts/document.ts';
import type { IndexManifest } from '../../../contracts/store.ts';
import { laidOut } from '../../1-ingest/document.ts';
import { textFile } from '../../../shared/text-file.ts';
import { manifestParagraphs } from '../items.ts';

const MANIFEST = 'manifest.json';

/** An article as the file keeps it: its text and its paragraphs' offsets only in an older ancre's. */
type KeptArticle = Omit<ArticleDocument, 'text' | 'paragraphs'> & {
  text?: string;
  paragraphs: (Omit<DocumentParagraph, 'start' | 'end'> & Partial<Pick<DocumentParagraph, 'start' | 'end'>>)[];
};

/** Articles written at a time: the file is written in pieces, not made one string and one buffer of that size (100 MB at 200,003 paragraphs: 1.6 s to encode at once). */
const ARTICLES_PER_WRITE = 500;

/** The most characters a manifest holds: V8's bound on one string, which the file is read back as. */
export const MANIFEST_CHARS = constants.MAX_STRING_LENGTH;

/**
 * `maxChars`: the most the file may hold, since it is read back as one
 * string (V8's bound, about 512 Mi characters: every article's text, near a
 * million paragraphs). Past it the write fails, before the build is made
 * current, rather than leave a build nothing can read.
 */
export async function writeManifestFile(buildDir: string, manifest: IndexManifest, maxChars = MANIFEST_CHARS): Promise<void> {
  const { documents, ...rest } = manifest;
  const kept = ({ text: _text, paragraphs, ...article }: ArticleDocument): KeptArticle => ({
    ...article,
    paragraphs: paragraphs.map(({ start: _start, end: _end, ...paragraph }) => paragraph),
  });
  const file = textFile(path.join(buildDir, MANIFEST));
  const write = async (text: string) => {
    if (file.chars + text.length > maxChars) {
      await file.end();
      throw new Error(
        `the manifest of ${manifestParagraphs(manifest)} paragraphs would pass ${maxChars} characters, the most one JavaScript string holds, and could not be read back: an index this large belongs in PostgreSQL (set ANCRE_DATABASE_URL)`,
      );
    }
    await file.write(text);
  };
  await write(`${JSON.stringify(rest).slice(0, -1)},"documents":[`);
  for (let start = 0; start < documents.length; start += ARTICLES_PER_WRITE) {
    const slice = documents.slice(start, start + ARTICLES_PER_WRITE).map((doc) => JSON.stringify(kept(doc)));
    await write(`${start === 0 ? '' : ','}${slice.join(',')}`);
  }
  await write(']}');
  await file.end();
}

export async function readManifestFile(buildDir: string): Promise<IndexManifest> {
  const kept = JSON.parse(await readFile(path.join(buildDir, MANIFEST), 'utf8')) as Omit<IndexManifest, 'documents'> & { documents: KeptArticle[] };
  return { ...kept, documents: kept.documents.map(whole) };
}

/** Whether a build folder has a manifest (a build is whole once it has: it is written last), without reading it. */
export async function hasManifestFile(buildDir: string): Promise<boolean> {
  return stat(path.join(buildDir, MANIFEST)).then(
    (found) => found.isFile(),
    () => false,
  );
}

function whole(article: KeptArticle): ArticleDocument {
  if (article.text !== undefined) return article as ArticleDocument;
  return { ...article, ...laidOut(article.paragraphs) };
}
