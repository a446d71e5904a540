/**
 * Reads a PDF's lines with Mozilla's PDF.js (the reader Firefox shows PDFs
 * with), for the layout to make paragraphs of (pdf-layout.ts). PDF.js is
 * loaded with the first PDF: a corpus without any never pays for it.
 */
import { isKnownWord } from '../../lang/index.ts';
import { pdfArticleLayout, type PdfLine } from './pdf-layout.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** What PDF.js gives for a run of text: its string, its placement matrix [a b c d e f], its width, and whether a line ends after it. */
interface TextRun {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

export async function pdfArticleText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  // PDF.js takes the bytes over (it may detach their buffer): it is given its own copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, stopAtErrors: false });
  try {
    const document = await task.promise;
    const pages: PdfLine[][] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const page = await document.getPage(pageNumber);
      const { items } = await page.getTextContent();
      pages.push(linesOf(items.filter((item): item is TextRun & (typeof items)[number] => 'str' in item)));
      page.cleanup();
    }
    const { info } = await document.getMetadata().catch(() => ({ info: {} }));
    const title = (info as { Title?: unknown }).Title;
    const text = pdfArticleLayout(pages, { title: typeof title === 'string' ? title : '', isWord: isKnownWord });
    if (!text.trim()) throw new Error('no text in the PDF (a scan? ancre reads the text a PDF holds, it does not read images)');
    return text;
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') throw new Error('the PDF is password-protected');
    if (error instanceof Error && error.name === 'InvalidPDFException') throw new Error(`not a readable PDF (${error.message})`);
    throw error;
  } finally {
    await task.destroy();
  }
}

/** A note's call: a number or a note sign, set after a word smaller than it and raised ("mardi¹"). */
const NOTE_CALL = /^(?:\d{1,3}|[*†‡§]{1,3})$/u;

/**
 * A page's runs as lines: a run ends its line when PDF.js says so, or when
 * the next run sits on another baseline. Runs set apart without a space
 * between them (words placed one by one) are joined with one. Text turned
 * on its side (a margin's credit, a vertical label) is not the article's.
 * What may be a note's call is kept apart, in `calls`: the layout puts it
 * back unless the page holds the note.
 */
function linesOf(runs: readonly TextRun[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let open: PdfLine | null = null;
  const close = (line: PdfLine | null): null => {
    const text = line?.text.trim();
    if (!line || !text) return null;
    const lead = line.text.length - line.text.trimStart().length;
    lines.push({ ...line, text, ...(line.calls && { calls: line.calls.map((call) => ({ ...call, at: Math.min(call.at - lead, text.length) })) }) });
    return null;
  };
  for (const run of runs) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = run.transform;
    const size = Math.hypot(c, d);
    const glyphs = run.str.trim() !== '';
    if (run.str && Math.abs(b) <= Math.abs(a) * 0.1) {
      // A space has no glyph to place: only glyphs tell that a run sits on another line.
      if (open && glyphs && Math.abs(open.y - y) > 0.5 * Math.max(size, open.size)) open = close(open);
      const line: PdfLine = open ?? { text: '', x, right: x, y, size: 0 };
      if (glyphs && isNoteCall(run.str, size, y, line)) {
        line.calls = [...(line.calls ?? []), { mark: run.str.trim(), at: line.text.length }];
        line.right = Math.max(line.right, x + run.width);
        open = line;
        continue;
      }
      if (line.text && x - line.right > 0.25 * size && !/\s$/.test(line.text) && !/^\s/.test(run.str)) line.text += ' ';
      line.text += run.str;
      if (glyphs) {
        line.right = Math.max(line.right, x + run.width);
        // The line's baseline is its largest letters': a note's number raised before it is not.
        if (size > line.size) [line.size, line.y] = [size, y];
      }
      open = line;
    }
    if (run.hasEOL) open = close(open);
  }
  close(open);
  return lines;
}

/** Whether a run is a note's call: after a word of `line`, smaller than its letters and raised above its baseline. */
function isNoteCall(text: string, size: number, y: number, line: PdfLine): boolean {
  return /\S$/u.test(line.text) && NOTE_CALL.test(text.trim()) && size <= 0.8 * line.size && y - line.y >= 0.15 * line.size;
}
