/** GET /health: the index figures and the model in use. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { HealthSchema } from '../../../contracts/api.ts';
import type { ServiceEnv } from '../middleware.ts';
import type { ServiceState } from '../state.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Index figures and the model in use',
  responses: { 200: { description: 'The service is up.', content: { 'application/json': { schema: HealthSchema } } } },
});

export function registerHealth(app: OpenAPIHono<ServiceEnv>, state: ServiceState): void {
  app.openapi(healthRoute, (c) => {
    const { offline, ...index } = state.engine.summary();
    const id = state.engine.modelId;
    return c.json(
      {
        status: 'ok' as const,
        model: { id, offline, fallback: state.fallback !== null, requested: state.fallback?.requested ?? id, fallbackReason: state.fallback?.reason ?? null },
        index,
        store: { kind: state.store?.kind ?? 'folder', build: state.engine.build, reachable: state.store?.status?.reachable ?? null },
      },
      200,
    );
  });
}
