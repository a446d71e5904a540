/**
 * The HTTP service, composed as hono composes apps: security headers and
 * request logs for everything, CORS on the API when allowed, then the
 * routes, each defined once with its schemas (routes/). What is not a
 * route gets a JSON 404, a known path asked with another method a 405 that
 * lists the methods it takes, and every failure `{"error": {code, message}}`.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../contracts/api.ts';
import { StoreUnavailableError } from '../../contracts/errors.ts';
import { groupBy } from '../../shared/group-by.ts';
import { fail } from './errors.ts';
import { closeWhenDraining, requestLog, securityHeaders, type ServiceEnv } from './middleware.ts';
import { notFoundPage } from './pages.ts';
import { registerAdmin } from './routes/admin.ts';
import { registerAsk } from './routes/ask.ts';
import { registerHealth } from './routes/health.ts';
import { pageContext, registerPages } from './routes/pages.ts';
import { DEFAULT_LIMITS, type ServiceState } from './state.ts';

export { DEFAULT_LIMITS, type ServiceLimits, type ServiceState } from './state.ts';

/** The error code of a status that hono itself answers with (a malformed request it refused before our handlers). */
const HTTP_ERROR_CODES: Partial<Record<number, ErrorCode>> = { 400: 'invalid_request', 404: 'not_found', 413: 'payload_too_large', 415: 'unsupported_media_type', 504: 'timeout' };

export function createApp(state: ServiceState): OpenAPIHono<ServiceEnv> {
  const limits = { ...DEFAULT_LIMITS, ...state.limits };
  const app = new OpenAPIHono<ServiceEnv>({
    // A request the schema refuses: every problem, in words, as a 400.
    defaultHook: (result, c) => (result.success ? undefined : fail(c, 400, 'invalid_request', result.error.issues.map((issue) => issue.message).join('; '))),
  });
  if (state.logger) app.use(requestLog(state.logger));
  app.use(closeWhenDraining(state));
  app.use(securityHeaders(limits.corsOrigins.length > 0));
  if (limits.corsOrigins.length) {
    const origins = limits.corsOrigins;
    app.use('/ask', cors({ origin: origins.includes('*') ? '*' : origins, allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 600 }));
  }
  registerPages(app, state);
  registerAsk(app, state, limits);
  registerHealth(app, state);
  if (state.adminToken && state.reindexer) registerAdmin(app, state.reindexer, state.adminToken);
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    responses: { 200: { description: 'The OpenAPI 3.1 description of the service.', content: { 'application/json': { schema: { type: 'object' } } } } },
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'ancre', version: '1.0.0', description: 'Answers questions over a folder of news articles with sentences quoted verbatim, each anchored to its paragraph.' },
  });
  answerWrongMethods(app);
  app.notFound((c) =>
    c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html')
      ? c.html(notFoundPage(pageContext(state), 'page'), 404)
      : fail(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`),
  );
  app.onError(async (error, c) => {
    if (error instanceof HTTPException) {
      // Middleware that answers by throwing: hono's own refusals and the timeout get our error body…
      if (!error.res) return fail(c, error.status as ContentfulStatusCode, HTTP_ERROR_CODES[error.status] ?? 'invalid_request', error.message);
      // …bearer auth carries its own response (with WWW-Authenticate), buffered so that it has a length rather than a chunked body.
      const res = error.getResponse();
      return new Response(await res.arrayBuffer(), { status: res.status, headers: res.headers });
    }
    if (error instanceof StoreUnavailableError) {
      // The database is down or restarting: worth retrying, and not the request's fault.
      state.logger?.warn({ method: c.req.method, path: c.req.path }, error.message);
      c.header('Retry-After', String(error.retryAfterSeconds));
      return fail(c, 503, 'store_unavailable', 'the index store cannot be reached just now; try again in a moment');
    }
    state.logger?.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return fail(c, 500, 'internal_error', 'the server failed to answer; the error is in its log');
  });
  return app;
}

/** A 405 with `Allow` for every path the app routes, derived from the routes themselves. */
function answerWrongMethods(app: OpenAPIHono<ServiceEnv>): void {
  const routed = groupBy(
    app.routes.filter((route) => route.method !== 'ALL'),
    (route) => route.path,
  );
  for (const [path, routes] of routed) {
    const allow = [...new Set(routes.map((route) => route.method))].join(', ');
    app.all(path, (c) => {
      c.header('Allow', allow);
      return fail(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${path}; use ${allow}`);
    });
  }
}
