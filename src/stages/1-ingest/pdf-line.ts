/** A line of a PDF's page as the layout reads it, and what its letters' size tells. */

/** One line of a page, in PDF units; `y` grows up the page, as PDF's does. */
export interface PdfLine {
  text: string;
  /** Left edge of its first glyph. */
  x: number;
  /** Right edge of its last glyph. */
  right: number;
  /** Baseline. */
  y: number;
  /** Letter size (the font's scale). */
  size: number;
  /**
   * Marks set small and raised after its words ("mardi¹"), which its text
   * leaves out: each a note's call, or an exponent ("km²") when the page
   * holds no note it calls. `at` is where the mark stood in the text.
   */
  calls?: readonly NoteCall[];
}

/** A mark set small and raised after a word: the mark, and where in the line's text it stood. */
export interface NoteCall {
  mark: string;
  at: number;
}

/** Letters this much larger than the body's are a headline or a heading (body text at 10 pt, headings at 12 pt or more). */
export const HEADING_SIZE = 1.15;

/** A line set in the body's letters, give or take what tells a heading. */
export function isBody(line: PdfLine, body: number): boolean {
  return Math.abs(line.size - body) <= body * (HEADING_SIZE - 1);
}

/** A line set in the body's letters or larger: the article's text, where smaller letters are a margin's, a caption's or a note's. */
export const setAsText = (line: PdfLine, body: number) => line.size * HEADING_SIZE > body;

/** A page's lines set in the body's letters or larger. */
export const textLines = (lines: readonly PdfLine[], body: number) => lines.filter((line) => setAsText(line, body));
