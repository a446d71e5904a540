/**
 * Saved web pages (.mhtml, .mht): the seed articles as a news site's page,
 * saved by Chromium as "Webpage, Single File" does, then read back by ancre;
 * and archives as Word and other writers lay them out.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { archivedPage } from '../src/stages/1-ingest/mime.ts';
import { launchBrowser } from './support/browser.ts';
import { escapeMarkup as escape } from './support/markup.ts';
import { scratchCorpus, seedDocuments } from './support/corpus.ts';
import { expectQuotedAs, readFixture, SAISIE } from './support/formats.ts';

let browser: Browser;
let seed: ArticleDocument[];

beforeAll(async () => {
  [browser, seed] = await Promise.all([launchBrowser(), seedDocuments()]);
});
afterAll(() => browser?.close());
/** A one-pixel PNG, which Chromium saves as a base64 part of its own after the page. */
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The article as a news site's page (menu, share buttons, image, footer), saved by Chromium as one file. */
async function savedPage(document: ArticleDocument): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    const body = document.paragraphs.map((p) => (p.kind === 'heading' ? `<h2>${escape(p.text)}</h2>` : `<p>${escape(p.text)}</p>`)).join('\n');
    const html =
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escape(document.title)} | Le Quotidien</title><style>body { font: 12pt serif }</style></head>` +
      `<body><header><nav><a href="/">Accueil</a> › <a href="/societe">Société</a></nav></header>` +
      `<article><h1>${escape(document.title)}</h1><figure><img src="/pixel.png" alt=""></figure>${body}</article>` +
      `<aside><button>Partager</button></aside><footer>© Le Quotidien — Mentions légales</footer></body></html>`;
    // Served from the site's address (intercepted, nothing leaves the machine), so that the image is a resource the archive keeps.
    const site = 'https://quotidien.example';
    await page.route(`${site}/pixel.png`, (route) => route.fulfill({ contentType: 'image/png', body: Buffer.from(PIXEL, 'base64') }));
    await page.route(`${site}/article`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(`${site}/article`);
    const session = await page.context().newCDPSession(page);
    const { data } = await session.send('Page.captureSnapshot', { format: 'mhtml' });
    return Buffer.from(data, 'latin1');
  } finally {
    await page.close();
  }
}

/** A message laid out by hand, lines joined by CRLF as MIME wants. */
const mime = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

describe('an article saved as a web page (.mhtml)', () => {
  it('reads back each seed article’s headline, headings and paragraphs from the page Chromium saved', async () => {
    for (const document of seed) {
      const saved = await savedPage(document);
      expect(saved.toString('latin1')).toContain('Content-Transfer-Encoding: base64'); // the image, a part of its own
      const article = cleanArticle((await readArticle(`${document.id}.mhtml`, saved)).text);
      expect(article.title).toBe(document.title);
      expect(article.paragraphs).toEqual(document.paragraphs.map(({ kind, text }) => ({ kind, text })));
    }
  });

  it('reads the fixture article as Chromium saved it as its other formats read: the footnote after the text, its call (a link made absolute) left out', async () => {
    expect(await readFixture('saisie-chromium.mhtml')).toMatchObject(SAISIE);
  });

  it('is indexed from the corpus folder and answered from', () => expectQuotedAs('.mhtml', savedPage));

  it('reads the root page of an archive as Word writes one: folded headers, an unquoted boundary, the charset of the part, quoted-printable', async () => {
    const archive = mime(
        'MIME-Version: 1.0',
        'Content-Type: multipart/related;',
        '\tboundary=----=_NextPart_01DA;',
        '\ttype="text/html"',
        '',
        'Ce document est une page Web à fichier unique.',
        '',
        '------=_NextPart_01DA',
        'Content-Location: file:///C:/saisie.htm',
        'Content-Transfer-Encoding: quoted-printable',
        'Content-Type: text/html; charset="windows-1252"',
        '',
        '<html><body><p>Les douaniers ont saisi dix tonnes de coca=EFne, a annonc=',
        '=E9 le minist=E8re. L=92op=E9ration a dur=E9 deux jours.</p></body></html>',
        '',
        '------=_NextPart_01DA--',
    );
    const page = archivedPage(archive);
    expect(page.charset).toBe('windows-1252');
    expect(Buffer.from(page.bytes).toString('latin1')).toBe('<html><body><p>Les douaniers ont saisi dix tonnes de coca\xefne, a annonc\xe9 le minist\xe8re. L\x92op\xe9ration a dur\xe9 deux jours.</p></body></html>\r\n');
    // Windows-1252's 0x92 is its apostrophe, where Latin-1 has a control character.
    expect((await readArticle('saisie.mht', archive)).raw).toContain('le ministère. L’opération a duré deux jours.');
  });

  it('takes the part the message names as its start, base64 or not, over an HTML frame before it', () => {
    const html = '<html><body><h1>Saisie au Havre</h1><p>Les douaniers ont saisi dix tonnes.</p></body></html>';
    const page = archivedPage(
      mime(
        'Content-Type: multipart/related; boundary="b"; start="<page@archive>"',
        '',
        '--b',
        'Content-Type: text/html',
        'Content-ID: <frame@archive>',
        '',
        '<html><body><p>Publicité</p></body></html>',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        'Content-ID: <page@archive>',
        'Content-Transfer-Encoding: base64',
        '',
        ...Buffer.from(html).toString('base64').match(/.{1,76}/g)!,
        '--b--',
      ),
    );
    expect(Buffer.from(page.bytes).toString('utf8')).toBe(html);
  });

  it('tells an archive without a page, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    await writeFile(path.join(dirs.corpusDir, 'images.mht'), mime('Content-Type: multipart/related; boundary="b"', '', '--b', 'Content-Type: image/png', 'Content-Transfer-Encoding: base64', '', PIXEL, '--b--'));
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(seed.map((d) => d.id).sort());
    expect(corpus.failures).toEqual([{ file: 'images.mht', doc: 'images', reason: 'not a readable web archive (no HTML page in it)' }]);
  });
});
