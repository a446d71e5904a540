/**
 * `npm start [-- --watch]`: serve the chat service, building the index first
 * if there is none; with --watch (or ANCRE_WATCH=1), re-index when the
 * corpus changes.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { startRuntime } from '../runtime.ts';
import { Reindexer, watchCorpus } from '../serve/reindexer.ts';
import { startServer } from '../serve/server.ts';
import { runMain } from './run-main.ts';

await runMain(async () => {
  const { values } = parseArgs({ options: { watch: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const log = (line: string) => console.error(line);
  const runtime = await startRuntime(config, log, { buildIfMissing: true });
  const state = {
    engine: runtime.engine,
    fallback: runtime.fallback,
    defaultTopK: config.defaultTopK,
    adminToken: config.adminToken,
    reindexer: undefined as Reindexer | undefined,
  };
  const watching = values.watch || config.watch;
  if (config.adminToken || watching) {
    state.reindexer = new Reindexer({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      embedder: runtime.embedder,
      fallback: runtime.fallback,
      swap: (engine) => {
        server.state.engine = engine;
      },
      log,
    });
  }
  const server = await startServer(state, { port: config.port, host: config.host });
  if (watching) {
    watchCorpus(state.reindexer!, config.corpusDir, log);
    log(`ancre: watching ${config.corpusDir} for changes`);
  }
  const { index } = runtime.engine;
  log(
    `ancre: listening on ${server.url} — ${index.documents.size} documents, ${index.chunks.length} paragraphs, ` +
      `model ${runtime.engine.modelId}${runtime.fallback ? ' (OFFLINE FALLBACK)' : ''}`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`ancre: ${signal} received, closing`);
      server.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
});
