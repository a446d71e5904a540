/**
 * The service as `ancre serve` runs it: the model on a worker thread, the
 * index built first if there is none, re-indexing on corpus changes with
 * --watch, and on SIGTERM the requests in flight drained before exiting.
 */
import { startRuntime } from '../../pipeline/pipeline.ts';
import type { AncreConfig } from '../config.ts';
import { followBuilds } from './build-follower.ts';
import { createLogger } from './log.ts';
import { Reindexer, watchCorpus } from './reindexer.ts';
import type { RunningServer } from './server.ts';
import type { ServiceLimits } from './state.ts';

export async function runService(config: AncreConfig): Promise<void> {
  const logger = createLogger(config.logLevel);
  const log = (line: string, level: 'info' | 'warn' = 'info') => logger[level](line);
  // The model starts loading on its worker first: it is the longest part of a start. Meanwhile this thread loads the
  // HTTP side (hono, the routes and their schemas) and bundles the page scripts, rather than before it (0.2 s).
  const runtime = startRuntime({ ...config, threaded: true }, log, { buildIfMissing: true });
  const http = import('./server.ts');
  const assets = import('./assets.ts').then(({ loadAssets }) => loadAssets());
  // A failure is reported where each is awaited, below.
  for (const pending of [http, assets]) pending.catch(() => {});
  const { pipeline, engine } = await runtime;
  const { startServer } = await http;
  let server: RunningServer | undefined;
  const swap = (next: typeof engine) => {
    if (server) server.state.engine = next;
  };
  const reindexer = config.adminToken || config.watch ? new Reindexer(pipeline, swap) : undefined;
  const follower =
    config.buildCheckMs > 0 ? followBuilds({ pipeline, current: () => server?.state.engine ?? engine, swap, reindexer }, config.buildCheckMs, log) : undefined;
  await assets;
  server = await startServer(
    {
      engine,
      store: { kind: config.databaseUrl ? 'postgres' : 'folder', status: follower?.status ?? null },
      fallback: pipeline.fallback,
      defaultTopK: config.defaultTopK,
      adminToken: config.adminToken,
      reindexer,
      logger,
      limits: serviceLimits(config),
    },
    { port: config.port, host: config.host },
  );
  const watcher = config.watch && reindexer ? watchCorpus(reindexer, config.corpusDir, log) : undefined;
  const { documents, paragraphs } = engine.summary();
  const fallback = pipeline.fallback !== null;
  logger.info(
    { url: server.url, documents, paragraphs, model: engine.modelId, fallback, watching: watcher !== undefined },
    `listening on ${server.url}${fallback ? ' (offline fallback model)' : ''}`,
  );
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping: finishing the requests in flight');
    watcher?.close();
    follower?.close();
    server.close().then(
      async () => {
        // Ends the database connections politely; a server that does not answer is not waited for.
        await Promise.race([pipeline.store.close(), new Promise((done) => setTimeout(done, 1000).unref())]);
        logger.info('stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function serviceLimits(config: AncreConfig): Partial<ServiceLimits> {
  return {
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    requestTimeoutMs: config.requestTimeoutMs,
    maxQueue: config.maxQueue,
    corsOrigins: config.corsOrigins,
    headersTimeoutMs: config.headersTimeoutMs,
    bodyTimeoutMs: config.bodyTimeoutMs,
    maxConnections: config.maxConnections,
    drainTimeoutMs: config.drainTimeoutMs,
  };
}
