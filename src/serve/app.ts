/**
 * The HTTP service: POST /ask and GET /health, JSON in and out, with every
 * failure answered as `{"error": {"code", "message"}}`.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AnswerEngine } from '../answer/engine.ts';
import type { FallbackNotice } from '../embed/load.ts';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Asset } from './assets.ts';
import { articlePage, chatPage, notFoundPage, type PageContext } from './pages.ts';
import { ReindexBusyError, type Reindexer } from './reindexer.ts';
import { AskRequestSchema, type ErrorBody, type ErrorCode } from './schemas.ts';

export interface ServiceState {
  engine: AnswerEngine;
  fallback: FallbackNotice | null;
  defaultTopK: number;
  assets: ReadonlyMap<string, Asset>;
  /** With `adminToken`, enables POST /admin/reindex. */
  reindexer?: Reindexer;
  adminToken?: string;
}

export const MAX_BODY_BYTES = 64 * 1024;

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

function fail(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string) {
  return c.json(errorBody(code, message), status);
}

function pageContext(state: ServiceState): PageContext {
  const { index } = state.engine;
  return {
    documents: index.documents.size,
    paragraphs: index.chunks.length,
    modelId: state.engine.modelId,
    fallback: state.fallback,
  };
}

const wantsHtml = (c: Context) => c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');

export function createApp(state: ServiceState): Hono {
  const app = new Hono();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      crossOriginEmbedderPolicy: false,
      // HTTPS belongs to the reverse proxy in front; over plain HTTP this header only misleads.
      strictTransportSecurity: false,
    }),
  );

  app.get('/', (c) => c.html(chatPage(pageContext(state))));

  app.get('/docs/:doc', (c) => {
    // Documents come from the loaded index only: an id is a key, never a path.
    const doc = state.engine.index.documents.get(c.req.param('doc'));
    if (!doc) return c.html(notFoundPage(pageContext(state), 'Aucun article ne porte cet identifiant.'), 404);
    return c.html(articlePage(pageContext(state), doc));
  });

  app.get('/assets/:file', (c) => {
    const asset = state.assets.get(c.req.path);
    if (!asset) return fail(c, 404, 'not_found', `no asset ${c.req.path}`);
    c.header('Content-Type', asset.contentType);
    c.header('Cache-Control', 'no-cache');
    return c.body(asset.body);
  });

  app.post(
    '/ask',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => fail(c, 413, 'payload_too_large', `the request body must be at most ${MAX_BODY_BYTES} bytes`),
    }),
    async (c) => {
      const contentType = c.req.header('content-type') ?? '';
      if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
        return fail(c, 415, 'unsupported_media_type', 'send the question as JSON with "content-type: application/json"');
      }
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return fail(c, 400, 'invalid_json', 'the request body is not valid JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return fail(c, 400, 'invalid_request', 'the request body must be a JSON object such as {"question": "…"}');
      }
      const parsed = AskRequestSchema.safeParse(body);
      if (!parsed.success) {
        return fail(c, 400, 'invalid_request', parsed.error.issues.map((issue) => issue.message).join('; '));
      }
      const { question, topK, mode } = parsed.data;
      const result = await state.engine.ask(question, { topK: topK ?? state.defaultTopK, mode });
      return c.json(result);
    },
  );

  app.get('/health', (c) => {
    const { index } = state.engine;
    return c.json({
      status: 'ok',
      model: {
        id: state.engine.modelId,
        offline: index.manifest.model.offline,
        fallback: state.fallback !== null,
        requested: state.fallback?.requested ?? state.engine.modelId,
        fallbackReason: state.fallback?.reason ?? null,
      },
      index: {
        documents: index.documents.size,
        paragraphs: index.chunks.length,
        sentences: index.chunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0),
        builtAt: index.manifest.createdAt,
        model: index.manifest.model.id,
      },
    });
  });

  if (state.adminToken && state.reindexer) {
    const reindexer = state.reindexer;
    // Hashing first gives both sides one length, so the comparison time says nothing about the token.
    const digest = (token: string) => createHash('sha256').update(token).digest();
    const expected = digest(state.adminToken);
    app.post('/admin/reindex', async (c) => {
      const offered = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(offered), expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="ancre"');
        return fail(c, 401, 'unauthorized', 'a valid "Authorization: Bearer <token>" header is required');
      }
      try {
        const { buildDir: _internalPath, ...report } = await reindexer.run();
        return c.json({ status: 'ok', report });
      } catch (error) {
        if (error instanceof ReindexBusyError) return fail(c, 409, 'reindex_in_progress', 'a re-index is already running; try again when it is done');
        throw error;
      }
    });
  }

  app.all('/ask', (c) => {
    c.header('Allow', 'POST');
    return fail(c, 405, 'method_not_allowed', 'use POST /ask');
  });
  app.notFound((c) =>
    wantsHtml(c)
      ? c.html(notFoundPage(pageContext(state), 'Cette page n’existe pas.'), 404)
      : fail(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`),
  );
  app.onError((error, c) => {
    console.error(`ancre: ${c.req.method} ${c.req.path} failed:`, error);
    return fail(c, 500, 'internal_error', 'the server failed to answer; the error is in its log');
  });
  return app;
}
