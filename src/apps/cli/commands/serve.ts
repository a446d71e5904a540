/**
 * `ancre serve`: the chat service, building the index first if there is
 * none; re-indexing on corpus changes with --watch; draining requests in
 * flight on SIGTERM before exiting.
 */
import type { AncreConfig } from '../../config.ts';
import { startRuntime } from '../../../pipeline/pipeline.ts';
import { createLogger } from '../../serve/log.ts';
import { Reindexer, watchCorpus } from '../../serve/reindexer.ts';
import { startServer, type RunningServer } from '../../serve/server.ts';

export async function serveCommand(config: AncreConfig): Promise<void> {
  const logger = createLogger(config.logLevel);
  const log = (line: string, level: 'info' | 'warn' = 'info') => logger[level](line);
  const runtime = await startRuntime(config, log, { buildIfMissing: true, threaded: true });
  let server: RunningServer | undefined;
  const reindexer =
    config.adminToken || config.watch
      ? new Reindexer({
          corpusDir: config.corpusDir,
          indexDir: config.indexDir,
          embedder: runtime.embedder,
          fallback: runtime.fallback,
          swap: (engine) => {
            if (server) server.state.engine = engine;
          },
          log,
        })
      : undefined;
  server = await startServer(
    {
      engine: runtime.engine,
      fallback: runtime.fallback,
      defaultTopK: config.defaultTopK,
      adminToken: config.adminToken,
      reindexer,
      logger,
      limits: {
        maxBodyBytes: config.maxBodyBytes,
        rateLimitPerMinute: config.rateLimitPerMinute,
        requestTimeoutMs: config.requestTimeoutMs,
        maxQueue: config.maxQueue,
        corsOrigins: config.corsOrigins,
      },
    },
    { port: config.port, host: config.host },
  );
  const watcher = config.watch && reindexer ? watchCorpus(reindexer, config.corpusDir, log) : undefined;
  const { index } = runtime.engine;
  logger.info(
    {
      url: server.url,
      documents: index.documents.size,
      paragraphs: index.chunks.length,
      model: runtime.engine.modelId,
      fallback: runtime.fallback !== null,
      watching: watcher !== undefined,
    },
    `listening on ${server.url}${runtime.fallback ? ' (offline fallback model)' : ''}`,
  );
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping: finishing the requests in flight');
    watcher?.close();
    server!.close().then(
      () => {
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
