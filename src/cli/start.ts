/** `npm start`: serve the chat service, building the index first if there is none. */
import { loadConfig } from '../config.ts';
import { startRuntime } from '../runtime.ts';
import { startServer } from '../serve/server.ts';
import { runMain } from './run-main.ts';

await runMain(async () => {
  const config = loadConfig();
  const log = (line: string) => console.error(line);
  const runtime = await startRuntime(config, log, { buildIfMissing: true });
  const server = await startServer(
    { engine: runtime.engine, fallback: runtime.fallback, defaultTopK: config.defaultTopK },
    { port: config.port, host: config.host },
  );
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
