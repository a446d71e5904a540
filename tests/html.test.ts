/** HTML pages: the headline as the page shows it. */
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';

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
