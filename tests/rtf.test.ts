/** RTF documents (.rtf): files LibreOffice wrote, TextEdit's layout, and what Word puts in a file that a reader never sees. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { rtfLines } from '../src/stages/1-ingest/rtf-text.ts';
import { scratchCorpus, seedArticleAs } from './support/corpus.ts';
import { fixtureConfig } from './support/runtime.ts';

// LibreOffice 7.4's `soffice --headless --convert-to 'rtf:Rich Text Format'`: of saisie-libreoffice.odt, and of the seed article written as a Word document (tests/support/docx.ts).
const fixture = (name: string) => readFile(path.join(import.meta.dirname, 'fixtures/formats', name));
const rtf = (text: string) => Buffer.from(text, 'latin1');

let seed: ArticleDocument[];
beforeAll(async () => {
  seed = (await readCorpus(fixtureConfig().corpusDir)).documents;
});

describe('an article written as an RTF document', () => {
  it('reads the file LibreOffice wrote: headline and heading by their styles, list items without their bullets, table rows, the footnote', async () => {
    const article = cleanArticle((await readArticle('saisie.rtf', await fixture('saisie-libreoffice.rtf'))).text);
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

  it('reads a seed article back whole, non-breaking spaces kept', async () => {
    const document = seed.find((d) => d.paragraphs.some((p) => p.text.includes('douze services')))!;
    const article = cleanArticle((await readArticle(`${document.id}.rtf`, await fixture('emco-libreoffice.rtf'))).text);
    expect(article.title).toBe(document.title);
    expect(article.paragraphs).toEqual(document.paragraphs.map(({ kind, text }) => ({ kind, text })));
  });

  it('reads TextEdit’s layout: paragraphs ended by a backslash at the line’s end, escaped Windows-1252 bytes, Unicode without a stand-in', () => {
    const source = [
      '{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761',
      '\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}',
      '{\\colortbl;\\red255\\green255\\blue255;}',
      '{\\*\\expandedcolortbl;;}',
      '\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0',
      '\\pard\\tx566\\tx1133\\pardirnatural\\partightenfactor0',
      '',
      '\\f0\\fs24 \\cf0 Saisie au Havre\\',
      '\\',
      'Les douaniers ont saisi dix tonnes de coca\\\'efne, a annonc\\\'e9 le minist\\\'e8re. L\\\'92op\\\'e9ration a dur\\\'e9 deux jours\\uc0\\u8239 !\\',
      'Trois dockers ont \\\'e9t\\\'e9 interpell\\\'e9s.}',
    ].join('\n');
    expect(rtfLines(source).lines).toEqual([
      'Saisie au Havre',
      'Les douaniers ont saisi dix tonnes de cocaïne, a annoncé le ministère. L’opération a duré deux jours\u202f!',
      'Trois dockers ont été interpellés.',
    ]);
  });

  it('leaves out what Word writes and a reader never sees: fields’ instructions, pictures, binary data, hidden text, tracked deletions, list markers; reads Unicode past its stand-in and another code page', () => {
    const source =
      '{\\rtf1\\ansi\\ansicpg1251\\uc1{\\fonttbl{\\f0 Times;}}{\\stylesheet{\\s0 Normal;}{\\s1\\sbasedon0 heading 1;}}{\\info{\\title Saisie au Havre}{\\author Marie}}' +
      '\\pard\\s1 Le port{\\v  cach\\u233?} du Havre\\par' +
      '\\pard\\plain {\\listtext \\u8226?\\tab}Les douaniers ont saisi {\\deleted douze}dix tonnes, selon {\\field{\\*\\fldinst HYPERLINK "https://douane.gouv.fr"}{\\fldrslt la douane}}.' +
      '{\\pict\\pngblip\\picw1\\pich1 89504e47}{\\*\\blipuid 0a0b}{\\object\\objemb{\\*\\objdata \\bin4 {}{}}}' +
      ' \\u1052?\\u1080?\\u1088? \\\'cc\\\'e8\\\'f0\\par}';
    expect(rtfLines(source)).toEqual({ lines: ['## Le port du Havre', 'Les douaniers ont saisi dix tonnes, selon la douane. Мир Мир'], title: 'Saisie au Havre' });
  });

  it('is indexed from the corpus folder and answered from', async () => {
    const { document, report, answer } = await seedArticleAs('.rtf', () => fixture('emco-libreoffice.rtf'));
    expect(report.failures).toEqual([]);
    expect(answer.citations[0]).toMatchObject({ doc: document.id, title: document.title });
    expect(answer.citations[0]!.quote).toContain('douze services');
  });

  it('tells a file that is not RTF and one with no text, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    await writeFile(path.join(dirs.corpusDir, 'texte.rtf'), 'Un fichier texte nommé .rtf.');
    await writeFile(path.join(dirs.corpusDir, 'vide.rtf'), rtf('{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\pard\\par}'));
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(seed.map((d) => d.id).sort());
    expect(corpus.failures).toEqual([
      { file: 'texte.rtf', doc: 'texte', reason: 'not an RTF document' },
      { file: 'vide.rtf', doc: 'vide', reason: 'no text in the RTF document' },
    ]);
  });
});
