/**
 * MIME messages, as two kinds of article file are: a web archive (`.mhtml`,
 * `.mht`: Chrome's and Edge's "Webpage, Single File", RFC 2557), whose root
 * part is the page's HTML beside its images and styles, and an e-mail
 * (`.eml`: a press release as a mail client saves it), whose body is an HTML
 * and a plain-text alternative beside its attachments. Only the text parts
 * are read, so the parser reads what browsers and mail clients write
 * (folded headers, quoted boundaries, nested multiparts, quoted-printable or
 * base64 bodies, encoded subjects) and not the whole of MIME.
 */
import { decodeWith } from './decode.ts';

/** A part's text as its bytes, transfer encoding undone, with the charset its header declares (the HTML's own `<meta>` may say it instead). */
export interface TextPart {
  bytes: Uint8Array;
  charset: string | null;
  /** Plain text sent as `format=flowed` (RFC 3676): a line ending in a space goes on in the next. */
  flowed: boolean;
}

interface Entity {
  headers: Map<string, string>;
  body: string;
  /** A multipart's parts, in order. */
  parts: Entity[];
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

/** A header's parameter (`boundary`, `charset`, `start`), quoted or not. */
function parameter(header: string | undefined, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header ?? '');
  return match ? (match[1] ?? match[2]!) : null;
}

const mediaType = (entity: Entity) => (entity.headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();

/** An entity: its headers, then after the first blank line its body, and a multipart's parts within it. */
function parseEntity(text: string, depth = 0): Entity {
  const blank = /\r?\n\r?\n/.exec(text);
  const headers = parseHeaders(blank ? text.slice(0, blank.index) : text);
  const body = blank ? text.slice(blank.index + blank[0].length) : '';
  const entity: Entity = { headers, body, parts: [] };
  const boundary = parameter(headers.get('content-type'), 'boundary');
  // Nested multiparts (a mail's alternative within its mixed body) are read a few levels deep, no further.
  if (mediaType(entity).startsWith('multipart/') && boundary && depth < 8) entity.parts = multipartParts(body, boundary).map((part) => parseEntity(part, depth + 1));
  return entity;
}

/** The texts of a multipart body between its boundary lines, up to the closing one. */
function multipartParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join('\r\n'));
      if (line.slice(delimiter.length).startsWith('--')) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

/** Every leaf part, depth first, in the order a reader meets them. */
function leaves(entity: Entity): Entity[] {
  return entity.parts.length ? entity.parts.flatMap(leaves) : [entity];
}

/** Quoted-printable's `=XX` (and an encoded word's) as the byte it stands for, one character a byte. */
const unescapedBytes = (text: string) => text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The part's text, its transfer encoding undone (the message was read as Latin-1, one character a byte). */
function textPart(entity: Entity): TextPart {
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const type = entity.headers.get('content-type');
  const charset = parameter(type, 'charset');
  const flowed = parameter(type, 'format')?.toLowerCase() === 'flowed';
  if (encoding === 'base64') return { bytes: Buffer.from(entity.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'), charset, flowed };
  const body = encoding === 'quoted-printable'
    ? unescapedBytes(entity.body.replace(/=\r?\n/g, ''))
    : entity.body;
  return { bytes: Buffer.from(body, 'latin1'), charset, flowed };
}

const readMessage = (bytes: Uint8Array) => parseEntity(Buffer.from(bytes).toString('latin1'));

/** The page a web archive holds: the part its `start` names, else its first HTML part (the page; the frames within come after it). */
export function archivedPage(bytes: Uint8Array): TextPart {
  const message = readMessage(bytes);
  const start = parameter(message.headers.get('content-type'), 'start');
  const parts = leaves(message);
  const root = (start ? parts.find((part) => part.headers.get('content-id') === start) : undefined) ?? parts.find((part) => mediaType(part) === 'text/html');
  if (!root) throw new Error('not a readable web archive (no HTML page in it)');
  return textPart(root);
}

export interface EmailParts {
  /** The subject, its encoded words (RFC 2047) decoded. */
  subject: string;
  html: TextPart | null;
  text: TextPart | null;
}

/** An e-mail's subject and its body's HTML and plain-text forms; attachments are not its body. */
export function emailParts(bytes: Uint8Array): EmailParts {
  const message = readMessage(bytes);
  if (!message.headers.has('from') && !message.headers.has('subject') && !message.headers.has('mime-version')) throw new Error('not an e-mail message (no headers)');
  const body = leaves(message).filter((part) => !/^attachment\b/i.test(part.headers.get('content-disposition') ?? ''));
  const first = (type: string) => body.find((part) => mediaType(part) === type);
  const html = first('text/html');
  const text = first('text/plain');
  return { subject: decodedWords(message.headers.get('subject') ?? ''), html: html ? textPart(html) : null, text: text ? textPart(text) : null };
}

/** A header's encoded words (`=?UTF-8?Q?Saisie_=C3=A0_Marseille?=`) decoded; the blanks between two of them are not text. */
function decodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (whole, charset: string, kind: string, text: string) => {
      const bytes = kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(unescapedBytes(text.replace(/_/g, ' ')), 'latin1');
      try {
        return decodeWith(new TextDecoder(charset.split('*')[0]!), bytes);
      } catch {
        return whole;
      }
    })
    .trim();
}
