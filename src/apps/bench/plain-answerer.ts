/**
 * The per-request baseline of `npm run bench`: a plain BM25 answerer on
 * Hono, the forty lines anyone would write (no analysis of the question, no
 * embedding, no worker thread, no middleware), over the same paragraphs as
 * ancre. POST /ask {question} answers the best paragraph and the top five.
 * It runs as its own process, as ancre does (serve-process.ts).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { corpusParagraphs } from '../../pipeline/pipeline.ts';
import { plainBm25 } from '../../shared/plain-bm25.ts';

const search = plainBm25((await corpusParagraphs(process.env.ANCRE_CORPUS_DIR ?? 'corpus')).map((text) => ({ text })));
const app = new Hono();
app.post('/ask', async (c) => {
  const body = (await c.req.json().catch(() => null)) as { question?: unknown } | null;
  if (typeof body?.question !== 'string' || body.question.trim() === '') {
    return c.json({ error: { code: 'invalid_request', message: 'question must be a non-empty string' } }, 400);
  }
  const passages = search(body.question, 5);
  return c.json({ question: body.question, answer: passages[0]?.text ?? '', passages });
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
