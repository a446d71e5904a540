/**
 * Files office suites wrote (tests/fixtures/formats/): `saisie-libreoffice.*`
 * are LibreOffice 7.4's conversions (`soffice --headless --convert-to …`) of
 * one short article written as HTML (the `.html` there; the `.docx` and
 * `.fodt` converted from the `.odt`, the `.pdf` from the `.docx`), `saisie.md`
 * the same article written by hand in Markdown (GitHub's flavour),
 * `saisie.eml` it sent as a mail (Python's `email` package: a plain-text
 * part, then the `.html` as the HTML one, both quoted-printable),
 * `saisie-chromium.mhtml` the `.html` as Chromium saves a page served from a
 * site (`Page.captureSnapshot`: its in-page links made absolute), and
 * `emco-libreoffice.*` of the seed article on the EMCO written as a Word
 * document (tests/support/docx.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { ParagraphKind } from '../../src/contracts/document.ts';
import { cleanArticle, type CleanArticle } from '../../src/stages/1-ingest/clean.ts';
import { readArticle } from '../../src/stages/1-ingest/formats.ts';
import { seedArticleAs, seedDocuments } from './corpus.ts';

export const formatFixture = (name: string) => readFile(path.join(import.meta.dirname, '..', 'fixtures', 'formats', name));

/** A fixture read and cleaned as the corpus reader does. */
export async function readFixture(name: string): Promise<CleanArticle> {
  return cleanArticle((await readArticle(name, await formatFixture(name))).text);
}

/** `emco-libreoffice<extension>` reads back as the seed article it was made of: headline, headings and every paragraph, non-breaking spaces kept. */
export async function expectSeedReadBack(extension: string): Promise<void> {
  const document = (await seedDocuments()).find((d) => d.paragraphs.some((p) => p.text.includes('douze services')))!;
  const article = await readFixture(`emco-libreoffice${extension}`);
  expect(article.title).toBe(document.title);
  expect(article.paragraphs).toEqual(document.paragraphs.map(({ kind, text }) => ({ kind, text })));
}

/** The short article as every format of it reads back: its headline, then its heading, list items, table rows and footnote, in reading order. */
export const SAISIE: { title: string; paragraphs: { kind: ParagraphKind; text: string }[] } = {
  title: 'Saisie record de cocaïne au port du Havre',
  paragraphs: [
    { kind: 'paragraph', text: 'Les douaniers du Havre ont saisi dix tonnes de cocaïne dans des conteneurs de bananes, a annoncé le ministère mardi.' },
    { kind: 'heading', text: 'Une enquête confiée à l’OFAST' },
    { kind: 'paragraph', text: 'L’enquête a été confiée à l’Office anti-stupéfiants, qui cherche à remonter la filière jusqu’aux commanditaires.' },
    { kind: 'paragraph', text: 'Trois dockers ont été interpellés.' },
    { kind: 'paragraph', text: 'Deux conteneurs restent sous scellés.' },
    { kind: 'paragraph', text: 'Année | Tonnes saisies' },
    { kind: 'paragraph', text: '2024 | 53' },
    { kind: 'paragraph', text: 'Le procureur de la République tiendra une conférence de presse jeudi.' },
    { kind: 'paragraph', text: 'Communiqué du ministère de l’Économie du 3 juin.' },
  ],
};

/** The seed article on the EMCO as a file of another format, indexed: no file fails, and the answer's first citation quotes it. */
export async function expectQuotedAs(extension: string, write: Parameters<typeof seedArticleAs>[1]): Promise<void> {
  const { document, report, answer } = await seedArticleAs(extension, write);
  expect(report.failures).toEqual([]);
  expect(answer.citations[0]).toMatchObject({ doc: document.id, title: document.title.replace(/\s+/g, ' ') });
  expect(answer.citations[0]!.quote).toContain('douze services');
}
