/**
 * A file's bytes as text. UTF-8 first, as almost every article is now;
 * UTF-16 when it starts with its byte-order mark (Windows Notepad's
 * "Unicode"); otherwise the encoding an HTML page declares, or
 * Windows-1252: French text saved on Windows before UTF-8, the superset of
 * Latin-1 that browsers also read a Latin-1 page as. An article in an older
 * encoding is read, and said to be, rather than left out of the index.
 */

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read in when they were not UTF-8. */
  encoding: string | null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const BYTE_ORDER_MARKS: readonly { bytes: readonly [number, number]; encoding: string }[] = [
  { bytes: [0xff, 0xfe], encoding: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16BE' },
];
const LEGACY_ENCODING = 'windows-1252';
/**
 * Windows-1252's bytes 0x80–0x9F (€, curly quotes, œ, dashes…), which this
 * Node's TextDecoder reads as Latin-1's control characters: French text
 * saved on Windows writes its apostrophe as 0x92.
 */
const WINDOWS_1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
/** Where an HTML page's `<meta charset>` must stand (the HTML standard's prescan reads 1,024 bytes). */
const PRESCAN_BYTES = 1024;

/** `html`: the file is an HTML page, whose declared charset is read when its bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array, html: boolean): DecodedText {
  if (bytes.length === 0) throw new Error('empty file');
  const mark = BYTE_ORDER_MARKS.find(({ bytes: [a, b] }) => bytes[0] === a && bytes[1] === b);
  if (mark) return { text: new TextDecoder(mark.encoding).decode(bytes), encoding: mark.encoding };
  if (bytes.includes(0)) throw new Error('binary file (contains NUL bytes)');
  try {
    return { text: strictUtf8.decode(bytes), encoding: null };
  } catch {
    // Not UTF-8: an older encoding, below.
  }
  const { decoder, encoding } = (html ? declaredCharset(bytes) : null) ?? { decoder: new TextDecoder(LEGACY_ENCODING), encoding: LEGACY_ENCODING };
  return { text: decodeWith(decoder, bytes), encoding };
}

/** The bytes through the decoder, Windows-1252's 0x80–0x9F read as that code page has them, which this Node's decoder does not. */
export function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  // "latin1" and "iso-8859-1" name Windows-1252 too, in the Encoding standard as in browsers.
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!) : text;
}

/**
 * The charset an HTML page's `<meta>` declares, as its label and a decoder
 * for it, when it is one the runtime can read and not UTF-8 (which the
 * bytes just failed).
 */
function declaredCharset(bytes: Uint8Array): { decoder: TextDecoder; encoding: string } | null {
  const head = new TextDecoder(LEGACY_ENCODING).decode(bytes.subarray(0, PRESCAN_BYTES));
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  const decoder = label ? knownDecoder(label) : null;
  return decoder && decoder.encoding !== 'utf-8' ? { decoder, encoding: label!.toLowerCase() } : null;
}

/** A decoder for a declared charset, when the runtime knows it. */
function knownDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * Bytes whose charset a header declares (a MIME part's `charset`): read in
 * it when the runtime knows it, else as a file's bytes are (`html`: an HTML
 * page's by its `<meta>`).
 */
export function decodeDeclared(bytes: Uint8Array, charset: string | null, html: boolean): DecodedText {
  const decoder = charset ? knownDecoder(charset) : null;
  if (!decoder) return decodeText(bytes, html);
  return { text: decodeWith(decoder, bytes), encoding: decoder.encoding === 'utf-8' ? null : charset!.toLowerCase() };
}
