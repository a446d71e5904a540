/**
 * The service as `ancre serve` runs it: the model on a worker thread, the
 * index built first if there is none, re-indexing on corpus changes with
 * --watch, and on SIGTERM the requests in flight drained before exiting.
 */
import { startModelWorker, type ModelWorker } from '../../pipeline/model-worker.ts';
import type { AncreConfig } from '../config.ts';
import type { Logger } from './log.ts';
import type { RunningServer } from './server.ts';
import type { ServiceLimits } from './state.ts';

export async function runService(config: AncreConfig): Promise<void> {
  // The model starts loading on its worker before anything else: it is the longest part of a start. Meanwhile this
  // thread loads the rest of ancre (the stages, the store, the HTTP side) and bundles the page scripts, rather than
  // before it (0.2–0.3 s of a start).
  const settings = { ...config, threaded: true };
  const modelWorker = startModelWorker(settings);
  const { startRuntime, followBuilds, createLogger, Reindexer, watchCorpus } = await serviceModules(modelWorker);
  const logger = createLogger(config.logLevel);
  const log = (line: string, level: 'info' | 'warn' = 'info') => logger[level](line);
  const runtime = startRuntime(settings, log, { buildIfMissing: true, modelWorker });
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
      corpusDir: config.corpusDir,
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
  stopOnSignal(() => {
    watcher?.close();
    follower?.close();
    return server.close();
  }, pipeline.store, logger);
}

/**
 * On SIGTERM or SIGINT: stops taking requests and finishes those in flight
 * (`close`), ends the store's connections, and exits.
 */
function stopOnSignal(close: () => Promise<void>, store: { close(): Promise<void> }, logger: Logger): void {
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping: finishing the requests in flight');
    close().then(
      async () => {
        // Ends the database connections politely; a server that does not answer is not waited for.
        await Promise.race([store.close(), new Promise((done) => setTimeout(done, 1000).unref())]);
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

/** What the service runs on, loaded once its model's worker is started; the worker is released if they cannot be. */
async function serviceModules(modelWorker: ModelWorker) {
  try {
    const [{ startRuntime }, { followBuilds }, { createLogger }, { Reindexer, watchCorpus }] = await Promise.all([
      import('../../pipeline/pipeline.ts'),
      import('./build-follower.ts'),
      import('./log.ts'),
      import('./reindexer.ts'),
    ]);
    return { startRuntime, followBuilds, createLogger, Reindexer, watchCorpus };
  } catch (error) {
    // A running worker would keep the process alive after the failure; stopped mid-load (inside the ONNX runtime's
    // native code), it could take the process down before the failure is reported. Released, it ends with the process.
    modelWorker.worker.unref();
    throw error;
  }
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
