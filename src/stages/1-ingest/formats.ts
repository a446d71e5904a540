/**
 * Turns a file of any supported format into the plain text the cleaner
 * reads: one paragraph per line, headings as Markdown `#` lines.
 * HTML pages, and the page inside a saved web archive (mime.ts), go
 * through Mozilla's Readability (the reader-view extractor) on a linkedom
 * DOM, which finds the article's main text far better than any regular
 * expression could; PDFs through PDF.js and a layout reading that finds
 * their paragraphs (pdf-layout.ts); Word documents through mammoth, and
 * OpenDocument texts (odt-text.ts) and RTF (rtf-text.ts), by their paragraph
 * styles; Word 97–2003 documents through word-extractor (doc-text.ts).
 */
import path from 'node:path';
import { collapseSpaces } from '../../text/spaces.ts';
import { decodeDeclared, decodeText } from './decode.ts';
import { emailBodyText, emailTitle } from './email-text.ts';
import { archivedPage, emailParts } from './mime.ts';
import { docArticleText } from './doc-text.ts';
import type { DocumentLines } from './document-lines.ts';
import { flatOdtLines, odtLines } from './odt-text.ts';
import { pdfArticleText } from './pdf-text.ts';
import { rtfLines } from './rtf-text.ts';

export interface ReadArticle {
  /** The file's text as read, which the document's hash is taken of: decoded, or for a PDF or a word processor's document the text it holds. */
  raw: string;
  /** The text the cleaner reads. */
  text: string;
  /** The encoding a text file was read in when it is not UTF-8. */
  encoding: string | null;
}

type Reader = (bytes: Uint8Array) => Promise<ReadArticle>;

/** A text file's reader: decoded (an HTML page by its `<meta>` when not UTF-8), then made the cleaner's text. */
const fromText =
  (toArticle: (raw: string) => string | Promise<string>, html = false): Reader =>
  async (bytes) => {
    const { text: raw, encoding } = decodeText(bytes, html);
    return { raw, text: await toArticle(raw), encoding };
  };

/** A reader of a format read from its bytes, not as text: the text it holds is what it is. */
const fromBytes =
  (toArticle: (bytes: Uint8Array) => Promise<string>): Reader =>
  async (bytes) => {
    const text = await toArticle(bytes);
    return { raw: text, text, encoding: null };
  };

/**
 * A format: how its files are read, the version of that reader, and the
 * media type its original is sent as (GET /docs/{doc}/original). Raise a
 * format's `version` with any change to its reader (or to a reader it
 * calls: `.html` for saved pages and e-mails, `.rtf` for an RTF saved as
 * `.doc`) that reads some file differently: the next ingest reads that
 * format's files again, and embeds again only the articles that came out
 * different (corpus.ts, `readingVersion`).
 */
interface Format {
  read: Reader;
  version: number;
  mediaType: string;
}

/** Each format by its extension, in the order messages list them; a name it lacks is read as text. */
const FORMATS: Readonly<Record<string, Format>> = {
  '.txt': { read: fromText((raw) => raw), version: 1, mediaType: 'text/plain' },
  '.md': { read: fromText(markdownText), version: 2, mediaType: 'text/markdown' },
  '.markdown': { read: fromText(markdownText), version: 2, mediaType: 'text/markdown' },
  '.html': { read: fromText(htmlArticleText, true), version: 3, mediaType: 'text/html' },
  '.htm': { read: fromText(htmlArticleText, true), version: 3, mediaType: 'text/html' },
  '.mhtml': { read: archivedPageArticle, version: 3, mediaType: 'multipart/related' },
  '.mht': { read: archivedPageArticle, version: 3, mediaType: 'multipart/related' },
  '.eml': { read: emailArticle, version: 3, mediaType: 'message/rfc822' },
  '.pdf': { read: fromBytes(pdfArticleText), version: 3, mediaType: 'application/pdf' },
  '.docx': { read: fromBytes(docxArticleText), version: 2, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  '.doc': { read: fromBytes(wordFileText), version: 3, mediaType: 'application/msword' },
  '.odt': { read: fromBytes(async (bytes) => styledArticleText(await odtLines(bytes), 'OpenDocument file')), version: 1, mediaType: 'application/vnd.oasis.opendocument.text' },
  '.fodt': { read: fromBytes(async (bytes) => styledArticleText(await flatOdtLines(bytes), 'OpenDocument file')), version: 1, mediaType: 'application/vnd.oasis.opendocument.text-flat-xml' },
  '.rtf': { read: fromBytes(async (bytes) => rtfArticleText(bytes)), version: 1, mediaType: 'application/rtf' },
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

const formatOf = (fileName: string): Format | undefined => FORMATS[path.extname(fileName).toLowerCase()];
/** The format a file is read as: its own, or text for a name of no format. */
const readAs = (fileName: string): Format => formatOf(fileName) ?? FORMATS['.txt']!;

export function isSupported(fileName: string): boolean {
  return formatOf(fileName) !== undefined;
}

/** The version of the reader of a corpus file's format (a name of no format is read as text). */
export function readerVersion(fileName: string): number {
  return readAs(fileName).version;
}

/** The media type of a corpus file, by its format; a name of no format is bytes. */
export function mediaTypeOf(fileName: string): string {
  return formatOf(fileName)?.mediaType ?? 'application/octet-stream';
}

export function readArticle(fileName: string, bytes: Uint8Array): Promise<ReadArticle> {
  return readAs(fileName).read(bytes);
}

/** A saved web page (`.mhtml`, `.mht`): the page inside is read as an HTML page is. */
async function archivedPageArticle(bytes: Uint8Array): Promise<ReadArticle> {
  const page = archivedPage(bytes);
  const { text: raw, encoding } = decodeDeclared(page.bytes, page.charset, true);
  return { raw, text: await htmlArticleText(raw), encoding };
}

/**
 * An e-mail (.eml) as an article: its subject is the headline, its HTML body
 * read as a page is when Readability finds an article in it, else its plain
 * text without what the mail client added (email-text.ts).
 */
async function emailArticle(bytes: Uint8Array): Promise<ReadArticle> {
  const { subject, html, text } = emailParts(bytes);
  const title = emailTitle(subject);
  if (html) {
    const { text: raw, encoding } = decodeDeclared(html.bytes, html.charset, true);
    try {
      return { raw, text: await htmlArticleText(raw, title), encoding };
    } catch (error) {
      // A short mail in which Readability finds no article: its plain text, when it has one.
      if (!text) throw error;
    }
  }
  if (!text) throw new Error('no text in the e-mail (only attachments)');
  const { text: raw, encoding } = decodeDeclared(text.bytes, text.charset, false);
  return { raw, text: `${title ? `# ${title}\n\n` : ''}${emailBodyText(raw, text.flowed)}`, encoding };
}

/** marked with its footnotes, loaded with the first Markdown file. */
let markdownTools: Promise<import('marked').Marked> | null = null;

/**
 * Markdown as its readers see it, through marked (GitHub's flavour: tables,
 * and footnotes with marked-footnote), then read as any HTML fragment is:
 * headings, paragraphs joined from their hard-wrapped lines, list items
 * without their markers, a table's rows with their cells apart, a footnote
 * after the text without its call or its link back. Links and emphasis keep
 * their words; images go.
 */
async function markdownText(raw: string): Promise<string> {
  markdownTools ??= Promise.all([import('marked'), import('marked-footnote')]).then(([{ Marked }, { default: footnotes }]) => new Marked({ gfm: true }).use(footnotes()));
  const html = await (await markdownTools).parse(raw, { async: true });
  const lines = await blockLines(html);
  if (lines.length === 0) throw new Error('no text in the Markdown file');
  return headlined(lines);
}

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, tr';

/** The DOM and Readability, loaded with the first HTML page: a corpus of text files, and every command that reads none, never pays for them. */
let htmlTools: Promise<[typeof import('linkedom'), typeof import('@mozilla/readability')]> | null = null;

/** `title`: the headline when the page shows none of its own (an e-mail's subject). */
async function htmlArticleText(raw: string, title = ''): Promise<string> {
  htmlTools ??= Promise.all([import('linkedom'), import('@mozilla/readability')]);
  const [{ parseHTML }, { Readability }] = await htmlTools;
  const { document } = parseHTML(raw);
  dropNoteMarks(document);
  // Read before Readability, which takes the headline out of the content when it repeats the title.
  const pageHeadlines = [...document.querySelectorAll('h1')].map((h1) => collapseSpaces(h1.textContent ?? ''));
  const parsed = new Readability(document as unknown as Document).parse();
  if (!parsed?.content) throw new Error('no article found in the HTML page');
  // The page's own headline is the first heading when Readability kept it; otherwise its title.
  return headlined(await blockLines(parsed.content), title || pageHeadline(pageHeadlines, parsed.title ?? ''));
}

/**
 * The headline from the title Readability read: the page's `<h1>` that holds
 * it, since the title is cut from the window's (`Jean-Louis Cheynet | Le
 * Quotidien` can come out as `Louis Cheynet | Le Quotidien`), else the title
 * itself; either without a site name after a separator.
 */
function pageHeadline(pageHeadlines: readonly string[], title: string): string {
  const withoutSite = collapseSpaces(title).replace(/\s+[|–—-]\s+[^|–—-]+$/, '');
  const holding = withoutSite ? pageHeadlines.filter((headline) => headline.includes(withoutSite)) : [];
  return holding.length === 1 ? holding[0]! : withoutSite;
}

/** The blocks of an HTML fragment (an article's content) as the cleaner's lines, headings marked `## `. */
async function blockLines(fragment: string): Promise<string[]> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
  dropNoteMarks(document);
  const lines: string[] = [];
  for (const node of document.querySelectorAll(BLOCKS)) {
    // Nested blocks (a <p> inside an <li>) are read once, from the outer one.
    if (node.parentElement?.closest(BLOCKS)) continue;
    const text = blockText(node);
    if (!text) continue;
    lines.push(/^H\d$/.test(node.tagName) ? `## ${text}` : text);
  }
  return lines;
}

/**
 * A note's call, or its link back, as word processors (mammoth's "[1]" and
 * "↑", LibreOffice's and Word's web pages), Markdown (marked's "1" and "↩")
 * and encyclopaedias write them: a link to a place in a page (`#…`, or the
 * page's own address and `#…`, as a browser saves it) whose text is only a
 * mark. Left out, a sentence reads "mardi." rather than "mardi1.",
 * and a note, which stays after the text, does not open on its number. A
 * link of words is the text's own.
 */
const NOTE_MARK = /^(?:\[?(?:\d{1,3}|[*†‡])\]?|\[[a-z]\]|[↑↩^])$/u;

function dropNoteMarks(root: Pick<ParentNode, 'querySelectorAll' | 'querySelector'>): void {
  for (const link of root.querySelectorAll('a[href*="#"]')) if (NOTE_MARK.test(collapseSpaces(link.textContent ?? ''))) link.remove();
  // marked-footnote's "Footnotes" label above the notes, for screen readers.
  root.querySelector('#footnote-label')?.remove();
}

/** A block's words on one line; a table's row is one line, its cells' text apart by ` | `, as a Markdown table's row is read. */
function blockText(node: Element): string {
  const flat = (element: Element) => collapseSpaces(element.textContent ?? '');
  if (node.tagName !== 'TR') return flat(node);
  const cells = [...node.children].filter((cell) => cell.tagName === 'TD' || cell.tagName === 'TH').map(flat);
  return cells.some(Boolean) ? cells.join(' | ') : '';
}

/** The lines as the cleaner's text: a first heading is the headline (`# `); without one, `title` is, when there is one. */
function headlined(lines: readonly string[], title = ''): string {
  const first = lines[0];
  const headline = first?.startsWith('## ') ? first.slice(3) : title;
  const body = first?.startsWith('## ') ? lines.slice(1) : lines;
  return [headline ? `# ${headline}` : '', ...body].filter(Boolean).join('\n\n');
}

/** Word's title styles, which mammoth leaves as plain paragraphs: the headline and its standfirst. */
const DOCX_STYLES = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * A Word document (.docx) through mammoth, which reads its paragraphs and
 * headings by their styles (what Word's own outline shows); the first
 * heading, when it comes first, is the headline.
 */
async function docxArticleText(bytes: Uint8Array): Promise<string> {
  const mammoth = await import('mammoth');
  let html: string;
  try {
    html = (await (mammoth.default ?? mammoth).convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: DOCX_STYLES })).value;
  } catch (error) {
    throw new Error(`not a readable Word document (${error instanceof Error ? error.message : String(error)})`);
  }
  const lines = await blockLines(html);
  if (lines.length === 0) throw new Error('no text in the Word document');
  return headlined(lines);
}

/**
 * A `.doc`: a Word 97–2003 document, or, as old archives hold many, an RTF
 * file or an HTML page that Word or a site saved under that name (Word
 * opens all three); each is read as what it is.
 */
async function wordFileText(bytes: Uint8Array): Promise<string> {
  // Read as Latin-1, one character a byte: a UTF-8 byte-order mark is these three characters.
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{\\rtf')) return rtfArticleText(bytes);
  if (/^<(?:!doctype html|html|\?xml[^>]*>\s*<html)/i.test(head)) return htmlArticleText(decodeText(bytes, true).text);
  return docArticleText(bytes);
}

/** An RTF document: its text is ASCII with escapes, and bytes past ASCII stand for themselves in its code page. */
function rtfArticleText(bytes: Uint8Array): string {
  return styledArticleText(rtfLines(Buffer.from(bytes).toString('latin1')), 'RTF document');
}

/** A document's blocks as the cleaner's text: a first heading is the headline, else the title its metadata gives. */
function styledArticleText({ lines, title }: DocumentLines, kind: string): string {
  if (lines.length === 0) throw new Error(`no text in the ${kind}`);
  return headlined(lines, title);
}
