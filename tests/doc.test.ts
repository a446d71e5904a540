/** Word 97–2003 documents (.doc) in the corpus folder, as LibreOffice writes them: read without styles, their headline and headings found by shape. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { scratchCorpus, seedDocuments } from './support/corpus.ts';
import { expectQuotedAs, expectSeedReadBack, formatFixture, readFixture, SAISIE } from './support/formats.ts';

let seed: ArticleDocument[];
beforeAll(async () => {
  seed = await seedDocuments();
});

describe('an article written as a Word 97–2003 document', () => {
  it('reads the headline, heading, list items, table rows and footnote, typographic apostrophes as written', async () => {
    expect(await readFixture('saisie-libreoffice.doc')).toMatchObject(SAISIE);
  });

  it('reads a seed article back whole: headline, heading and every paragraph, non-breaking spaces kept', () => expectSeedReadBack('.doc'));

  it('is indexed from the corpus folder and answered from', () => expectQuotedAs('.doc', () => formatFixture('emco-libreoffice.doc')));

  it('reads an RTF file and an HTML page saved under the name .doc as what they are, as Word opens them', async () => {
    const asDoc = async (name: string) => cleanArticle((await readArticle('archive.doc', await formatFixture(name))).text);
    expect(await asDoc('saisie-libreoffice.rtf')).toMatchObject(SAISIE);
    expect(await asDoc('saisie-libreoffice.html')).toMatchObject(SAISIE);
  });

  it('tells a document it cannot read, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    await writeFile(path.join(dirs.corpusDir, 'tronque.doc'), (await formatFixture('emco-libreoffice.doc')).subarray(0, 2000));
    await writeFile(path.join(dirs.corpusDir, 'texte.doc'), 'Un fichier texte nommé .doc.');
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(seed.map((d) => d.id).sort());
    expect(corpus.failures).toEqual([
      { file: 'texte.doc', doc: 'texte', reason: expect.stringContaining('not a readable Word 97–2003 document') },
      { file: 'tronque.doc', doc: 'tronque', reason: expect.stringContaining('not a readable Word 97–2003 document') },
    ]);
  });
});
