import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/apps/serve/app.ts';

const MAX_BODY_BYTES = DEFAULT_LIMITS.maxBodyBytes;
import { startServer, type RunningServer } from '../src/apps/serve/server.ts';
import { ARTICLE_PAGE } from '../src/apps/serve/pages.ts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { indexedScratchCorpus } from './support/corpus.ts';
import { fixturePipeline, openFixtureEngine } from './support/runtime.ts';

let server: RunningServer;
beforeAll(async () => {
  const engine = await openFixtureEngine();
  server = await startServer(
    { engine, fallback: { requested: 'Xenova/multilingual-e5-small', reason: 'fetch failed' }, defaultTopK: 5 },
    { port: 0, host: '127.0.0.1' },
  );
});
afterAll(() => server.close());

const ask = (body: string, contentType = 'application/json') =>
  fetch(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('POST /ask over HTTP', () => {
  it('answers a question with a quoted, cited answer', async () => {
    const response = await ask(JSON.stringify({ question: "  Combien de services l'EMCO regroupe-t-il ?  " }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = await response.json();
    expect(body.question).toBe("Combien de services l'EMCO regroupe-t-il ?");
    expect(body.answerable).toBe(true);
    expect(body.answer).toMatch(/douze services.*\[1\]$/);
    const [citation] = body.citations;
    expect(Object.keys(citation)).toEqual(expect.arrayContaining(['n', 'doc', 'title', 'paragraph', 'text', 'quote', 'score']));
    expect(citation.text).toContain(citation.quote);
    expect(citation.doc).toBe('002_9a0fa612789b1bfe');
    expect(citation.paragraph).toBe(3);
    expect(body.passages).toHaveLength(5);
    for (const passage of body.passages) {
      expect(Object.keys(passage)).toEqual(expect.arrayContaining(['doc', 'paragraph', 'text', 'score']));
    }
  });

  it('warns of filter ids no indexed article has, and answers from the others', async () => {
    const question = "Combien de services l'EMCO regroupe-t-il ?";
    const body = await (await ask(JSON.stringify({ question, filter: { include: ['002_9a0fa612789b1bfe', 'emco-typo'], exclude: ['nope'] } }))).json();
    expect(body.answerable).toBe(true);
    expect(body.warnings).toEqual(['filter.include names an id no indexed article has: emco-typo', 'filter.exclude names an id no indexed article has: nope']);
    const known = await (await ask(JSON.stringify({ question, filter: { include: ['002_9a0fa612789b1bfe'] } }))).json();
    expect(known).not.toHaveProperty('warnings');
  });

  it('names the fields it ignored, with the one each was likely meant as', async () => {
    const question = "Combien de services l'EMCO regroupe-t-il ?";
    const body = await (await ask(JSON.stringify({ question, include: ['nope'], top_k: 2, client: 'mine' }))).json();
    expect(body.answerable).toBe(true);
    expect(body.warnings).toEqual([
      'ignored a field /ask does not know: "include" (did you mean filter.include?)',
      'ignored a field /ask does not know: "top_k" (did you mean topK?)',
      'ignored a field /ask does not know: "client"',
    ]);
    // Ignored, not obeyed: the default five passages, from every article.
    expect(body.passages).toHaveLength(5);
  });

  it('honours topK and reports an unanswerable question plainly', async () => {
    const response = await ask(JSON.stringify({ question: 'Quel temps fera-t-il demain à Lyon ?', topK: 2 }));
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.answerable).toBe(false);
    expect(body.citations).toEqual([]);
    expect(body.passages).toHaveLength(2);
    expect(body.answer).toMatch(/ne trouve pas/);
  });

  const badRequests: [string, string, number, RegExp][] = [
    ['invalid JSON', '{"question": ', 400, /not valid JSON/],
    ['a JSON array', '["Qui ?"]', 400, /JSON object/],
    ['a JSON string', '"Qui ?"', 400, /JSON object/],
    ['null', 'null', 400, /JSON object/],
    ['a missing question', '{}', 400, /question is required/],
    ['a numeric question', '{"question": 42}', 400, /question must be a string/],
    ['a null question', '{"question": null}', 400, /question must be a string/],
    ['an object question', '{"question": {"text": "Qui ?"}}', 400, /question must be a string/],
    ['an empty question', '{"question": ""}', 400, /must not be empty/],
    ['a blank question', '{"question": "   \\n\\t "}', 400, /must not be empty/],
    ['a question over 1000 characters', JSON.stringify({ question: 'a'.repeat(1001) }), 400, /at most 1000/],
    ['topK zero', '{"question": "Qui ?", "topK": 0}', 400, /topK must be between 1 and 20/],
    ['topK too large', '{"question": "Qui ?", "topK": 21}', 400, /topK must be between 1 and 20/],
    ['a fractional topK', '{"question": "Qui ?", "topK": 2.5}', 400, /topK must be an integer/],
    ['a string topK', '{"question": "Qui ?", "topK": "3"}', 400, /topK must be an integer/],
    ['an unknown mode', '{"question": "Qui ?", "mode": "magic"}', 400, /mode must be one of/],
    ['a filter that is not a list', '{"question": "Qui ?", "filter": {"exclude": "doc"}}', 400, /filter.exclude must be an array of document ids/],
    ['a filter with a number', '{"question": "Qui ?", "filter": {"include": [3]}}', 400, /filter.include must hold document ids/],
    ['a filter with an unknown key', '{"question": "Qui ?", "filter": {"only": ["doc"]}}', 400, /only/],
  ];
  it.each(badRequests)('rejects %s with a JSON error', async (_name, body, status, message) => {
    const response = await ask(body);
    expect(response.status).toBe(status);
    const json = await response.json();
    expect(json.error.code).toMatch(/^invalid_(json|request)$/);
    expect(json.error.message).toMatch(message);
  });

  it('accepts exactly 1000 characters', async () => {
    const response = await ask(JSON.stringify({ question: `${'Pnaco '.repeat(166)}abcd` }));
    expect(response.status).toBe(200);
  });

  it('rejects a body that is not JSON, too large, or sent with the wrong method', async () => {
    const wrongType = await ask('question=Qui', 'application/x-www-form-urlencoded');
    expect(wrongType.status).toBe(415);
    expect((await wrongType.json()).error.code).toBe('unsupported_media_type');
    // A JSON text sequence is not a JSON object; a JSON-based type such as problem+json is.
    expect((await ask(JSON.stringify({ question: 'Que signifie Pnaco ?' }), 'application/json-seq')).status).toBe(415);
    expect((await ask(JSON.stringify({ question: 'Que signifie Pnaco ?' }), 'application/vnd.ancre+json; charset=utf-8')).status).toBe(200);

    const huge = await ask(JSON.stringify({ question: 'x'.repeat(MAX_BODY_BYTES + 10) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');

    const get = await fetch(`${server.url}/ask`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});

describe('GET /health', () => {
  it('reports the index figures and the model, fallback included', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('ok');
    // 13 paragraphs are scanned exactly; vector lists start at 20,000.
    expect(body.index).toMatchObject({ documents: 2, paragraphs: 13, model: 'ancre-offline', denseSearch: 'exact', simdScan: true });
    expect(body.index.sentences).toBeGreaterThan(13);
    expect(body.model).toMatchObject({ id: 'ancre-offline', offline: true, fallback: true, requested: 'Xenova/multilingual-e5-small' });
  });
});

describe('GET /docs/:doc for a very long article', () => {
  it(`shows ${ARTICLE_PAGE} paragraphs at a time, the window holding the paragraph asked for, with links between windows`, async () => {
    const scratch = await indexedScratchCorpus(await fixturePipeline());
    const paragraphs = Array.from({ length: 2500 }, (_, i) => `Le paragraphe numéro ${i + 1} rapporte une saisie de plus dans le port.`);
    await writeFile(path.join(scratch.corpusDir, 'long.txt'), `Un très long article\n\n${paragraphs.join('\n\n')}\n`);
    await scratch.pipeline.ingest();
    const own = await startServer({ engine: await scratch.pipeline.openEngine(), fallback: null, defaultTopK: 5 }, { port: 0, host: '127.0.0.1' });
    try {
      const first = await (await fetch(`${own.url}/docs/long`)).text();
      expect(first).toMatch(/id="p-1"/);
      expect(first).toMatch(/id="p-1000"/);
      expect(first).not.toMatch(/id="p-1001"/);
      expect(first).toContain('href="/docs/long?p=1001#p-1001"');
      const later = await (await fetch(`${own.url}/docs/long?p=2300`)).text();
      expect(later).toMatch(/id="p-2300"/);
      expect(later).not.toMatch(/id="p-1"/);
      expect(later).toContain('<ol class="paragraphs" start="2001">');
      expect((await fetch(`${own.url}/docs/long?p=zero`)).status).toBe(400);
    } finally {
      await own.close();
    }
  });
});
