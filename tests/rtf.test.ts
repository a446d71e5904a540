/** RTF documents (.rtf): files LibreOffice wrote, TextEdit's layout, and what Word puts in a file that a reader never sees. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { rtfLines } from '../src/stages/1-ingest/rtf-text.ts';
import { scratchCorpus, seedDocuments } from './support/corpus.ts';
import { expectQuotedAs, expectSeedReadBack, formatFixture, readFixture, SAISIE } from './support/formats.ts';

const rtf = (text: string) => Buffer.from(text, 'latin1');

let seed: ArticleDocument[];
beforeAll(async () => {
  seed = await seedDocuments();
});

describe('an article written as an RTF document', () => {
  it('reads the file LibreOffice wrote: headline and heading by their styles, list items without their bullets, table rows, the footnote', async () => {
    expect(await readFixture('saisie-libreoffice.rtf')).toMatchObject(SAISIE);
  });

  it('reads a seed article back whole, non-breaking spaces kept', () => expectSeedReadBack('.rtf'));

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

  it('is indexed from the corpus folder and answered from', () => expectQuotedAs('.rtf', () => formatFixture('emco-libreoffice.rtf')));

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
