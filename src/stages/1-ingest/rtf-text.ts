/**
 * An RTF document (`.rtf`: macOS TextEdit's default, WordPad's, and what
 * word processors export for any other) read as its paragraphs: headings by
 * their style's name in the stylesheet (Heading 1, Titre 1, Title…), a
 * table's rows as lines, footnotes after the text, the `\info` title as a
 * fallback headline. What a reader does not see is left out: the font,
 * colour, list and style tables, pictures, field instructions (a link's
 * address; its shown text stays), list markers, hidden text and tracked
 * deletions. Pure: the file's text, one character a byte, in; lines out.
 */
import { collapseSpaces } from '../../text/spaces.ts';
import { decodeWith } from './decode.ts';
import type { DocumentLines } from './document-lines.ts';

/** Destinations whose text is not the document's (RTF 1.9.1; writers add theirs, marked `\*`, which are skipped too). */
const SKIPPED = new Set(
  (
    'fonttbl colortbl listtable listoverridetable listtext pntext pntxta pntxtb rsidtbl generator themedata colorschememapping ' +
    'latentstyles datastore xmlnstbl pgdsctbl userprops fldinst bkmkstart bkmkend atnid atnauthor annotation atrfstart atrfend ' +
    'pict shppict nonshppict object objdata template revtbl ftnsep ftnsepc aftnsep aftnsepc header headerl headerr headerf ' +
    'footer footerl footerr footerf docvar filetbl expandedcolortbl xe tc tcn'
  ).split(' '),
);
/** Control words that stand for a character. */
const SYMBOLS: Readonly<Record<string, string>> = {
  emdash: '\u2014', endash: '\u2013', lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201C', rdblquote: '\u201D',
  bullet: '\u2022', emspace: '\u2003', enspace: '\u2002', qmspace: '\u2005', line: ' ', tab: ' ',
};
/** Control symbols that stand for a character; `\-` (a hyphenation point) and the index marks stand for none. */
const CONTROL_SYMBOLS: Readonly<Record<string, string>> = { '~': '\u00a0', _: '\u2011', '-': '', ':': '', '|': '' };
/** The code page of `\'hh` bytes, as the runtime's decoders name it (`\ansicpgN`; Windows-1252 when none is given). */
const CODE_PAGES: Readonly<Record<number, string>> = { 874: 'windows-874', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 10000: 'macintosh', 20866: 'koi8-r', 65001: 'utf-8' };
const codePage = (n: number) => CODE_PAGES[n] ?? (n >= 1250 && n <= 1258 ? `windows-${n}` : n >= 28591 && n <= 28605 ? `iso-8859-${n - 28590}` : 'windows-1252');
/** A heading's style, as word processors name it in English and in French. */
const HEADING_STYLE = /^(?:heading\s*\d+|titre(?:\s*\d+)?|title|subtitle|sous-titre)$/i;

/** `\word-12 `, `\'e9`, `\{`, `{`, `}`, a run of text, or line breaks (which RTF ignores). */
const TOKEN = /\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z'])|([{}])|([^\\{}\r\n]+)|[\r\n]+/gy;

/** What a group sets, and its closing restores (RTF scopes formatting by groups). */
interface GroupState {
  /** Where the group's text goes. */
  target: 'body' | 'note' | 'skip' | 'info' | 'title' | 'stylesheet';
  /** Characters standing in after `\uN` (`\ucN`). */
  uc: number;
  /** Hidden text (`\v`) or a tracked deletion (`\deleted`). */
  hidden: boolean;
  /** The paragraph's style (`\sN`), in the stylesheet the style being named. */
  style: number;
  /** The paragraph is in a table's cell (`\intbl`). */
  inTable: boolean;
}

export function rtfLines(source: string): DocumentLines {
  if (!source.startsWith('{\\rtf')) throw new Error('not an RTF document');
  return new RtfReader().read(source);
}

class RtfReader {
  private state: GroupState = { target: 'body', uc: 1, hidden: false, style: 0, inTable: false };
  private readonly stack: GroupState[] = [];
  private readonly styles = new Map<number, string>();
  private readonly lines: string[] = [];
  private readonly notes: string[] = [];
  private readonly cells: string[] = [];
  private readonly text = { body: '', note: '', title: '', stylesheet: '' };
  private bytes: number[] = [];
  private decoder = new TextDecoder('windows-1252');
  /** Characters of the ANSI stand-in still to drop after a `\uN`. */
  private standIn = 0;

  read(source: string): DocumentLines {
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(source); match; match = TOKEN.exec(source)) {
      const [, word, parameter, hex, symbol, brace, run] = match;
      if (hex !== undefined) this.byte(parseInt(hex, 16));
      else if (run !== undefined) this.run(run);
      else if (brace === '{') this.open();
      else if (brace === '}') this.close();
      else if (symbol !== undefined) this.symbol(symbol, source.startsWith('\\footnote', TOKEN.lastIndex));
      else if (word !== undefined) this.word(word, parameter === undefined ? null : Number(parameter));
      if (word === 'bin' && parameter !== undefined) TOKEN.lastIndex += Number(parameter); // binary data, read as it stands
    }
    this.endParagraph();
    return { lines: [...this.lines, ...this.notes], title: collapseSpaces(this.text.title) };
  }

  private append(text: string): void {
    const { target, hidden } = this.state;
    if (hidden || target === 'skip' || target === 'info') return;
    this.text[target] += text;
  }

  private flushBytes(): void {
    if (this.bytes.length) this.append(decodeWith(this.decoder, new Uint8Array(this.bytes)));
    this.bytes = [];
  }

  private byte(value: number): void {
    if (this.standIn > 0) this.standIn--;
    else this.bytes.push(value);
  }

  private run(run: string): void {
    const dropped = Math.min(this.standIn, run.length);
    this.standIn -= dropped;
    const text = run.slice(dropped);
    // Bytes past ASCII written as they are, not escaped: the document's code page, as escaped ones.
    if (!/[\x80-\xff]/.test(text)) {
      this.flushBytes();
      this.append(text);
    } else for (const character of text) {
      const code = character.charCodeAt(0);
      if (code >= 0x80) this.bytes.push(code);
      else {
        this.flushBytes();
        this.append(character);
      }
    }
  }

  private open(): void {
    this.flushBytes();
    this.stack.push(this.state);
    this.state = { ...this.state };
    this.standIn = 0;
  }

  private close(): void {
    this.flushBytes();
    const parent = this.stack.pop();
    if (this.state.target === 'stylesheet' && parent?.target === 'stylesheet') this.styles.set(this.state.style, this.text.stylesheet.replace(/;\s*$/, '').trim());
    if (this.state.target === 'stylesheet') this.text.stylesheet = '';
    // A footnote ends with its group, often without a last `\par`.
    if (this.state.target === 'note' && parent?.target !== 'note') this.endNoteParagraph();
    if (parent) this.state = parent;
    this.standIn = 0;
  }

  private symbol(symbol: string, footnoteFollows: boolean): void {
    this.flushBytes();
    if (symbol === '*') {
      if (!footnoteFollows) this.state.target = 'skip';
    } else if (symbol === '\n' || symbol === '\r') this.paragraphMark();
    else this.append(CONTROL_SYMBOLS[symbol] ?? symbol);
  }

  private word(word: string, n: number | null): void {
    this.flushBytes();
    const state = this.state;
    if (SKIPPED.has(word)) state.target = 'skip';
    else if (word === 'footnote') state.target = state.target === 'skip' ? 'skip' : 'note';
    else if (word === 'stylesheet') state.target = 'stylesheet';
    else if (word === 'info') state.target = 'info';
    else if (word === 'title' && state.target === 'info') state.target = 'title';
    else if (word === 'u' && n !== null) {
      this.append(String.fromCharCode(n < 0 ? n + 65536 : n));
      this.standIn = state.uc;
    } else if (word === 'uc' && n !== null) state.uc = n;
    else if (word === 'ansicpg' && n !== null) this.decoder = new TextDecoder(codePage(n));
    else if (word === 'mac') this.decoder = new TextDecoder('macintosh');
    else if (word === 'v' || word === 'deleted') state.hidden = n !== 0;
    else if (word === 'plain') state.hidden = false;
    else if (word === 's' && n !== null) state.style = n;
    else if (word === 'pard') Object.assign(state, { style: 0, inTable: false });
    else if (word === 'intbl') state.inTable = true;
    else if (word === 'par' || word === 'sect' || word === 'page') this.paragraphMark();
    else if (word === 'cell' || word === 'nestcell') this.cells.push(this.takeBody());
    else if (word === 'row' || word === 'nestrow') this.endRow();
    else if (SYMBOLS[word] !== undefined) this.append(SYMBOLS[word]);
  }

  private takeBody(): string {
    const text = collapseSpaces(this.text.body);
    this.text.body = '';
    return text;
  }

  /** `\par`: the end of a paragraph, or within a table's cell a break in it. */
  private paragraphMark(): void {
    if (this.state.target === 'note') this.endNoteParagraph();
    else if (this.state.inTable) this.text.body += ' ';
    else this.endParagraph();
  }

  private endParagraph(): void {
    const text = this.takeBody();
    if (text) this.lines.push(HEADING_STYLE.test(this.styles.get(this.state.style) ?? '') ? `## ${text}` : text);
  }

  private endNoteParagraph(): void {
    if (this.text.note.trim()) this.notes.push(collapseSpaces(this.text.note));
    this.text.note = '';
  }

  private endRow(): void {
    if (this.cells.some(Boolean)) this.lines.push(collapseSpaces(this.cells.join(' | ')));
    this.cells.length = 0;
  }
}
