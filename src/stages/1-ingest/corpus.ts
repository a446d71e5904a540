/**
 * Reads the corpus folder: every supported file becomes a cleaned document;
 * a file that cannot be read or holds no article is reported, never fatal
 * for the others; a file in another format, or read in an older encoding,
 * is noted.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleDocument, CorpusFailure, CorpusNotice } from '../../contracts/document.ts';
import { CorpusError } from '../../contracts/errors.ts';
import { cleanArticle } from './clean.ts';
import { assembleDocument, documentIdFromFileName } from './document.ts';
import { decodeText } from './decode.ts';
import { articleText, isHtml, isSupported, SUPPORTED_EXTENSIONS } from './formats.ts';

export interface Corpus {
  documents: ArticleDocument[];
  failures: CorpusFailure[];
  notices: CorpusNotice[];
}

const UNSUPPORTED = `not read: ancre reads ${SUPPORTED_EXTENSIONS.join(', ')} files`;
const FOLDER = 'not read: ancre reads the articles directly in the corpus folder, not in the folders within it';

export async function readCorpus(dir: string): Promise<Corpus> {
  const documents: ArticleDocument[] = [];
  const failures: CorpusFailure[] = [];
  const notices: CorpusNotice[] = [];
  const seenIds = new Map<string, string>();
  for (const entry of await listFolder(dir)) {
    const name = entry.name;
    // Hidden files (.DS_Store, editors' swap files) are nobody's articles.
    if (name.startsWith('.')) continue;
    if (entry.isDirectory() || !isSupported(name)) {
      notices.push({ file: name, kind: 'unsupported', message: entry.isDirectory() ? FOLDER : UNSUPPORTED });
      continue;
    }
    const id = documentIdFromFileName(name);
    const clash = seenIds.get(id);
    if (clash) {
      failures.push({ file: name, reason: `same document id "${id}" as ${clash}; rename one of them` });
      continue;
    }
    try {
      const { text: raw, encoding } = decodeText(await readFile(path.join(dir, name)), isHtml(name));
      documents.push(assembleDocument(id, name, raw, cleanArticle(await articleText(name, raw))));
      seenIds.set(id, name);
      if (encoding) notices.push({ file: name, kind: 'encoding', message: `read as ${encoding}: not UTF-8` });
    } catch (error) {
      failures.push({ file: name, reason: describe(error), doc: id });
    }
  }
  return { documents, failures, notices };
}

/** The corpus folder's entries, by name. */
async function listFolder(dir: string): Promise<Dirent[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'ENOTDIR' ? 'it is not a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new CorpusError(`cannot read the corpus folder ${dir} (${why}): create it and put articles in it, or set ANCRE_CORPUS_DIR`);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}
