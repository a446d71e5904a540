/** Word documents in the corpus folder: the seed articles written as .docx, with Word's title and heading styles. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { docx } from './support/docx.ts';
import { scratchCorpus, seedDocuments } from './support/corpus.ts';
import { expectQuotedAs, readFixture, SAISIE } from './support/formats.ts';

let seed: ArticleDocument[];
beforeAll(async () => {
  seed = await seedDocuments();
});

const asWord = (document: ArticleDocument) =>
  docx([{ style: 'Title', text: document.title }, ...document.paragraphs.map((p) => ({ text: p.text, ...(p.kind === 'heading' ? { style: 'Heading1' as const } : {}) }))]);

describe('an article written as a Word document', () => {
  it('reads back each seed article’s headline, headings and paragraphs by their styles, non-breaking spaces kept', async () => {
    for (const document of seed) {
      const article = cleanArticle((await readArticle(`${document.id}.docx`, asWord(document))).text);
      expect(article.title).toBe(document.title);
      expect(article.paragraphs).toEqual(document.paragraphs.map(({ kind, text }) => ({ kind, text })));
    }
  });

  it('reads the file LibreOffice Writer saved: headline, heading, list items, table rows and the footnote without its marks', async () => {
    // mammoth writes the note's call as "[1]" in the text and a link back ("↑") after the note.
    expect(await readFixture('saisie-libreoffice.docx')).toMatchObject(SAISIE);
  });

  it('reads a table’s rows as lines, cells apart as in a Markdown table', async () => {
    const document = docx([{ style: 'Title', text: 'Saisies au Havre' }, { text: 'Les saisies ont doublé.' }, { rows: [['Année', 'Tonnes'], ['2024', '53'], ['', '']] }]);
    expect((await readArticle('saisies.docx', document)).text).toBe('# Saisies au Havre\n\nLes saisies ont doublé.\n\nAnnée | Tonnes\n\n2024 | 53');
  });

  it('is indexed from the corpus folder and answered from', () => expectQuotedAs('.docx', asWord));

  it('tells a Word document it cannot read and one with no text, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    await writeFile(path.join(dirs.corpusDir, 'tronque.docx'), asWord(seed[0]!).subarray(0, 300));
    await writeFile(path.join(dirs.corpusDir, 'vide.docx'), docx([]));
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(seed.map((d) => d.id).sort());
    expect(corpus.failures).toEqual([
      { file: 'tronque.docx', doc: 'tronque', reason: expect.stringContaining('not a readable Word document') },
      { file: 'vide.docx', doc: 'vide', reason: 'no text in the Word document' },
    ]);
  });
});
