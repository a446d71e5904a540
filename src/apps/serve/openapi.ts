/** The OpenAPI 3.1 description of the service, built from the zod schemas in schemas.ts. */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { AskRequestSchema, AskResponseSchema, ErrorSchema, HealthSchema, ReindexResponseSchema } from './schemas.ts';

const json = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ErrorSchema, description);
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' as const } } } });

export function describeApi<E extends Env>(app: OpenAPIHono<E>): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer' });
  registry.registerPath({
    method: 'post',
    path: '/ask',
    summary: 'Answer a question with sentences quoted from the articles',
    description:
      'Retrieves the best paragraphs and answers with verbatim sentences, each followed by a marker [n] that points to its citation. ' +
      'When the articles hold no answer, answerable is false and citations is empty.',
    request: { body: { required: true, content: { 'application/json': { schema: AskRequestSchema } } } },
    responses: {
      200: json(AskResponseSchema, 'The answer, its citations and the retrieved passages.'),
      400: error('Invalid JSON or an invalid field.'),
      413: error('The body is larger than allowed.'),
      415: error('The body is not sent as application/json.'),
      429: error('Too many requests from this client (when rate limiting is on); see Retry-After.'),
      503: error('Too many questions waiting; see Retry-After.'),
      504: error('The answer took longer than the time limit.'),
      405: error('Another method than POST.'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Index figures and the model in use',
    responses: { 200: json(HealthSchema, 'The service is up.') },
  });
  registry.registerPath({
    method: 'post',
    path: '/admin/reindex',
    summary: 'Bring the index up to date with the corpus folder',
    description: 'Exists only when ANCRE_ADMIN_TOKEN is set. Embeds new and changed articles; the service keeps answering from the previous index meanwhile.',
    security: [{ adminToken: [] }],
    responses: {
      200: json(ReindexResponseSchema, 'The ingest report.'),
      401: error('Missing or wrong bearer token.'),
      404: error('Re-indexing is not enabled.'),
      409: error('A re-index is already running.'),
    },
  });
  registry.registerPath({ method: 'get', path: '/', summary: 'The chat page', responses: { 200: html('The page.') } });
  registry.registerPath({
    method: 'get',
    path: '/docs/{doc}',
    summary: 'A cleaned article, paragraphs numbered and anchored #p-<n>',
    request: { params: z.object({ doc: z.string().openapi({ param: { name: 'doc', in: 'path' }, example: '002_9a0fa612789b1bfe' }) }) },
    responses: { 200: html('The article.'), 404: html('No article has this id.') },
  });
  registry.registerPath({
    method: 'get',
    path: '/assets/{file}',
    summary: 'The pages’ script and stylesheet',
    request: { params: z.object({ file: z.string().openapi({ param: { name: 'file', in: 'path' }, example: 'chat.js' }) }) },
    responses: {
      200: { description: 'The asset.', content: { 'text/javascript': { schema: { type: 'string' as const } }, 'text/css': { schema: { type: 'string' as const } } } },
      404: error('No such asset.'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    responses: { 200: { description: 'The OpenAPI 3.1 description of the service.', content: { 'application/json': { schema: { type: 'object' as const } } } } },
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'ancre',
      version: '1.0.0',
      description: 'Answers questions over a folder of news articles with sentences quoted verbatim, each anchored to its paragraph.',
    },
  });
}
