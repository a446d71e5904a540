/** The service's own middleware, each one job, beside those hono ships (secureHeaders, cors, bodyLimit, timeout, bearerAuth). */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { round } from '../../shared/round.ts';
import { fail } from './errors.ts';
import type { RateLimiter } from './limits.ts';
import type { Logger } from './log.ts';

export type ServiceEnv = { Variables: { answerable?: boolean; question?: string } };

/**
 * Security headers on every response, in two sets chosen by what the
 * response is. A document a browser renders (a page, or SVG, which can run
 * script) gets the full set, with a strict CSP: the pages' scripts are files
 * of their own. Data (JSON, the pages' scripts and styles) gets only the
 * headers that protect data, as OWASP's REST Security Cheat Sheet lists
 * them: nosniff, a CSP that loads nothing and may not be framed, no
 * referrer, and who may embed it. The rest (X-Frame-Options, COOP,
 * Origin-Agent-Cluster, X-XSS-Protection…) acts only on documents. Measured
 * under the bench's fetch loop, a calling program's `fetch` spent about 0.1
 * ms more a response reading the twelve lines than the four.
 */
export function securityHeaders(crossOrigin: boolean): MiddlewareHandler {
  // Other origins may call the API when CORS allows them to.
  const crossOriginResourcePolicy = crossOrigin ? 'cross-origin' : 'same-origin';
  const forDocuments = secureHeaders({
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
    crossOriginResourcePolicy,
    // HTTPS belongs to the reverse proxy in front; over plain HTTP this header only misleads.
    strictTransportSecurity: false,
  });
  const forData = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy,
    xContentTypeOptions: true,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  const alreadyAnswered = async () => {};
  return async (c, next) => {
    await next();
    // The response exists now: its type chooses the set, which hono's middleware then adds to it.
    await (isDocument(c.res.headers.get('content-type')) ? forDocuments : forData)(c, alreadyAnswered);
  };
}

/** Whether a browser given this type renders a document, whose script, framing and opener the full set governs. */
function isDocument(contentType: string | null): boolean {
  return contentType !== null && /^\s*(text\/html|image\/svg\+xml|application\/xhtml\+xml)\s*(;|$)/i.test(contentType);
}

/** One structured line per request; the question itself only at debug level (questions can be personal). */
export function requestLog(logger: Logger): MiddlewareHandler<ServiceEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const line: Record<string, unknown> = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: round(performance.now() - started, 2),
    };
    const answerable = c.get('answerable');
    if (answerable !== undefined) line.answerable = answerable;
    if (logger.isLevelEnabled('debug') && c.get('question')) line.question = c.get('question');
    logger.info(line, 'request');
  };
}

/** Refuses a client past its requests per minute, saying when to come back. */
export function rateLimit(limiter: RateLimiter | null): MiddlewareHandler {
  return async (c, next) => {
    if (!limiter) return next();
    const wait = limiter.check(clientKey(c));
    if (wait === 0) return next();
    c.header('Retry-After', String(wait));
    return fail(c, 429, 'rate_limited', `too many questions from this address; try again in ${wait} s`);
  };
}

/** The client's address as the socket sees it (a reverse proxy in front hides it: see README). */
function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** JSON, or a JSON-based type such as `application/problem+json`; nothing else. */
const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

export const requireJson: MiddlewareHandler = async (c, next) => {
  if (!JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
    return fail(c, 415, 'unsupported_media_type', 'send the question as JSON with "content-type: application/json"');
  }
  return next();
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body must be strict UTF-8 holding one JSON object: anything else gets
 * a message that says which, before the schema is even tried.
 */
export const jsonObjectBody: MiddlewareHandler = async (c, next) => {
  let body: unknown;
  let text: string;
  try {
    text = strictUtf8.decode(await c.req.arrayBuffer());
    body = JSON.parse(text);
  } catch (error) {
    return fail(c, 400, 'invalid_json', error instanceof TypeError ? 'the request body is not valid UTF-8' : 'the request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(c, 400, 'invalid_request', 'the request body must be a JSON object such as {"question": "…"}');
  }
  // The schema's validator reads the body next, through c.req.json(): hono answers that from the cached text (this
  // version) or the cached parse (earlier ones). Without them, it would re-serialise the body into a Response and read
  // that back (measured: 0.05 ms of the main thread a question).
  // (hono types the cache as values but holds promises of them: `bodyCache[key] = raw[key]()`.)
  const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
  cache.text = Promise.resolve(text);
  cache.json = Promise.resolve(body);
  return next();
};

/**
 * A body its Content-Length says is too large is refused before a byte of
 * it is read, and the connection closed: the unread rest of it must not be
 * taken for the next request on a kept-alive connection.
 */
export function declaredBodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (!(declared > maxBytes)) return next();
    c.header('Connection', 'close');
    return fail(c, 413, 'payload_too_large', `the request body must be at most ${maxBytes} bytes`);
  };
}

/**
 * `counting` (hono's bodyLimit) only for bodies sent without a length. A
 * declared length was checked by declaredBodyLimit, and Node's parser never
 * reads past it; counting wraps the body in a web stream, which cost every
 * question about a tenth of a millisecond for nothing.
 */
export function undeclaredBodyLimit(counting: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (c.req.header('content-length') === undefined ? counting(c, next) : next());
}

/** Once the service is stopping, every response says `Connection: close`: a kept-alive client opens its next request elsewhere. */
export function closeWhenDraining(state: { draining?: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (state.draining) c.header('Connection', 'close');
  };
}
