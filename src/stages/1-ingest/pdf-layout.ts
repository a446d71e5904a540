/**
 * A PDF holds no paragraphs, only lines of glyphs placed on pages. This turns
 * those lines back into the text the cleaner reads (a `#` headline, `##`
 * headings, one paragraph per block), the way a reader's eye does: a wider
 * gap than the line spacing, a short line that ends a sentence, or an
 * indented first line starts a paragraph; larger letters are a heading; what
 * repeats at the top or bottom of every page (the paper's name, the page
 * number) is not the article. Pure: lines in, text out.
 */
import { documentWords, joinLines } from './pdf-line-join.ts';
import { HEADING_SIZE, isBody, type PdfLine } from './pdf-line.ts';
import { dropRunningMatter, withoutNotes } from './pdf-page-matter.ts';

export type { PdfLine } from './pdf-line.ts';

/**
 * Past this many times the body's usual step from one baseline to the next,
 * a gap separates paragraphs: typesetting adds half a line or more between
 * them, while a line's own spacing varies by a few percent.
 */
const PARAGRAPH_GAP = 1.4;
/** In ragged-right text, a line ending this far (a share of the column's width) short of the column's right edge ends its paragraph, when it ends a sentence. */
const SHORT_LINE = 0.15;
/** In justified text, a line ending this far (a share of the column's width) short of the edge is a paragraph's last. */
const JUSTIFIED_SLACK = 0.02;
/** A first line indented by at least this many letter sizes starts a paragraph. */
const INDENT = 0.8;

const ENDS_SENTENCE = /[.!?…:»"”)]$/u;

interface Block {
  lines: PdfLine[];
  heading: boolean;
}

export interface PdfLayoutOptions {
  /**
   * The document's Title entry: the headline when no line is set larger than
   * the body, unless it names a file, as word processors write it.
   * @default ''
   */
  title?: string;
  /**
   * Whether a lower-case word is a word of the language (a word list): it
   * tells a hyphen that cut a word at a line's end ("coordi-nation") from one
   * the word has ("sous-estimée") when the document itself does not.
   * @default no word is known
   */
  isWord?: (lowerCaseWord: string) => boolean;
}

/**
 * A list item's bullet, which the typesetter draws before it and no
 * sentence holds: the readers of other formats leave list markers out too.
 * Only glyphs that are nothing but bullets: a dash opens a line of dialogue.
 * A word processor's bullet in a symbol font (Word's "" in Symbol) comes
 * out as a private-use character, which no text of a language holds.
 */
const LIST_BULLET = /^(?:[•◦▪‣●○■]|\p{Co})\s+/u;

/** The article's text, from its pages' lines in reading order. */
export function pdfArticleLayout(pages: readonly (readonly PdfLine[])[], { title: metadataTitle = '', isWord = () => false }: PdfLayoutOptions = {}): string {
  const written = pages.map((lines) => lines.filter((line) => line.text.trim() !== ''));
  const body = bodySize(written.flat());
  const step = usualStep(written, body);
  const paged = written.map((lines) => withoutNotes(lines, body));
  const kept = dropRunningMatter(paged.map(({ text }) => text), body, step);
  if (!kept.some((lines) => lines.length > 0)) return '';
  const blocks = kept.flatMap((lines) => pageBlocks(lines, body, step));
  const merged = joinAcrossBreaks(blocks);
  const notes = paged.flatMap(({ notes }) => notes);
  const words = documentWords([...kept.flat(), ...notes.flat()].map((line) => line.text));
  const known = (word: string) => words.has(word) || isWord(word);
  const texts = merged.map((block) => ({ heading: block.heading, size: block.lines[0]!.size, text: joinLines(block.lines.map((line) => line.text), words, known).replace(LIST_BULLET, '') }));
  // A note comes after the article's text, as the readers of other formats give it.
  texts.push(...notes.map((lines) => ({ heading: false, size: lines[0]!.size, text: joinLines(lines.map((line) => line.text), words, known) })));
  // The headline: the largest heading above the first paragraph (a kicker or a section name may sit above it, smaller).
  const lead = texts.slice(0, Math.max(0, texts.findIndex((block) => !block.heading)));
  const largest = lead.reduce<(typeof texts)[number] | undefined>((best, block) => (best && best.size >= block.size ? best : block), undefined);
  if (largest) texts.splice(texts.indexOf(largest), 1);
  const headline = largest?.text ?? (fileLikeTitle(metadataTitle) ? '' : metadataTitle.trim());
  return [headline ? `# ${headline}` : '', ...texts.map(({ heading, text }) => (heading ? `## ${text}` : text))].filter(Boolean).join('\n\n');
}

/** The body's letter size: the size most of the text is set in. */
function bodySize(lines: readonly PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) chars.set(round(line.size), (chars.get(round(line.size)) ?? 0) + line.text.length);
  return [...chars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * The usual distance between consecutive baselines of body text, or 0 when
 * no two body lines follow each other. The lower quartile, not the median:
 * in a short article of one- and two-line paragraphs, half the distances
 * may be paragraph gaps.
 */
function usualStep(pages: readonly PdfLine[][], body: number): number {
  const steps: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [above, line] = [lines[i - 1]!, lines[i]!];
      if (isBody(above, body) && isBody(line, body) && above.y > line.y) steps.push(above.y - line.y);
    }
  }
  steps.sort((a, b) => a - b);
  return steps[Math.floor((steps.length - 1) / 4)] ?? 0;
}

/** A block, with what tells whether it continues the block before it across a page or a column. */
interface PlacedBlock extends Block {
  /** It starts a page or a column. */
  startsColumn: boolean;
  /** Its first line is indented: it starts a paragraph. */
  indented: boolean;
  /** Its last line ends a sentence short of its column's right edge: its paragraph ends there. */
  endsParagraph: boolean;
  /** It is set in the body's size: a caption or a heading continues nothing. */
  body: boolean;
}

interface Column {
  left: number;
  right: number;
  /** How short of the right edge (a share of the width) a line ends its paragraph. */
  short: number;
}

/** A page's lines in blocks, column by column. */
function pageBlocks(lines: readonly PdfLine[], body: number, step: number): PlacedBlock[] {
  return columnsOf(lines).flatMap((column) => columnBlocks(column, body, step));
}

/** A page's lines cut where a line sits above the one before it: the next column, or a box set beside the text. */
function columnsOf(lines: readonly PdfLine[]): PdfLine[][] {
  const columns: PdfLine[][] = [];
  for (const [i, line] of lines.entries()) {
    const above = lines[i - 1];
    if (!above || line.y > above.y + 0.5 * line.size) columns.push([line]);
    else columns.at(-1)!.push(line);
  }
  return columns;
}

function columnBlocks(lines: readonly PdfLine[], body: number, step: number): PlacedBlock[] {
  const measured = lines.some((line) => isBody(line, body)) ? lines.filter((line) => isBody(line, body)) : lines;
  const left = Math.min(...measured.map((line) => line.x));
  const right = Math.max(...measured.map((line) => line.right));
  // Justified text fills every line but a paragraph's last to the edge: there, a line a little short ends its paragraph.
  const flush = measured.filter((line) => line.right >= right - JUSTIFIED_SLACK * (right - left)).length;
  const column: Column = { left, right, short: flush > measured.length / 2 ? JUSTIFIED_SLACK : SHORT_LINE };
  const blocks: PlacedBlock[] = [];
  for (const [i, line] of lines.entries()) {
    const heading = line.size >= body * HEADING_SIZE;
    const above = lines[i - 1];
    const last = blocks.at(-1);
    const inBody = isBody(line, body);
    // Letters of another size (a heading, a caption, a credit) never run on from the block above.
    const resized = !last || last.heading !== heading || last.body !== inBody;
    const starts = !above || resized || (heading ? above.y - line.y > PARAGRAPH_GAP * above.size : startsParagraph(above, line, step, column));
    if (starts || !last) blocks.push({ lines: [line], heading, startsColumn: i === 0, indented: indented(line, column), endsParagraph: false, body: inBody });
    else last.lines.push(line);
  }
  for (const block of blocks) block.endsParagraph = endsParagraph(block.lines.at(-1)!, column);
  return blocks;
}

/** Whether `line` starts a paragraph rather than continuing the one of `above`. */
function startsParagraph(above: PdfLine, line: PdfLine, step: number, column: Column): boolean {
  if (step > 0 && above.y - line.y > PARAGRAPH_GAP * step) return true;
  return endsParagraph(above, column) || (ENDS_SENTENCE.test(above.text) && line.x - above.x >= INDENT * line.size);
}

const endsParagraph = (line: PdfLine, column: Column) => ENDS_SENTENCE.test(line.text) && line.right < column.right - column.short * (column.right - column.left);
const indented = (line: PdfLine, column: Column) => line.x - column.left >= INDENT * line.size;

/**
 * Pages and columns break paragraphs, often mid-sentence: a block of body
 * text that starts a page or a column, not indented, continues the body
 * block before it unless that one ended its paragraph.
 */
function joinAcrossBreaks(blocks: readonly PlacedBlock[]): Block[] {
  const out: Block[] = [];
  let before: PlacedBlock | undefined;
  for (const block of blocks) {
    const continues = before && block.startsColumn && block.body && before.body && !block.indented && !before.endsParagraph;
    if (continues) out.at(-1)!.lines.push(...block.lines);
    else out.push({ lines: [...block.lines], heading: block.heading });
    before = block;
  }
  return out;
}

/** Word processors write the file's name as the title ("Microsoft Word - note.docx", "article.pdf"), browsers the page's address. */
function fileLikeTitle(title: string): boolean {
  const trimmed = title.trim();
  return !trimmed || /\.(?:docx?|odt|pdf|rtf|indd|pages|txt)$/i.test(trimmed) || /^microsoft word\s*-/i.test(trimmed) || /^[a-z][a-z+.-]*:\S*$/i.test(trimmed);
}

const round = (size: number) => Math.round(size * 2) / 2;
