/** The pages: the chat, an article with its paragraphs anchored, their assets, and the API's own description. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorSchema } from '../../../contracts/api.ts';
import { fail } from '../errors.ts';
import type { ServiceEnv } from '../middleware.ts';
import { ARTICLE_PAGE, articlePage, chatPage, notFoundPage, type PageContext } from '../pages.ts';
import { attachment, originalFile } from '../original-file.ts';
import type { ServiceState } from '../state.ts';

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

const chatRoute = createRoute({ method: 'get', path: '/', summary: 'The chat page', responses: { 200: html('The page.') } });

const articleRoute = createRoute({
  method: 'get',
  path: '/docs/{doc}',
  summary: 'A cleaned article, paragraphs numbered and anchored #p-<n>',
  description: `A long article is shown ${ARTICLE_PAGE} paragraphs at a time: the window holding paragraph p, or the first.`,
  request: {
    params: z.object({ doc: z.string().openapi({ param: { name: 'doc', in: 'path' }, example: '002_9a0fa612789b1bfe' }) }),
    query: z.object({
      p: z.coerce.number().int().min(1).optional().openapi({ description: 'A paragraph to show (its window of the article).', example: 3 }),
      hl: z.string().optional().openapi({ description: 'The quote to highlight, start-end in the paragraph (read by the page).' }),
    }),
  },
  responses: { 200: html('The article.'), 400: html('A malformed paragraph number.'), 404: html('No article has this id.') },
});

const originalRoute = createRoute({
  method: 'get',
  path: '/docs/{doc}/original',
  summary: 'An article’s original file, as it was indexed, to download',
  description: 'Sent as an attachment in its own media type. 409 when the file changed since it was indexed: its text is no longer the one quoted.',
  request: { params: z.object({ doc: z.string().openapi({ param: { name: 'doc', in: 'path' }, example: '002_9a0fa612789b1bfe' }) }) },
  responses: {
    200: { description: 'The file.', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    404: { description: 'No article has this id, or its file is not in this service’s corpus folder.', content: { 'application/json': { schema: ErrorSchema } } },
    409: { description: 'The file changed since it was indexed.', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const assetRoute = createRoute({
  method: 'get',
  path: '/assets/{file}',
  summary: 'The pages’ scripts, stylesheet and icon',
  request: { params: z.object({ file: z.string().openapi({ param: { name: 'file', in: 'path' }, example: 'chat.js' }) }) },
  responses: {
    200: { description: 'The asset.', content: { 'text/javascript': { schema: z.string() }, 'text/css': { schema: z.string() }, 'image/svg+xml': { schema: z.string() } } },
    404: { description: 'No such asset.', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export function pageContext(state: ServiceState): PageContext {
  const { documents, paragraphs } = state.engine.summary();
  return { documents, paragraphs, modelId: state.engine.modelId, fallback: state.fallback, originals: state.corpusDir !== undefined };
}

export function registerPages(app: OpenAPIHono<ServiceEnv>, state: ServiceState): void {
  app.openapi(chatRoute, (c) => c.html(chatPage(pageContext(state))));
  app.openapi(articleRoute, async (c) => {
    // Documents come from the index only: an id is a key, never a path.
    const doc = await state.engine.document(c.req.valid('param').doc);
    if (!doc) return c.html(notFoundPage(pageContext(state), 'article'), 404);
    return c.html(articlePage(pageContext(state), doc, c.req.valid('query').p ?? 1), 200);
  });
  app.openapi(originalRoute, async (c) => {
    const doc = await state.engine.document(c.req.valid('param').doc);
    if (!doc) return fail(c, 404, 'not_found', `no article ${c.req.valid('param').doc}`);
    if (state.corpusDir === undefined) return fail(c, 404, 'not_found', 'this service does not offer original files');
    const original = await originalFile(state.corpusDir, doc);
    if (!original.found) return fail(c, original.status, original.code, original.message);
    c.header('Content-Type', original.mediaType);
    c.header('Content-Length', String(original.size));
    c.header('Content-Disposition', attachment(original.name));
    return c.body(original.body, 200);
  });
  app.openapi(assetRoute, (c) => {
    const asset = state.assets.get(c.req.path);
    if (!asset) return fail(c, 404, 'not_found', `no asset ${c.req.path}`);
    c.header('Content-Type', asset.contentType);
    c.header('Cache-Control', 'no-cache');
    return c.body(asset.body, 200);
  });
}
