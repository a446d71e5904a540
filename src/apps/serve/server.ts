/** Starts the HTTP service on a port and stops it cleanly, letting requests in flight finish. */
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { DEFAULT_LIMITS, type ServiceState } from './state.ts';
import { loadAssets } from './assets.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** The state the routes read on every request; replace `engine` to swap indexes. */
  state: ServiceState;
  /** Stops accepting connections, waits for requests in flight, then resolves. */
  close(): Promise<void>;
}

/**
 * Stops accepting connections and lets the requests in flight finish: their
 * responses say `Connection: close`, so no client sends another request on
 * a connection about to close; connections that turn idle are closed; past
 * the drain deadline, whatever is left (a slow uploader) is cut off.
 */
function drain(server: Server, state: ServiceState, deadlineMs: number): Promise<void> {
  state.draining = true;
  return new Promise<void>((done, failed) => {
    const closeIdle = () => server.closeIdleConnections();
    const sweeper = setInterval(closeIdle, 100);
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    server.close((error) => {
      clearInterval(sweeper);
      clearTimeout(deadline);
      if (error) failed(error);
      else done();
    });
    closeIdle();
  });
}

export async function startServer(
  state: Omit<ServiceState, 'assets'>,
  options: { port: number; host: string },
): Promise<RunningServer> {
  const shared: ServiceState = { ...state, assets: await loadAssets() };
  const app = createApp(shared);
  const limits = { ...DEFAULT_LIMITS, ...state.limits };
  // Slow clients are bounded by Node's own clocks, checked often enough to act on them in time.
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.bodyTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs / 2),
  };
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port: options.port, hostname: options.host, serverOptions }, (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          state: shared,
          close: () => drain(server as Server, shared, limits.drainTimeoutMs),
        });
      });
      (server as Server).maxConnections = limits.maxConnections;
      server.once('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
