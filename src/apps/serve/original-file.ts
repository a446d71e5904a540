/**
 * An article's original file, from the corpus folder, as it was indexed: a
 * reader checks a quote against the PDF or Word document it came from. It
 * is offered as a download, never rendered from the service's own origin,
 * where an HTML page's scripts would run; a file changed since it was
 * indexed is refused, since its text is no longer the one quoted.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ErrorCode } from '../../contracts/api.ts';
import type { ArticleDocument } from '../../contracts/document.ts';
import { mediaTypeOf } from '../../pipeline/pipeline.ts';

export type OriginalFile =
  | { found: true; body: ReadableStream<Uint8Array>; size: number; mediaType: string; name: string }
  | { found: false; status: 404 | 409; code: Extract<ErrorCode, 'not_found' | 'original_changed'>; message: string };

export async function originalFile(corpusDir: string, doc: Pick<ArticleDocument, 'id' | 'file' | 'source'>): Promise<OriginalFile> {
  const file = path.resolve(corpusDir, doc.file);
  // The name comes from the index's manifest, which only an ingest of this folder writes; still, nothing outside it is served.
  const relative = path.relative(path.resolve(corpusDir), file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { found: false, status: 404, code: 'not_found', message: `the original file of ${doc.id} is not in the corpus folder` };
  }
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) return { found: false, status: 404, code: 'not_found', message: `the original file of ${doc.id} (${doc.file}) is no longer in the corpus folder` };
  if (doc.source && (found.size !== doc.source.size || found.mtimeMs !== doc.source.modifiedMs)) {
    return { found: false, status: 409, code: 'original_changed', message: `${doc.file} changed since it was indexed: its text is no longer the one quoted; re-index to quote it as it is` };
  }
  // Exactly the bytes measured, which Content-Length announces: a file growing meanwhile would otherwise send more than
  // it, and the bytes past it would reach the connection's next response.
  const body = found.size === 0 ? new Blob([]).stream() : (Readable.toWeb(createReadStream(file, { start: 0, end: found.size - 1 })) as ReadableStream<Uint8Array>);
  return { found: true, body, size: found.size, mediaType: mediaTypeOf(file), name: path.basename(file) };
}

/** `Content-Disposition` for a download named `name`: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
