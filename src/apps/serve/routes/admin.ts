/** POST /admin/reindex: bring the index up to date with the corpus folder, behind a bearer token. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { bearerAuth } from 'hono/bearer-auth';
import { ErrorSchema, ReindexResponseSchema } from '../../../contracts/api.ts';
import { IndexBusyError } from '../../../contracts/errors.ts';
import { errorBody } from '../errors.ts';
import type { ServiceEnv } from '../middleware.ts';
import { ReindexBusyError, type Reindexer } from '../reindexer.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const unauthorized = () => errorBody('unauthorized', 'a valid "Authorization: Bearer <token>" header is required');

export function registerAdmin(app: OpenAPIHono<ServiceEnv>, reindexer: Reindexer, token: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer' });
  const route = createRoute({
    method: 'post',
    path: '/admin/reindex',
    summary: 'Bring the index up to date with the corpus folder',
    description: 'Exists only when ANCRE_ADMIN_TOKEN is set. Embeds new and changed articles; the service keeps answering from the previous index meanwhile.',
    security: [{ adminToken: [] }],
    middleware: [
      bearerAuth({
        token,
        realm: 'ancre',
        noAuthenticationHeader: { message: unauthorized() },
        invalidAuthenticationHeader: { message: unauthorized() },
        invalidToken: { message: unauthorized() },
      }),
    ] as const,
    responses: {
      200: { description: 'The ingest report.', content: { 'application/json': { schema: ReindexResponseSchema } } },
      400: error('A malformed Authorization header.'),
      401: error('Missing or wrong bearer token.'),
      409: error('A re-index is already running (in this process or, with a shared database, in another).'),
      503: error('The index store (the PostgreSQL database) cannot be reached just now; see Retry-After.'),
    },
  });
  app.openapi(route, async (c) => {
    try {
      return c.json({ status: 'ok' as const, report: await reindexer.run() }, 200);
    } catch (caught) {
      if (caught instanceof ReindexBusyError || caught instanceof IndexBusyError) {
        return c.json(errorBody('reindex_in_progress', 'a re-index is already running; try again when it is done'), 409);
      }
      throw caught;
    }
  });
}
