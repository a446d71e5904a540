import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskResult } from '../src/contracts/api.ts';
import type { Engine } from '../src/pipeline/pipeline.ts';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { startServer, type RunningServer } from '../src/apps/serve/server.ts';
import { launchBrowser } from './support/browser.ts';
import { indexedScratchCorpus } from './support/corpus.ts';
import { fixturePipeline, openFixtureEngine } from './support/runtime.ts';
import { writeFile } from 'node:fs/promises';

const SCREENSHOTS = path.join(PROJECT_ROOT, '.artifacts', 'screenshots');
const FALLBACK = { requested: 'Xenova/multilingual-e5-small', reason: 'fetch failed' };
const QUESTION = "Combien de services l'EMCO regroupe-t-il ?";

let engine: Engine;
let server: RunningServer;
let browser: Browser;
let page: Page;

const serve = (port = 0) => startServer({ engine, fallback: FALLBACK, defaultTopK: 5 }, { port, host: '127.0.0.1' });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  engine = await openFixtureEngine();
  server = await serve();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  return () => page.close();
});

async function askInPage(question: string): Promise<void> {
  const turns = await page.locator('.turn').count();
  await page.locator('#question').fill(question);
  await page.locator('#question').press('Enter');
  await expect.poll(() => page.locator('.turn:not(.pending)').count()).toBe(turns + 1);
}

describe('the chat page', () => {
  it('answers with a quoted sentence whose marker links to its source', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('#model-banner').textContent()).toContain('Modèle de secours hors ligne');
    await askInPage(QUESTION);
    const answer = page.locator('.bubble.answer').last();
    expect(await answer.locator('.answer-text').textContent()).toContain('douze services');
    const marker = answer.locator('a.marker').first();
    expect(await marker.textContent()).toBe('[1]');
    expect(await marker.getAttribute('href')).toMatch(/^\/docs\/002_9a0fa612789b1bfe\?p=3&hl=\d+-\d+#p-3$/);
    const source = answer.locator('.source').first();
    expect(await source.locator('.source-title').textContent()).toMatch(/^Narcotrafic : qu'est-ce que l'état-major/);
    expect(await source.locator('.source-paragraph').textContent()).toBe('§ 3');
    expect(await source.locator('mark').textContent()).toContain('douze services');
    expect(await page.locator('#question').inputValue()).toBe('');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'desktop-answer.png'), fullPage: true });
  });

  it('loads every resource it asks for, its icon included, on the chat and the article', async () => {
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(server.url);
    await askInPage(QUESTION);
    await page.goto(`${server.url}/docs/002_9a0fa612789b1bfe`);
    // Without an icon of its own, a browser asks for /favicon.ico on each page, and that 404 shows in its console.
    const icon = await page.locator('link[rel=icon]').getAttribute('href');
    const served = await fetch(new URL(icon!, server.url));
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(await served.text()).toMatch(/^<svg /);
    expect(failed).toEqual([]);
  });

  it('opens the article at the cited paragraph, highlighted, and keeps the conversation on return', async () => {
    await page.goto(server.url);
    await askInPage(QUESTION);
    await page.locator('.bubble.answer a.marker').first().click();
    await page.waitForURL(/\/docs\/002_9a0fa612789b1bfe/);
    const cited = page.locator('#p-3');
    await expect.poll(() => cited.getAttribute('class')).toContain('is-cited');
    expect(await cited.locator('mark').textContent()).toContain('douze services');
    expect(await page.locator('.is-cited').count()).toBe(1);
    const inView = await cited.evaluate((node) => {
      const box = node.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'desktop-article.png') });
    await page.goBack();
    await expect.poll(() => page.locator('.bubble.answer').count()).toBe(1);
  });

  it('lists a paragraph once under an answer that quotes it twice, with both markers and both quotes, to its article', async () => {
    await page.goto(server.url);
    const reply = page.waitForResponse((response) => response.url().endsWith('/ask'));
    await askInPage("Qui a inauguré l'EMCO ?");
    const { citations } = (await (await reply).json()) as AskResult;
    const paragraphs = [...new Set(citations.map((citation) => `${citation.doc} § ${citation.paragraph}`))];
    // The question is asked for an answer that quotes two sentences of one paragraph, apart.
    expect(paragraphs.length).toBeLessThan(citations.length);
    const sources = page.locator('.bubble.answer').last().locator('.source');
    expect(await sources.count()).toBe(paragraphs.length);
    expect(await sources.locator('.source-number').count()).toBe(citations.length);
    const shared = sources.filter({ has: page.locator('.source-number:nth-of-type(2)') }).first();
    const numbers = (await shared.locator('.source-number').allTextContents()).map((text) => Number(text.slice(1, -1)));
    const quotes = citations.filter((citation) => numbers.includes(citation.n)).sort((a, b) => a.start - b.start);
    expect(await shared.locator('mark').allTextContents()).toEqual(quotes.map((citation) => citation.quote));
    await shared.locator('.source-link').click();
    await page.waitForURL(/\/docs\//);
    await expect.poll(() => page.locator('.is-cited mark').allTextContents()).toEqual(quotes.map((citation) => citation.quote));
  });

  it('shows the no-answer state, distinct from an answer', async () => {
    await page.goto(server.url);
    await askInPage('Quel temps fera-t-il demain à Lyon ?');
    const reply = page.locator('.turn').last().locator('.bubble').last();
    expect(await reply.getAttribute('class')).toContain('no-answer');
    expect(await reply.textContent()).toContain('Pas de réponse dans ces articles');
    expect(await page.locator('.turn').last().locator('.sources').count()).toBe(0);
    expect(await reply.locator('.hint').textContent()).toBe('Reformulez la question, ou ajoutez des articles qui en parlent.');
    // A question in another language than the articles is told so, rather than to rephrase.
    await askInPage('Who heads the EMCO?');
    const declined = page.locator('.turn').last().locator('.bubble').last();
    expect(await declined.getAttribute('class')).toContain('no-answer');
    expect(await declined.locator('.hint').textContent()).toBe('La question semble écrite dans une autre langue que les articles : posez-la en français.');
  });

  it('renders a hostile question as text and runs nothing', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url);
    const hostile = '<img src=x onerror=alert(1)>';
    await askInPage(hostile);
    expect(await page.locator('.bubble.question').last().textContent()).toBe(hostile);
    expect(await page.locator('.conversation img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('sends on Enter, adds a line on Shift+Enter, and locks the box while waiting', async () => {
    await page.goto(server.url);
    // Slow the real request down so that the waiting state can be seen.
    await page.route('**/ask', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    const input = page.locator('#question');
    await input.click();
    await page.keyboard.type('Que signifie');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Pnaco ?');
    expect(await input.inputValue()).toBe('Que signifie\nPnaco ?');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.turn.pending').count()).toBe(1);
    expect(await page.locator('#send').isDisabled()).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#send').click({ force: true }).catch(() => {});
    await expect.poll(() => page.locator('.turn.pending').count(), { timeout: 5000 }).toBe(0);
    expect(await page.locator('.turn').count()).toBe(1);
    expect(await page.locator('.bubble.answer').textContent()).toContain('Parquet national anticriminalité organisée');
    expect(await page.locator('#send').isDisabled()).toBe(false);
  });

  it('shows the message of a refused question and keeps it in the box', async () => {
    await page.goto(server.url);
    const tooLong = 'a'.repeat(1200);
    // `fill` sets the value as a paste from a script would, past the field's maxlength.
    await page.locator('#question').evaluate((node, value) => {
      (node as HTMLTextAreaElement).value = value;
    }, tooLong);
    await page.locator('#question').press('Enter');
    await expect.poll(() => page.locator('.bubble.error').count()).toBe(1);
    expect(await page.locator('.bubble.error').textContent()).toContain('at most 1000 characters');
    expect(await page.locator('#question').inputValue()).toBe(tooLong);
  });

  it('tells the user when the service cannot be reached, keeps the question, and retries', async () => {
    await page.goto(server.url);
    const { port } = server;
    await server.close();
    try {
      await page.locator('#question').fill('Que signifie Pnaco ?');
      await page.locator('#question').press('Enter');
      await expect.poll(() => page.locator('.bubble.error.unreachable').count()).toBe(1);
      expect(await page.locator('.bubble.error').textContent()).toContain('ne répond pas');
      expect(await page.locator('#question').inputValue()).toBe('Que signifie Pnaco ?');
    } finally {
      server = await serve(port);
    }
    await page.locator('button.retry').click();
    await expect.poll(() => page.locator('.bubble.answer').count()).toBe(1);
    expect(await page.locator('.bubble.error').count()).toBe(0);
  });

  it('starts over on demand', async () => {
    await page.goto(server.url);
    await askInPage(QUESTION);
    await page.locator('#new-conversation').click();
    expect(await page.locator('.turn').count()).toBe(0);
    expect(await page.locator('#welcome').isVisible()).toBe(true);
    await page.reload();
    expect(await page.locator('.turn').count()).toBe(0);
  });

  it('holds a two-turn conversation: the follow-up is sent with the first turn and read with it; a new conversation sends none', async () => {
    const bodies: { question: string; history?: { question: string; citations?: { doc: string; paragraph: number }[] }[] }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/ask')) bodies.push(JSON.parse(request.postData() ?? '{}'));
    });
    await page.goto(server.url);
    await askInPage("Qu'est-ce que l'EMCO ?");
    await askInPage('Quelle loi ?');
    const followUp = page.locator('.bubble.answer').last();
    expect(await followUp.locator('.read-with').textContent()).toBe("Compris avec votre question « Qu'est-ce que l'EMCO ? »");
    expect(await followUp.locator('.answer-text').textContent()).toContain('la loi visant à lutter contre le narcotrafic');
    expect(bodies[0]).toEqual({ question: "Qu'est-ce que l'EMCO ?" });
    expect(bodies[1]!.history).toHaveLength(1);
    expect(bodies[1]!.history![0]!.question).toBe("Qu'est-ce que l'EMCO ?");
    expect(bodies[1]!.history![0]!.citations!.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'conversation.png'), fullPage: true });

    await page.locator('#new-conversation').click();
    await askInPage('Quelle loi ?');
    expect(bodies[2]).toEqual({ question: 'Quelle loi ?' });
    expect(await page.locator('.read-with').count()).toBe(0);
  });

  it('answers an unknown article with a 404 page', async () => {
    const response = await page.goto(`${server.url}/docs/nope`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Introuvable');
    const traversal = await page.goto(`${server.url}/docs/..%2F..%2Fpackage.json`);
    expect(traversal?.status()).toBe(404);
  });

  it('fits a 375 px wide phone without horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    try {
      await phone.goto(server.url);
      page = phone;
      await askInPage(QUESTION);
      await askInPage('Quel temps fera-t-il demain à Lyon ?');
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: path.join(SCREENSHOTS, 'phone-answer.png'), fullPage: true });
      await phone.locator('.bubble.answer a.marker').first().click();
      await phone.waitForURL(/\/docs\//);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: path.join(SCREENSHOTS, 'phone-article.png') });
    } finally {
      await phone.close();
    }
  });

  it('is usable from the keyboard: focus starts in the box, Tab reaches Send, citations are links', async () => {
    await page.goto(server.url);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('send');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.bubble.answer').count()).toBe(1);
    const marker = page.locator('a.marker').first();
    await marker.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#p-3$/);
  });

  it('follows the reader\'s colour scheme', async () => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const themed = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 800 } });
      try {
        await themed.goto(server.url);
        await themed.locator('#question').fill(QUESTION);
        await themed.locator('#question').press('Enter');
        await expect.poll(() => themed.locator('.bubble.answer').count()).toBe(1);
        if (colorScheme === 'dark') await themed.screenshot({ path: path.join(SCREENSHOTS, 'desktop-dark.png') });
        return await themed.evaluate(() => getComputedStyle(document.body).backgroundColor);
      } finally {
        await themed.close();
      }
    };
    expect(await background('light')).not.toBe(await background('dark'));
  });
});

describe('an article that writes its own bracketed numbers', () => {
  it('shows one marker per citation, and the article’s "[2]" as quoted text', async () => {
    const scratch = await indexedScratchCorpus(await fixturePipeline());
    await writeFile(
      path.join(scratch.corpusDir, 'crochets.txt'),
      'Une note de bas de page\n\nLe rapport parlementaire recense quarante-deux ports exposés au trafic de cocaïne [2], dont onze en outre-mer.\n',
    );
    await scratch.pipeline.ingest();
    const own = await startServer({ engine: await scratch.pipeline.openEngine(), fallback: null, defaultTopK: 5 }, { port: 0, host: '127.0.0.1' });
    try {
      await page.goto(own.url);
      await askInPage('Combien de ports sont exposés au trafic de cocaïne selon le rapport parlementaire ?');
      const answer = page.locator('.bubble.answer').last();
      const markers = await answer.locator('a.marker').allTextContents();
      expect(markers).toEqual(['[1]']);
      expect(await answer.locator('q.quote').first().textContent()).toContain('cocaïne [2], dont onze');
    } finally {
      await own.close();
    }
  });
});
