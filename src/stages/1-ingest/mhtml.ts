/**
 * The page inside a web archive (`.mhtml`, `.mht`: Chrome's and Edge's
 * "Webpage, Single File", what a reader saves of an article): a MIME message
 * (RFC 2557) whose root part is the page's HTML, beside its images and
 * styles. Only that part is read, so the parser reads what those browsers
 * and Word write (folded headers, a quoted boundary, quoted-printable or
 * base64 bodies) and not the whole of MIME.
 */

export interface ArchivedPage {
  /** The page's HTML as its bytes, transfer encoding undone. */
  html: Uint8Array;
  /** The charset its part's header declares, when it does; the page's own `<meta>` may say it instead. */
  charset: string | null;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Header lines, continuation lines joined (RFC 5322 folding), names lower-cased. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A part: its headers, then after the first blank line its body. */
function parsePart(text: string): Part {
  const blank = /\r?\n\r?\n/.exec(text);
  if (!blank) return { headers: parseHeaders(text), body: '' };
  return { headers: parseHeaders(text.slice(0, blank.index)), body: text.slice(blank.index + blank[0].length) };
}

/** A header's parameter (`boundary`, `charset`, `start`), quoted or not. */
function parameter(header: string | undefined, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header ?? '');
  return match ? (match[1] ?? match[2]!) : null;
}

const mediaType = (part: Part) => (part.headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();

/** The body as bytes (it was read as Latin-1, one character a byte), its transfer encoding undone. */
function decodedBody(part: Part): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  const body = encoding === 'quoted-printable'
    ? part.body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : part.body;
  return Buffer.from(body, 'latin1');
}

/** The parts of a multipart body between its boundary lines, up to the closing one. */
function multipartParts(body: string, boundary: string): Part[] {
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(parsePart(current.join('\r\n')));
      if (line.slice(delimiter.length).startsWith('--')) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(parsePart(current.join('\r\n')));
  return parts;
}

export function archivedPage(bytes: Uint8Array): ArchivedPage {
  const message = parsePart(Buffer.from(bytes).toString('latin1'));
  const type = message.headers.get('content-type');
  const boundary = parameter(type, 'boundary');
  const parts = mediaType(message).startsWith('multipart/') && boundary ? multipartParts(message.body, boundary) : [message];
  // The root is the part the `start` parameter names, else the first HTML part (the page; the frames within come after it).
  const start = parameter(type, 'start');
  const root =
    (start ? parts.find((part) => part.headers.get('content-id') === start) : undefined) ?? parts.find((part) => mediaType(part) === 'text/html');
  if (!root) throw new Error('not a readable web archive (no HTML page in it)');
  return { html: decodedBody(root), charset: parameter(root.headers.get('content-type'), 'charset') };
}
