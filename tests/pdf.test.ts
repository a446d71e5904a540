/**
 * PDFs as a newspaper's site or a press review prints them: the seed articles
 * printed by Chromium, in one and two columns, justified and hyphenated, with
 * a running header and page numbers, then read back by ancre.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { pdfArticleText } from '../src/stages/1-ingest/pdf-text.ts';
import { launchBrowser } from './support/browser.ts';
import { readFixture, SAISIE } from './support/formats.ts';
import { escapeMarkup as escape } from './support/markup.ts';
import { scratchCorpus, seedArticleAs, seedDocuments } from './support/corpus.ts';

let browser: Browser;
let seed: ArticleDocument[];

beforeAll(async () => {
  [browser, seed] = await Promise.all([launchBrowser(), seedDocuments()]);
});
afterAll(() => browser?.close());

/** The article printed as a PDF: its headline, then its paragraphs and headings in `columns` columns. */
async function printed(document: ArticleDocument, columns: 1 | 2, { html = '', paragraphStyle = '' } = {}): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    const body = html || document.paragraphs.map((p) => (p.kind === 'heading' ? `<h2>${escape(p.text)}</h2>` : `<p>${escape(p.text)}</p>`)).join('\n');
    const style = `body { font: 10pt serif; text-align: justify; hyphens: auto } h1 { font-size: 20pt } h2 { font-size: 13pt } .text { column-count: ${columns} } ${paragraphStyle}`;
    await page.setContent(`<html lang="fr"><head><meta charset="utf-8"><title>${escape(document.title)}</title><style>${style}</style></head><body><h1>${escape(document.title)}</h1><div class="text">${body}</div></body></html>`);
    return await page.pdf({
      format: 'A5',
      displayHeaderFooter: true,
      headerTemplate: '<div style="font-size: 8px; width: 100%; text-align: center">Le Quotidien du Soir — édition du 14 mai 2025</div>',
      footerTemplate: '<div style="font-size: 8px; width: 100%; text-align: center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '1.5cm', bottom: '1.5cm', left: '1.2cm', right: '1.2cm' },
    });
  } finally {
    await page.close();
  }
}

// A PDF holds no non-breaking space: it sets a space's glyph.
const asPrinted = (text: string) => text.replace(/\u00a0/g, ' ');

describe('an article printed as a PDF', () => {
  for (const columns of [1, 2] as const) {
    for (const paragraphStyle of ['', 'p { margin: 0; text-indent: 1.5em }']) {
      it(`reads back each seed article's headline, headings and paragraphs word for word: ${columns} column(s), paragraphs ${paragraphStyle ? 'indented' : 'spaced'}`, async () => {
        for (const document of seed) {
          const article = cleanArticle(await pdfArticleText(await printed(document, columns, { paragraphStyle })));
          expect(article.title).toBe(asPrinted(document.title));
          expect(article.paragraphs).toEqual(document.paragraphs.map(({ kind, text }) => ({ kind, text: asPrinted(text) })));
        }
      });
    }
  }

  it('is indexed from the corpus folder and answered from, quoted as printed', async () => {
    const { document, report, answer } = await seedArticleAs('.pdf', (article) => printed(article, 2));
    expect(report.failures).toEqual([]);
    expect(answer.answerable).toBe(true);
    const [first] = answer.citations;
    expect(first).toMatchObject({ doc: document.id, title: asPrinted(document.title) });
    expect(first!.quote).toContain('douze services');
    expect(first!.text).toBe(asPrinted(document.paragraphs.find((p) => p.text.includes('douze services'))!.text));
  });

  it('reads a word processor’s PDF as its other formats read: a list without bullets, a footnote after the text without its call', async () => {
    // LibreOffice's PDF of the .docx: Word's bullets in a symbol font, the note's call set small and raised after "mardi".
    const article = await readFixture('saisie-libreoffice.pdf');
    expect(article.title).toBe(SAISIE.title);
    // A PDF's table is lines of text: each row is read on its own, its cells without the separator the other readers write.
    const row = (text: string) => expect.objectContaining({ text: text.replace(' | ', ' ') });
    expect(article.paragraphs).toEqual(SAISIE.paragraphs.map((paragraph) => (paragraph.text.includes(' | ') ? row(paragraph.text) : paragraph)));
  });

  it('tells a PDF it cannot read and one with no text, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    await writeFile(path.join(dirs.corpusDir, 'tronque.pdf'), (await printed(seed[0]!, 1)).subarray(0, 400));
    const blank = await browser.newPage();
    await writeFile(path.join(dirs.corpusDir, 'scan.pdf'), await blank.pdf({ format: 'A5' }));
    await blank.close();
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(seed.map((d) => d.id).sort());
    expect(corpus.failures).toEqual([
      { file: 'scan.pdf', doc: 'scan', reason: expect.stringContaining('no text in the PDF') },
      { file: 'tronque.pdf', doc: 'tronque', reason: expect.stringMatching(/not a readable PDF|no text in the PDF/) },
    ]);
  });
});
