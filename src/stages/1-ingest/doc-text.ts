/**
 * A Word 97–2003 document (`.doc`, the binary format of twenty years of
 * newsroom and administration archives) through `word-extractor`, which
 * reads its text streams (body, footnotes, endnotes, text boxes) but not
 * its styles: the cleaner then finds the headline and headings by their
 * shape, as in a text file. Comments and the running headers and footers
 * are left out; footnotes, endnotes and text boxes follow the body.
 */

/** Word ends each table cell and each row with a mark the extractor writes as a tab: a line ending in one is a table's row. */
function bodyLine(line: string): string {
  if (!line.endsWith('\t')) return line.replace(/\t/g, ' ').trim();
  const cells = line.slice(0, -1).split('\t').map((cell) => cell.trim());
  return cells.some(Boolean) ? cells.join(' | ') : '';
}

export async function docArticleText(bytes: Uint8Array): Promise<string> {
  const { default: WordExtractor } = await import('word-extractor');
  let document: Awaited<ReturnType<InstanceType<typeof WordExtractor>['extract']>>;
  try {
    document = await new WordExtractor().extract(Buffer.from(bytes));
  } catch (error) {
    throw new Error(`not a readable Word 97–2003 document (${error instanceof Error ? error.message : String(error)})`);
  }
  // The extractor's default turns typographic quotes, apostrophes and dashes into ASCII; ancre quotes the text as written.
  const asWritten = { filterUnicode: false };
  const parts = [
    document.getBody(asWritten),
    document.getFootnotes(asWritten),
    document.getEndnotes(asWritten),
    document.getTextboxes({ ...asWritten, includeHeadersAndFooters: false, includeBody: true }),
  ];
  const lines = parts.flatMap((part) => part.split('\n').map(bodyLine)).filter(Boolean);
  if (lines.length === 0) throw new Error('no text in the Word document');
  return lines.join('\n\n');
}
