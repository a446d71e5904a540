/**
 * An OpenDocument text (`.odt`, LibreOffice's format and the one France's
 * administrations exchange, or `.fodt`, the same as one flat XML file) read
 * as its outline shows it: headings are `text:h`, the Title and Subtitle
 * paragraph styles (through the automatic styles LibreOffice derives from
 * them) are the headline and a heading, every other paragraph is one. What
 * the reader does not see in the flow is left out (tracked deletions,
 * comments, tables of contents); footnotes and text boxes (an image's
 * caption) are kept, as paragraphs after the one they hang from, and a
 * table's rows as lines. A non-breaking space is kept as written.
 */
import { collapseSpaces } from '../../text/spaces.ts';
import type { DocumentLines } from './document-lines.ts';

/** A text, as Writer saves it; its web page (`-web`), template (`-template`) and master document (`-master`) forms are texts too. */
const TEXT_MIMETYPE = /^application\/vnd\.oasis\.opendocument\.text(?:-web|-template|-master)?$/;

/** The zip reader (mammoth's own) and the XML parser, loaded with the first OpenDocument file. */
async function tools() {
  const [{ default: JSZip }, { DOMParser }] = await Promise.all([import('jszip'), import('linkedom')]);
  const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
  return { JSZip, parse };
}

/** A packaged OpenDocument text (.odt): a zip holding `content.xml`, `styles.xml` and `meta.xml`. */
export async function odtLines(bytes: Uint8Array): Promise<DocumentLines> {
  const { JSZip, parse } = await tools();
  let archive: InstanceType<typeof JSZip>;
  try {
    archive = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new Error(`not a readable OpenDocument file (${error instanceof Error ? error.message : String(error)})`);
  }
  const part = (name: string) => archive.file(name)?.async('string') ?? Promise.resolve(null);
  const [mimetype = null, manifest = null, content = null, styles = null, meta = null] = await Promise.all(
    ['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml'].map(part),
  );
  if (mimetype !== null && !TEXT_MIMETYPE.test(mimetype.trim())) throw new Error(`not an OpenDocument text (${mimetype.trim()})`);
  // An encrypted package keeps its manifest in the clear and every other part ciphered.
  if (manifest?.includes('encryption-data')) throw new Error('the OpenDocument file is password-protected');
  if (content === null) throw new Error('not a readable OpenDocument file (no content.xml)');
  const documents = [content, styles, meta].filter((xml): xml is string => xml !== null).map(parse);
  return documentLines(documents[0]!, documents);
}

/** A flat OpenDocument text (.fodt): one XML file holding the metadata, the styles and the body. */
export async function flatOdtLines(bytes: Uint8Array): Promise<DocumentLines> {
  const { parse } = await tools();
  const document = parse(new TextDecoder('utf-8').decode(bytes));
  if (!document.getElementsByTagName('office:body')[0]) throw new Error('not a readable OpenDocument file (no office:body)');
  return documentLines(document, [document]);
}

/**
 * Whether a paragraph style's name makes a heading: Title and Subtitle (a
 * headline and its standfirst, as Word's are read) and the outline's levels.
 * `Heading` alone is only their common parent, which body styles may share.
 */
const isHeadingStyleName = (name: string) => /^(?:Title|Subtitle|Heading_20_\d+)$/.test(name);

/** Whether a paragraph's style is a heading's, found along its parents: `P3` (automatic) → `Title` (named) → `Heading`. */
function headingStyles(documents: readonly Document[]): (name: string | null) => boolean {
  const parents = new Map<string, string>();
  for (const document of documents) {
    for (const style of document.getElementsByTagName('style:style')) {
      const name = style.getAttribute('style:name');
      const parent = style.getAttribute('style:parent-style-name');
      if (name && parent && style.getAttribute('style:family') === 'paragraph') parents.set(name, parent);
    }
  }
  return (name) => {
    // A loop of parents, which a damaged file could hold, ends after as many steps as there are styles.
    for (let hops = 0; name && hops <= parents.size; hops++, name = parents.get(name) ?? null) {
      if (isHeadingStyleName(name)) return true;
    }
    return false;
  };
}

/** Elements the reader does not see in the text's flow. */
const HIDDEN = new Set([
  'text:tracked-changes', 'office:annotation', 'office:annotation-end', 'office:forms', 'text:sequence-decls',
  'text:variable-decls', 'text:user-field-decls', 'text:table-of-content', 'text:alphabetical-index',
  'text:illustration-index', 'text:table-index', 'text:object-index', 'text:user-index', 'text:bibliography',
  'text:ruby-text', 'draw:image',
]);

function documentLines(content: Document, documents: readonly Document[]): DocumentLines {
  const body = content.getElementsByTagName('office:text')[0];
  const isHeadingStyle = headingStyles(documents);
  const lines: string[] = [];
  const notes: string[] = [];

  /** A paragraph's words; its footnotes and text boxes are read into their own lists, after it. */
  const inline = (node: Node, after: string[]): string => {
    let text = '';
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const name = element.nodeName;
      if (HIDDEN.has(name)) continue;
      if (name === 'text:s') text += ' '.repeat(Math.max(1, Number(element.getAttribute('text:c') ?? 1) || 1));
      else if (name === 'text:tab' || name === 'text:line-break') text += ' ';
      else if (name === 'text:note') blocks(element.getElementsByTagName('text:note-body')[0] ?? element, notes);
      else if (name === 'draw:frame') blocks(element, after);
      else text += inline(element, after);
    }
    return text;
  };

  /** Block-level content: paragraphs and headings, within lists, sections, tables and frames. */
  const blocks = (node: Node, into: string[]): void => {
    for (const child of node.childNodes) {
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const name = element.nodeName;
      if (HIDDEN.has(name)) continue;
      if (name === 'table:table-row') {
        // A row is one line, its cells' text apart by ` | `, as a Markdown table's row is read.
        const cells = [...element.childNodes]
          .filter((cell) => cell.nodeName === 'table:table-cell')
          .map((cell) => {
            const cellLines: string[] = [];
            blocks(cell, cellLines);
            return cellLines.map((line) => line.replace(/^## /, '')).join(' ');
          });
        if (cells.some(Boolean)) into.push(cells.join(' | '));
      } else if (name === 'text:h' || name === 'text:p') {
        const after: string[] = [];
        const text = collapseSpaces(inline(element, after));
        const heading = name === 'text:h' || isHeadingStyle(element.getAttribute('text:style-name'));
        if (text) into.push(heading ? `## ${text}` : text);
        into.push(...after);
      } else blocks(element, into);
    }
  };

  if (body) blocks(body, lines);
  lines.push(...notes);
  const title = documents.map((d) => d.getElementsByTagName('dc:title')[0]?.textContent ?? '').find((t) => t.trim()) ?? '';
  return { lines, title: title.replace(/\s+/g, ' ').trim() };
}
