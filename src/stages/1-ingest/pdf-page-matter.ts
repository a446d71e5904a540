/**
 * What on a PDF's pages is not the article's running text: running headers
 * and footers, page numbers, a margin's small lines, and footnotes, which
 * the article gives after its text.
 */
import { HEADING_SIZE, type PdfLine, setAsText, textLines } from './pdf-line.ts';

/** A line at the top or bottom of pages counts as running matter when found on at least this share of them (and on two pages at least). */
const RUNNING_SHARE = 0.5;
/** Lines read at each end of a page for running headers and footers. */
const EDGE_LINES = 3;
/** A page's number as printed: "12", "- 12 -", "Page 3 sur 8", "3 / 8". */
const PAGE_NUMBER = /^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:\/|sur|of|de)\s*\d{1,4})?$/iu;

/**
 * Running matter dropped from the top and bottom of pages: lines repeated
 * there on most pages (the paper's name, the date), page numbers, and small
 * lines set apart from the text in a margin, which a one-page PDF cannot
 * show repeating.
 */
export function dropRunningMatter(pages: readonly PdfLine[][], body: number, step: number): PdfLine[][] {
  const key = (line: PdfLine) => line.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
  const pagesWith = new Map<string, number>();
  for (const lines of pages) for (const k of new Set([...pageEdges(lines)].map(key))) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1);
  const running = (line: PdfLine) => pages.length >= 2 && (pagesWith.get(key(line)) ?? 0) >= Math.max(2, RUNNING_SHARE * pages.length);
  return pages.map((lines) => {
    const edges = pageEdges(lines);
    // A number set larger than the body is a headline's year ("Jeux olympiques d'été de / 2016"), not a page's.
    const pageNumber = (line: PdfLine) => line.size < body * HEADING_SIZE && PAGE_NUMBER.test(line.text.trim());
    return lines.filter((line) => !(edges.has(line) && (running(line) || pageNumber(line) || inMargin(line, lines, body, step))));
  });
}

/** The lines highest and lowest on a page. */
function pageEdges(lines: readonly PdfLine[]): Set<PdfLine> {
  const byHeight = [...lines].sort((a, b) => b.y - a.y);
  return new Set([...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)]);
}

/** A line set smaller than the body, above or below all of the page's text and apart from it by more than two lines' spacing. */
function inMargin(line: PdfLine, lines: readonly PdfLine[], body: number, step: number): boolean {
  if (step <= 0 || setAsText(line, body)) return false;
  const text = textLines(lines, body);
  if (text.length === 0) return false;
  const above = text.every((other) => other.y < line.y);
  const below = text.every((other) => other.y > line.y);
  const apart = Math.min(...text.map((other) => Math.abs(other.y - line.y))) > 2 * step;
  return (above || below) && apart;
}

/**
 * A page's footnotes taken out of its lines. A note sits below all of the
 * page's text, set smaller, and opens on a mark that a line above calls
 * ("mardi¹" … "1 Communiqué du ministère…"); its further lines follow it at
 * its own size and spacing. A call is left out of its line's text; a mark
 * that calls no note on the page is put back (an exponent, or a note the
 * next page holds). Without calls (a PDF that sets them as plain figures),
 * a page has no notes: its small lines below the text are a footer's.
 */
export function withoutNotes(lines: readonly PdfLine[], body: number): { text: PdfLine[]; notes: PdfLine[][] } {
  const calls = new Set(lines.flatMap((line) => line.calls?.map(({ mark }) => mark) ?? []));
  if (calls.size === 0) return { text: [...lines], notes: [] };
  const lowestText = Math.min(...textLines(lines, body).map((line) => line.y));
  const notes: { mark: string; lines: PdfLine[] }[] = [];
  const text: PdfLine[] = [];
  for (const line of lines) {
    const below = !setAsText(line, body) && line.y < lowestText;
    const opening = /^(\S{1,3})\s+/u.exec(line.text);
    const previous = notes.at(-1)?.lines.at(-1);
    if (below && opening && calls.has(opening[1]!)) notes.push({ mark: opening[1]!, lines: [{ ...line, text: line.text.slice(opening[0].length) }] });
    else if (below && previous && Math.abs(line.size - previous.size) <= 0.5 && previous.y - line.y <= 2 * line.size && !PAGE_NUMBER.test(line.text)) notes.at(-1)!.lines.push(line);
    else text.push(line);
  }
  const noted = new Set(notes.map(({ mark }) => mark));
  return { text: text.map((line) => withUnansweredCalls(line, noted)), notes: notes.map((note) => note.lines) };
}

/** A line's text with the marks that call none of `noted` put back where they stood. */
function withUnansweredCalls(line: PdfLine, noted: ReadonlySet<string>): PdfLine {
  let text = line.text;
  for (const { mark, at } of [...(line.calls ?? [])].reverse()) if (!noted.has(mark)) text = text.slice(0, at) + mark + text.slice(at);
  return text === line.text ? line : { ...line, text };
}
