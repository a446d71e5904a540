/**
 * An OpenDocument text written as LibreOffice Writer lays one out: a zip
 * whose `mimetype` comes first, the body in `content.xml`, the named styles
 * in `styles.xml` (Title under Heading, as Writer's own are), and automatic
 * styles derived from them (`P1` under Title), which is what Writer's
 * paragraphs name. `fodt` writes the same as one flat XML file.
 */
import { escapeMarkup as escapeXml } from './markup.ts';
import { zip } from './zip.ts';

export interface OdtParagraph {
  /** Title (the headline, through an automatic style), a heading (`text:h`), or body text. */
  style?: 'Title' | 'Heading';
  text: string;
}

export interface OdtOptions {
  /** The metadata's title (`dc:title`). */
  title?: string;
  /** The package's declared type; a text by default. */
  mimetype?: string;
  /** Extra `META-INF/manifest.xml` content, as an encrypted package lists its encryption data. */
  manifestEntries?: string;
}

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const NAMED_STYLES =
  '<office:styles><style:style style:name="Standard" style:family="paragraph"/><style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>' +
  '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/><style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading"/>' +
  '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"/></office:styles>';
const AUTOMATIC_STYLES =
  '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/><style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body"/></office:automatic-styles>';

/** The body of the paragraphs, as Writer writes each kind. */
export function odtBody(paragraphs: readonly OdtParagraph[]): string {
  return paragraphs
    .map(({ style, text }) =>
      style === 'Heading'
        ? `<text:h text:style-name="Heading_20_1" text:outline-level="1">${escapeXml(text)}</text:h>`
        : `<text:p text:style-name="${style === 'Title' ? 'P1' : 'P2'}">${escapeXml(text)}</text:p>`,
    )
    .join('');
}

const meta = (title?: string) => `<office:meta>${title === undefined ? '' : `<dc:title>${escapeXml(title)}</dc:title>`}</office:meta>`;

/** A packaged .odt whose body is `body` (XML within `office:text`). */
export function odt(body: string, options: OdtOptions = {}): Buffer {
  return zip({
    mimetype: options.mimetype ?? 'application/vnd.oasis.opendocument.text',
    'META-INF/manifest.xml': `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${options.manifestEntries ?? ''}</manifest:file-entry></manifest:manifest>`,
    'meta.xml': `${XML}<office:document-meta ${NS}>${meta(options.title)}</office:document-meta>`,
    'styles.xml': `${XML}<office:document-styles ${NS}>${NAMED_STYLES}</office:document-styles>`,
    'content.xml': `${XML}<office:document-content ${NS}>${AUTOMATIC_STYLES}<office:body><office:text>${body}</office:text></office:body></office:document-content>`,
  });
}

/** The same document as one flat XML file (.fodt). */
export function fodt(body: string, options: Pick<OdtOptions, 'title'> = {}): Buffer {
  return Buffer.from(
    `${XML}<office:document ${NS} office:mimetype="application/vnd.oasis.opendocument.text">${meta(options.title)}${NAMED_STYLES}${AUTOMATIC_STYLES}<office:body><office:text>${body}</office:text></office:body></office:document>`,
    'utf8',
  );
}
