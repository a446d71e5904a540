/**
 * What of an e-mail's plain text is the article: a press release forwarded
 * to the newsroom, say. Pure; the message's parts come from mime.ts. The
 * lines a mail client adds around the text are left out: the quoted lines of
 * a reply (`>`), the signature after its `-- ` line, the banner of a
 * forwarded message (`---------- Forwarded message ---------`), and the
 * header block it quotes (two or more lines such as "De : …", "Objet : …",
 * labelled in the language packs).
 */
import { acrossLanguages } from '../../lang/index.ts';

// The packs' words are pattern alternatives, as clutter.ts reads every list of theirs.
const HEADER_LINE = new RegExp(`^(?:${acrossLanguages((pack) => pack.clutter.mailHeaderLabels).join('|')})\\s*:\\s`, 'iu');
const SUBJECT_MARKERS = new RegExp(`^(?:(?:${acrossLanguages((pack) => pack.clutter.mailSubjectMarkers).join('|')})\\s*(?:\\[\\d+\\])?\\s*:\\s*)+`, 'iu');
/** A banner such as `---------- Message transféré ---------` or `-----Original Message-----`: dashes around a few words. */
const BANNER = /^-{2,}\s*[^-]{0,40}?\s*-{2,}$/;

/** The subject without the reply and forward markers before it ("TR : RE: Saisie…" → "Saisie…"). */
export function emailTitle(subject: string): string {
  return subject.replace(SUBJECT_MARKERS, '').trim();
}

/** Lines ending in a space go on in the next (RFC 3676), a leading space stuffed before a line is not text. */
function unflowed(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (line.endsWith(' ') && line !== '-- ') pending += line;
    else {
      lines.push(pending + line);
      pending = '';
    }
  }
  if (pending) lines.push(pending);
  return lines;
}

/** The e-mail's plain text as the cleaner's text: its lines, what the mail client added left out. */
export function emailBodyText(text: string, flowed: boolean): string {
  const lines = flowed ? unflowed(text) : text.split(/\r?\n/);
  const signature = lines.findIndex((line) => line === '-- ');
  const body = (signature >= 0 ? lines.slice(0, signature) : lines).filter((line) => !line.startsWith('>') && !BANNER.test(line.trim()));
  // A header block is two lines or more: one line opening "Date : …" may be the text's own.
  const kept = body.filter((line, i) => !(HEADER_LINE.test(line.trim()) && (HEADER_LINE.test(body[i - 1]?.trim() ?? '') || HEADER_LINE.test(body[i + 1]?.trim() ?? ''))));
  return kept.join('\n');
}
