/** OpenDocument texts in the corpus folder: LibreOffice's own file, the seed articles written as .odt and .fodt, and what a reader does not see. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { scratchCorpus, seedDocuments } from './support/corpus.ts';
import { expectQuotedAs, readFixture, SAISIE } from './support/formats.ts';
import { fodt, odt, odtBody, type OdtParagraph } from './support/odt.ts';

let seed: ArticleDocument[];
beforeAll(async () => {
  seed = await seedDocuments();
});

const paragraphsOf = (document: ArticleDocument): OdtParagraph[] => [
  { style: 'Title', text: document.title },
  ...document.paragraphs.map((p) => ({ text: p.text, ...(p.kind === 'heading' ? { style: 'Heading' as const } : {}) })),
];
const asOdt = (document: ArticleDocument) => odt(odtBody(paragraphsOf(document)));
const textOf = async (file: string, bytes: Uint8Array) => (await readArticle(file, bytes)).text;

describe('an article written as an OpenDocument text', () => {
  it('reads the files LibreOffice Writer saved, packaged and flat: headline, heading, list items, table rows and the footnote, in reading order', async () => {
    expect(await readFixture('saisie-libreoffice.odt')).toMatchObject(SAISIE);
    expect(await readFixture('saisie-libreoffice.fodt')).toMatchObject(SAISIE);
  });

  it('reads back each seed article’s headline, headings and paragraphs, packaged and flat, non-breaking spaces kept', async () => {
    for (const document of seed) {
      const expected = document.paragraphs.map(({ kind, text }) => ({ kind, text }));
      for (const [file, bytes] of [[`${document.id}.odt`, asOdt(document)], [`${document.id}.fodt`, fodt(odtBody(paragraphsOf(document)))]] as const) {
        const article = cleanArticle(await textOf(file, bytes));
        expect(article.title).toBe(document.title);
        expect(article.paragraphs).toEqual(expected);
      }
    }
  });

  it('reads the text as shown: a spacing element as a space, tracked deletions and comments left out, captions and footnotes after their paragraph', async () => {
    const body =
      '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Marie</dc:creator></office:change-info><text:p>douze tonnes</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
      '<text:table-of-content><text:index-body><text:p>Sommaire 1</text:p></text:index-body></text:table-of-content>' +
      '<text:p text:style-name="P2">Les douaniers ont saisi <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>dix tonnes<text:change-end text:change-id="ct2"/>' +
      '<office:annotation><dc:creator>Paul</dc:creator><text:p>À vérifier</text:p></office:annotation> au Havre,<text:s text:c="2"/>mardi<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Selon la douane.</text:p></text:note-body></text:note>.' +
      '<draw:frame draw:name="Cadre1"><draw:text-box><text:p>Illustration 1 : des conteneurs<draw:frame><draw:image xlink:href="Pictures/1.png"/></draw:frame> (AFP)</text:p></draw:text-box></draw:frame></text:p>' +
      '<text:p text:style-name="P2">Trois dockers<text:line-break/>ont été interpellés.</text:p>';
    expect(await textOf('saisie.odt', odt(body, { title: 'Saisie au Havre' }))).toBe(
      [
        '# Saisie au Havre',
        'Les douaniers ont saisi dix tonnes au Havre, mardi.',
        'Illustration 1 : des conteneurs (AFP)',
        'Trois dockers ont été interpellés.',
        'Selon la douane.',
      ].join('\n\n'),
    );
  });

  it('is indexed from the corpus folder and answered from', () => expectQuotedAs('.odt', asOdt));

  it('tells an OpenDocument file it cannot read, one with no text, one of another kind and a password-protected one, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    const files: Record<string, Uint8Array> = {
      'tronque.odt': asOdt(seed[0]!).subarray(0, 300),
      'vide.odt': odt(''),
      'tableur.odt': odt(odtBody([{ text: 'Année' }]), { mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }),
      'secret.odt': odt(odtBody([{ text: 'Chiffré.' }]), { manifestEntries: '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>' }),
      'casse.fodt': Buffer.from('<office:document><office:text>', 'utf8'),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dirs.corpusDir, name), bytes);
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(seed.map((d) => d.id).sort());
    expect(corpus.failures).toEqual([
      { file: 'casse.fodt', doc: 'casse', reason: 'not a readable OpenDocument file (no office:body)' },
      { file: 'secret.odt', doc: 'secret', reason: 'the OpenDocument file is password-protected' },
      { file: 'tableur.odt', doc: 'tableur', reason: 'not an OpenDocument text (application/vnd.oasis.opendocument.spreadsheet)' },
      { file: 'tronque.odt', doc: 'tronque', reason: expect.stringContaining('not a readable OpenDocument file') },
      { file: 'vide.odt', doc: 'vide', reason: 'no text in the OpenDocument file' },
    ]);
  });
});
