/** POST /ask: the question in, the quoted answer out, defined once for validation, handler types and the OpenAPI document. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { AskRequestSchema, AskResponseSchema, DocumentFilterSchema, ErrorSchema, type AskResult } from '../../../contracts/api.ts';
import { errorBody, fail } from '../errors.ts';
import { DeadlineError, QueueFullError, RateLimiter, WorkQueue } from '../limits.ts';
import { declaredBodyLimit, jsonObjectBody, rateLimit, requireJson, undeclaredBodyLimit, type ServiceEnv } from '../middleware.ts';
import type { ServiceLimits, ServiceState } from '../state.ts';

const json = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ErrorSchema, description);

export function askRoute(limits: ServiceLimits) {
  const limiter = limits.rateLimitPerMinute > 0 ? new RateLimiter(limits.rateLimitPerMinute) : null;
  return createRoute({
    method: 'post',
    path: '/ask',
    summary: 'Answer a question with sentences quoted from the articles',
    description:
      'Retrieves the best paragraphs and answers with verbatim sentences, each followed by a marker [n] that points to its citation. ' +
      'When the articles hold no answer, answerable is false and citations is empty.',
    middleware: [
      rateLimit(limiter),
      requireJson,
      declaredBodyLimit(limits.maxBodyBytes),
      // A body without a length is counted as it comes; past the limit, the rest is not read, so the connection closes too.
      undeclaredBodyLimit(
        bodyLimit({
          maxSize: limits.maxBodyBytes,
          onError: (c) => {
            c.header('Connection', 'close');
            return fail(c, 413, 'payload_too_large', `the request body must be at most ${limits.maxBodyBytes} bytes`);
          },
        }),
      ),
      jsonObjectBody,
      timeout(limits.requestTimeoutMs, () => new HTTPException(504, { message: `no answer within ${limits.requestTimeoutMs} ms` })),
    ] as const,
    request: { body: { required: true, content: { 'application/json': { schema: AskRequestSchema } } } },
    responses: {
      200: json(AskResponseSchema, 'The answer, its citations and the retrieved passages.'),
      400: error('Invalid JSON or an invalid field.'),
      405: error('Another method than POST.'),
      413: error('The body is larger than allowed.'),
      415: error('The body is not sent as application/json.'),
      429: error('Too many requests from this client (when rate limiting is on); see Retry-After.'),
      503: error('Too many questions waiting; see Retry-After.'),
      504: error('The answer took longer than the time limit.'),
    },
  });
}

export function registerAsk(app: OpenAPIHono<ServiceEnv>, state: ServiceState, limits: ServiceLimits): void {
  const queue = new WorkQueue({ concurrency: limits.maxConcurrent, maxWaiting: limits.maxQueue });
  app.openapi(askRoute(limits), async (c) => {
    const { question, topK, mode, filter, history } = c.req.valid('json');
    c.set('question', question);
    // The engine is read per request: a live re-index swaps it whole.
    const engine = state.engine;
    try {
      const result = await queue.run(() => engine.ask(question, { topK: topK ?? state.defaultTopK, mode, filter, history }), Date.now() + limits.requestTimeoutMs);
      c.set('answerable', result.answerable);
      const warned = await engine.withFilterWarnings(result, filter);
      return c.json(withWarnings(warned, unknownFieldWarnings(await c.req.json())), 200);
    } catch (caught) {
      if (caught instanceof QueueFullError) {
        c.header('Retry-After', String(caught.retryAfterSeconds));
        return c.json(errorBody('overloaded', 'too many questions are waiting; try again in a moment'), 503);
      }
      if (caught instanceof DeadlineError) return c.json(errorBody('timeout', `no answer within ${limits.requestTimeoutMs} ms`), 504);
      throw caught;
    }
  });
}

const REQUEST_FIELDS = Object.keys(AskRequestSchema.shape);
const FILTER_FIELDS = Object.keys(DocumentFilterSchema.shape);
/** Case, `_` and `-` set apart: how a field's name is most often mistyped (`top_k`, `TopK`). */
const spelling = (name: string) => name.toLowerCase().replace(/[_-]/g, '');

/**
 * The fields of a request body that /ask does not know, each with the field it
 * was likely meant as. The schema drops them, and a client that sent
 * `"include"` beside the question rather than inside `filter` would otherwise
 * get an answer from every article without a word (an error would break
 * clients that send fields of their own, which the contract allows).
 */
export function unknownFieldWarnings(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  return Object.keys(body)
    .filter((field) => !REQUEST_FIELDS.includes(field))
    .map((field) => {
      const like = (known: string) => spelling(known) === spelling(field);
      const inFilter = FILTER_FIELDS.find(like);
      const meant = REQUEST_FIELDS.find(like) ?? (inFilter && `filter.${inFilter}`);
      return `ignored a field /ask does not know: ${JSON.stringify(field)}${meant ? ` (did you mean ${meant}?)` : ''}`;
    });
}

const withWarnings = (result: AskResult, more: string[]): AskResult =>
  more.length ? { ...result, warnings: [...(result.warnings ?? []), ...more] } : result;
