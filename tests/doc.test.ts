/** Word 97–2003 documents (.doc) in the corpus folder, as LibreOffice writes them: read without styles, their headline and headings found by shape. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { scratchCorpus, seedArticleAs } from './support/corpus.ts';
import { fixtureConfig } from './support/runtime.ts';

// Both files are LibreOffice 7.4's `soffice --headless --convert-to 'doc:MS Word 97'`: of saisie-libreoffice.odt, and of the seed article written as a Word document (tests/support/docx.ts).
const fixture = (name: string) => readFile(path.join(import.meta.dirname, 'fixtures/formats', name));

let seed: ArticleDocument[];
beforeAll(async () => {
  seed = (await readCorpus(fixtureConfig().corpusDir)).documents;
});

describe('an article written as a Word 97–2003 document', () => {
  it('reads the headline, heading, list items, table rows and footnote, typographic apostrophes as written', async () => {
    const article = cleanArticle((await readArticle('saisie.doc', await fixture('saisie-libreoffice.doc'))).text);
    expect(article.title).toBe('Saisie record de cocaïne au port du Havre');
    expect(article.paragraphs).toEqual([
      { kind: 'paragraph', text: 'Les douaniers du Havre ont saisi dix tonnes de cocaïne dans des conteneurs de bananes, a annoncé le ministère mardi.' },
      { kind: 'heading', text: 'Une enquête confiée à l’OFAST' },
      { kind: 'paragraph', text: 'L’enquête a été confiée à l’Office anti-stupéfiants, qui cherche à remonter la filière jusqu’aux commanditaires.' },
      { kind: 'paragraph', text: 'Trois dockers ont été interpellés.' },
      { kind: 'paragraph', text: 'Deux conteneurs restent sous scellés.' },
      { kind: 'heading', text: 'Année | Tonnes saisies' },
      { kind: 'heading', text: '2024 | 53' },
      { kind: 'paragraph', text: 'Le procureur de la République tiendra une conférence de presse jeudi.' },
      { kind: 'paragraph', text: 'Communiqué du ministère de l’Économie du 3 juin.' },
    ]);
  });

  it('reads a seed article back whole: headline, heading and every paragraph, non-breaking spaces kept', async () => {
    const document = seed.find((d) => d.paragraphs.some((p) => p.text.includes('douze services')))!;
    const article = cleanArticle((await readArticle(`${document.id}.doc`, await fixture('emco-libreoffice.doc'))).text);
    expect(article.title).toBe(document.title);
    expect(article.paragraphs).toEqual(document.paragraphs.map(({ kind, text }) => ({ kind, text })));
  });

  it('is indexed from the corpus folder and answered from', async () => {
    const { document, report, answer } = await seedArticleAs('.doc', () => fixture('emco-libreoffice.doc'));
    expect(report.failures).toEqual([]);
    expect(answer.citations[0]).toMatchObject({ doc: document.id, title: document.title });
    expect(answer.citations[0]!.quote).toContain('douze services');
  });

  it('tells a document it cannot read, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    await writeFile(path.join(dirs.corpusDir, 'tronque.doc'), (await fixture('emco-libreoffice.doc')).subarray(0, 2000));
    await writeFile(path.join(dirs.corpusDir, 'texte.doc'), 'Un fichier texte nommé .doc.');
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(seed.map((d) => d.id).sort());
    expect(corpus.failures).toEqual([
      { file: 'texte.doc', doc: 'texte', reason: expect.stringContaining('not a readable Word 97–2003 document') },
      { file: 'tronque.doc', doc: 'tronque', reason: expect.stringContaining('not a readable Word 97–2003 document') },
    ]);
  });
});
