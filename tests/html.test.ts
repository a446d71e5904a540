/** HTML pages: the headline as the page shows it. */
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { readFixture, SAISIE } from './support/formats.ts';

const body = '<p>Il suit d’abord des études de droit à Grenoble, où il obtient son diplôme de bachelier, puis de licencié en droit de l’université. À l’issue de ses études, il est reçu avocat au parlement de Grenoble, ville où il s’établit dans un premier temps, avant de rejoindre Paris.</p>'.repeat(3);
const page = (title: string, h1: string) =>
  Buffer.from(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><nav><a href="/">Accueil</a></nav><article><h1>${h1}</h1>${body}</article><footer>© Le Quotidien</footer></body></html>`);

describe('an HTML page’s headline', () => {
  it('is the page’s own <h1>, whole, when the window’s title holds it with the site’s name (Readability cuts a hyphenated name at its hyphen)', async () => {
    const article = cleanArticle((await readArticle('cheynet.html', page('Jean-Louis Cheynet | Le Quotidien', 'Jean-Louis Cheynet'))).text);
    expect(article.title).toBe('Jean-Louis Cheynet');
    expect(article.paragraphs[0]!.text).toMatch(/^Il suit d’abord/);
  });

  it('is the window’s title without the site’s name when no <h1> holds it', async () => {
    const article = cleanArticle((await readArticle('saisie.html', page('Saisie record au Havre — Le Quotidien', 'Le Quotidien'))).text);
    expect(article.title).toBe('Saisie record au Havre');
  });
});

describe('an HTML page’s notes', () => {
  it('reads LibreOffice’s web page as the article’s other formats: the footnote after the text, without its call or its number', async () => {
    expect(await readFixture('saisie-libreoffice.html')).toMatchObject(SAISIE);
  });

  it('leaves out the marks that call a note or link back to its call, and keeps an in-page link of words', async () => {
    const cited =
      '<p>Le port du Havre est le premier port français pour les conteneurs<sup class="reference"><a href="#cite_note-1">[1]</a></sup>, devant Marseille<sup><a href="#cite_note-a">[a]</a></sup>.</p>' +
      '<p>Voir <a href="#histoire">son histoire</a> et la <a href="#note-2">note 2</a>.</p>';
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Le port du Havre</title></head><body><article><h1>Le port du Havre</h1>${cited}${body}</article></body></html>`;
    const article = cleanArticle((await readArticle('havre.html', Buffer.from(html))).text);
    expect(article.paragraphs[0]!.text).toBe('Le port du Havre est le premier port français pour les conteneurs, devant Marseille.');
    expect(article.paragraphs[1]!.text).toBe('Voir son histoire et la note 2.');
  });
});
