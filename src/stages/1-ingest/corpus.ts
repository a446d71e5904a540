/**
 * Reads the corpus folder: every supported file becomes a cleaned document;
 * a file that cannot be read or holds no article is reported, never fatal
 * for the others; a file in another format, or read in an older encoding,
 * is noted.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleDocument, CorpusFailure, CorpusNotice } from '../../contracts/document.ts';
import { CorpusError } from '../../contracts/errors.ts';
import { cleanArticle, CLEANER_VERSION } from './clean.ts';
import { assembleDocument, documentIdFromPath } from './document.ts';
import { isSupported, readArticle, readerVersion, SUPPORTED_EXTENSIONS } from './formats.ts';

export interface Corpus {
  documents: ArticleDocument[];
  failures: CorpusFailure[];
  notices: CorpusNotice[];
}

const UNSUPPORTED = `not read: ancre reads ${SUPPORTED_EXTENSIONS.join(', ')} files`;

/**
 * The version of how a file becomes an article: the cleaner's
 * (CLEANER_VERSION) and its format reader's (formats.ts), as
 * `cleaner.reader`. Recorded with each document: a file read by another
 * version is read again at the next ingest, rather than kept as an older
 * ancre read it, and only the articles that come out different are embedded
 * again (`sameArticle`). So a change to one format's reader reads that
 * format's files again, and a change to the cleaner every file.
 * `tests/reading-version.test.ts` fails when the reading of its files
 * changes and their version did not.
 */
export function readingVersion(file: string): string {
  return `${CLEANER_VERSION}.${readerVersion(file)}`;
}

/**
 * `known`: the previous build's documents by file; one whose file has the
 * same size and modification time, read by this version of the readers
 * (`readingVersion`), is taken as it is, without reading the file (a corpus
 * of a million articles is stat'ed in seconds, read and cleaned in many
 * minutes).
 */
export async function readCorpus(dir: string, known?: ReadonlyMap<string, ArticleDocument>): Promise<Corpus> {
  const documents: ArticleDocument[] = [];
  const failures: CorpusFailure[] = [];
  const notices: CorpusNotice[] = [];
  const seenIds = new Map<string, string>();
  const files = await articleFiles(dir, failures);
  // Stat'ed before they are read: a file changed in between is read again next time.
  const stats = await statAll(dir, files.filter(isSupported));
  for (const file of files) {
    if (!isSupported(file)) {
      notices.push({ file, kind: 'unsupported', message: UNSUPPORTED });
      continue;
    }
    const id = documentIdFromPath(file);
    const clash = seenIds.get(id);
    if (clash) {
      failures.push({ file, reason: `same document id "${id}" as ${clash}; rename one of them` });
      continue;
    }
    try {
      const full = path.join(dir, file);
      const fileStats = stats.get(file)!;
      if (fileStats instanceof Error) throw fileStats;
      const source = { size: fileStats.size, modifiedMs: fileStats.mtimeMs, reading: readingVersion(file) };
      const unchanged = known?.get(file);
      if (unchanged?.id === id && sameSource(unchanged.source, source)) {
        documents.push(unchanged);
        seenIds.set(id, file);
        continue;
      }
      const { document, encoding } = await readDocument(file, await readFile(full));
      documents.push({ ...document, source });
      seenIds.set(id, file);
      if (encoding) notices.push({ file, kind: 'encoding', message: `read as ${encoding}: not UTF-8` });
    } catch (error) {
      failures.push({ file, reason: describe(error), doc: id });
    }
  }
  return { documents, failures, notices };
}

/** A file's bytes as the article they hold (`file` relative to the corpus folder, which names the document), and the older encoding they were read in, if any. */
export async function readDocument(file: string, bytes: Uint8Array): Promise<{ document: ArticleDocument; encoding: string | null }> {
  const { raw, text, encoding } = await readArticle(file, bytes);
  return { document: assembleDocument(documentIdFromPath(file), file, raw, cleanArticle(text)), encoding };
}

/** Whether a document was read from a file of this size and time, by the same version of the readers. */
export function sameSource(a: ArticleDocument['source'], b: ArticleDocument['source']): boolean {
  return a?.size === b?.size && a?.modifiedMs === b?.modifiedMs && a?.reading === b?.reading;
}

/**
 * Files stat'ed at once. One at a time, each waits for its round trip to
 * libuv's thread pool: 3,820 files took 0.16–0.19 s here, 64 at once
 * 0.03 s (an ingest that finds nothing new stats every file).
 */
const STATS_AT_ONCE = 64;

/** Each file's stats (`files` relative to `dir`), or why it could not be stat'ed. */
async function statAll(dir: string, files: readonly string[]): Promise<Map<string, Stats | Error>> {
  const out = new Map<string, Stats | Error>();
  for (let start = 0; start < files.length; start += STATS_AT_ONCE) {
    const slice = files.slice(start, start + STATS_AT_ONCE);
    const stats = await Promise.all(slice.map((file) => stat(path.join(dir, file)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
    slice.forEach((file, i) => out.set(file, stats[i]!));
  }
  return out;
}

/**
 * Every file under the corpus folder, folders within it included (a large
 * corpus is kept by year or by source), as paths relative to it, sorted.
 * Hidden files and folders (.DS_Store, .git, editors' swap files) are
 * nobody's articles. A folder within that cannot be read is a failure of
 * its own; the corpus folder itself, an error.
 */
async function articleFiles(dir: string, failures: CorpusFailure[]): Promise<string[]> {
  const files: string[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dir, folder), { withFileTypes: true });
    } catch (error) {
      if (folder === '') throw corpusFolderError(dir, error);
      failures.push({ file: folder + path.sep, reason: describe(error) });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = path.join(folder, entry.name);
      (entry.isDirectory() ? folders : files).push(relative);
    }
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function corpusFolderError(dir: string, error: unknown): CorpusError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'it does not exist' : code === 'ENOTDIR' ? 'it is not a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
  return new CorpusError(`cannot read the corpus folder ${dir} (${why}): create it and put articles in it, or set ANCRE_CORPUS_DIR`);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}
