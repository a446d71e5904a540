/**
 * Reads the corpus folder: every supported file becomes a cleaned document;
 * a file that cannot be read or holds no article is reported, never fatal
 * for the others.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleDocument, CorpusFailure } from '../../contracts/document.ts';
import { CorpusError } from '../../contracts/errors.ts';
import { cleanArticle } from './clean.ts';
import { assembleDocument, documentIdFromFileName } from './document.ts';
import { articleText, isSupported } from './formats.ts';

export interface Corpus {
  documents: ArticleDocument[];
  failures: CorpusFailure[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export async function readCorpus(dir: string): Promise<Corpus> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'ENOTDIR' ? 'it is not a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new CorpusError(`cannot read the corpus folder ${dir} (${why}): create it and put articles in it, or set ANCRE_CORPUS_DIR`);
  }
  const documents: ArticleDocument[] = [];
  const failures: CorpusFailure[] = [];
  const seenIds = new Map<string, string>();
  for (const name of names.sort()) {
    if (name.startsWith('.') || !isSupported(name)) continue;
    const id = documentIdFromFileName(name);
    const clash = seenIds.get(id);
    if (clash) {
      failures.push({ file: name, reason: `same document id "${id}" as ${clash}; rename one of them` });
      continue;
    }
    try {
      const raw = decodeArticle(await readFile(path.join(dir, name)));
      documents.push(assembleDocument(id, name, raw, cleanArticle(await articleText(name, raw))));
      seenIds.set(id, name);
    } catch (error) {
      failures.push({ file: name, reason: describe(error), doc: id });
    }
  }
  return { documents, failures };
}

export function decodeArticle(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new Error('empty file');
  if (bytes.includes(0)) throw new Error('binary file (contains NUL bytes)');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new Error('not valid UTF-8 text');
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}
