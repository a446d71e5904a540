/**
 * The HTTP service: the chat page, the article view, POST /ask, GET /health,
 * the OpenAPI document and, when enabled, POST /admin/reindex. Every failure
 * is answered as `{"error": {"code", "message"}}`, never with a stack trace.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AnswerEngine } from '../../pipeline/engine.ts';
import { withTimeout } from '../../shared/timeout.ts';
import type { FallbackNotice } from '../../stages/2-embed/load.ts';
import type { Asset } from './assets.ts';
import { DeadlineError, QueueFullError, RateLimiter, WorkQueue } from './limits.ts';
import type { Logger } from './log.ts';
import { describeApi } from './openapi.ts';
import { articlePage, chatPage, notFoundPage, type PageContext } from './pages.ts';
import { ReindexBusyError, type Reindexer } from './reindexer.ts';
import { AskRequestSchema, type ErrorBody, type ErrorCode } from './schemas.ts';

export interface ServiceLimits {
  maxBodyBytes: number;
  /** Requests per minute per client address on POST /ask; 0: no limit. */
  rateLimitPerMinute: number;
  requestTimeoutMs: number;
  /** Questions that may wait for the answer work before new ones get 503. */
  maxQueue: number;
  /** Questions answered at once; several let the embedding worker batch them. */
  maxConcurrent: number;
  /** Origins allowed to call the API from a browser; empty: CORS off. */
  corsOrigins: string[];
}

export const DEFAULT_LIMITS: ServiceLimits = {
  maxBodyBytes: 64 * 1024,
  rateLimitPerMinute: 0,
  requestTimeoutMs: 10_000,
  maxQueue: 256,
  maxConcurrent: 4,
  corsOrigins: [],
};

export interface ServiceState {
  /** Read on every request: replacing it swaps the index the service answers from. */
  engine: AnswerEngine;
  fallback: FallbackNotice | null;
  defaultTopK: number;
  assets: ReadonlyMap<string, Asset>;
  limits?: Partial<ServiceLimits>;
  logger?: Logger;
  /** With `adminToken`, enables POST /admin/reindex. */
  reindexer?: Reindexer;
  adminToken?: string;
}

type Env = { Variables: { answerable?: boolean; question?: string } };

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

function fail(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string) {
  return c.json(errorBody(code, message), status);
}

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const wantsHtml = (c: Context) => c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');

function pageContext(state: ServiceState): PageContext {
  const { index } = state.engine;
  return { documents: index.documents.size, paragraphs: index.chunks.length, modelId: state.engine.modelId, fallback: state.fallback };
}

export function createApp(state: ServiceState): OpenAPIHono<Env> {
  const limits = { ...DEFAULT_LIMITS, ...state.limits };
  const app = new OpenAPIHono<Env>();
  const queue = new WorkQueue({ concurrency: limits.maxConcurrent, maxWaiting: limits.maxQueue });
  const rateLimiter = limits.rateLimitPerMinute > 0 ? new RateLimiter(limits.rateLimitPerMinute) : null;

  if (state.logger) app.use(requestLog(state.logger));
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
      // Other origins may call the API when CORS allows them to.
      crossOriginResourcePolicy: limits.corsOrigins.length ? 'cross-origin' : 'same-origin',
      // HTTPS belongs to the reverse proxy in front; over plain HTTP this header only misleads.
      strictTransportSecurity: false,
    }),
  );
  if (limits.corsOrigins.length) {
    const origins = limits.corsOrigins;
    app.use(
      '/ask',
      cors({ origin: origins.includes('*') ? '*' : origins, allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 600 }),
    );
  }

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
    async (c, next) => {
      if (!rateLimiter) return next();
      const wait = rateLimiter.check(clientKey(c));
      if (wait === 0) return next();
      c.header('Retry-After', String(wait));
      return fail(c, 429, 'rate_limited', `too many questions from this address; try again in ${wait} s`);
    },
    async (c, next) => {
      const contentType = c.req.header('content-type') ?? '';
      if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
        return fail(c, 415, 'unsupported_media_type', 'send the question as JSON with "content-type: application/json"');
      }
      return next();
    },
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: (c) => fail(c, 413, 'payload_too_large', `the request body must be at most ${limits.maxBodyBytes} bytes`),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(strictUtf8.decode(await c.req.arrayBuffer()));
      } catch (error) {
        const message = error instanceof TypeError ? 'the request body is not valid UTF-8' : 'the request body is not valid JSON';
        return fail(c, 400, 'invalid_json', message);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return fail(c, 400, 'invalid_request', 'the request body must be a JSON object such as {"question": "…"}');
      }
      const parsed = AskRequestSchema.safeParse(body);
      if (!parsed.success) {
        return fail(c, 400, 'invalid_request', parsed.error.issues.map((issue) => issue.message).join('; '));
      }
      const { question, topK, mode } = parsed.data;
      if (CONTROL_CHARACTERS.test(question)) {
        return fail(c, 400, 'invalid_request', 'question must not contain control characters');
      }
      c.set('question', question);
      const engine = state.engine;
      try {
        const deadline = Date.now() + limits.requestTimeoutMs;
        const result = await withTimeout(
          queue.run(() => engine.ask(question, { topK: topK ?? state.defaultTopK, mode }), deadline),
          limits.requestTimeoutMs,
          () => new TimeoutError(),
        );
        c.set('answerable', result.answerable);
        return c.json(result);
      } catch (error) {
        if (error instanceof QueueFullError) {
          c.header('Retry-After', String(error.retryAfterSeconds));
          return fail(c, 503, 'overloaded', 'too many questions are waiting; try again in a moment');
        }
        if (error instanceof TimeoutError || error instanceof DeadlineError) {
          return fail(c, 504, 'timeout', `no answer within ${limits.requestTimeoutMs} ms`);
        }
        throw error;
      }
    },
  );

  app.get('/health', (c) => {
    const { index } = state.engine;
    return c.json({
      status: 'ok' as const,
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
        denseSearch: state.engine.denseSearch.approximate ? 'lists' : 'exact',
        simdScan: state.engine.denseSearch.simd,
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
        return c.json({ status: 'ok' as const, report });
      } catch (error) {
        if (error instanceof ReindexBusyError) return fail(c, 409, 'reindex_in_progress', 'a re-index is already running; try again when it is done');
        throw error;
      }
    });
  }

  describeApi(app);

  // A known path asked with another method: 405 with the methods it takes.
  const allowed: Record<string, string> = { '/ask': 'POST', '/health': 'GET', '/openapi.json': 'GET', '/': 'GET' };
  if (state.adminToken && state.reindexer) allowed['/admin/reindex'] = 'POST';
  for (const [path, methods] of Object.entries(allowed)) {
    app.all(path, (c) => {
      c.header('Allow', methods);
      return fail(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${path}; use ${methods}`);
    });
  }
  app.notFound((c) =>
    wantsHtml(c)
      ? c.html(notFoundPage(pageContext(state), 'Cette page n’existe pas.'), 404)
      : fail(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`),
  );
  app.onError((error, c) => {
    state.logger?.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return fail(c, 500, 'internal_error', 'the server failed to answer; the error is in its log');
  });
  return app;
}

/** The client's address as the socket sees it (a reverse proxy in front hides it: see README). */
function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

class TimeoutError extends Error {}

/** One structured line per request; the question itself only at debug level. */
function requestLog(logger: Logger): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const line: Record<string, unknown> = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
    const answerable = c.get('answerable');
    if (answerable !== undefined) line.answerable = answerable;
    if (logger.isLevelEnabled('debug') && c.get('question')) line.question = c.get('question');
    logger.info(line, 'request');
  };
}
