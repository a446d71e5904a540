/** Starts the HTTP service on a port and stops it cleanly, letting requests in flight finish. */
import { getRequestListener, RequestError, serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createServer, type Server, type ServerOptions } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { fail } from './errors.ts';
import { securityHeaders } from './middleware.ts';
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
 * What answers a request too malformed to reach the app (a bad Host header
 * or request line): the same JSON error and security headers as every other
 * refusal, rather than @hono/node-server's bare 400.
 */
const malformed = new Hono()
  .use(securityHeaders(false))
  .all('*', (c) => fail(c, 400, 'invalid_request', 'the request line or its Host header is malformed'));

function answerMalformed(error: unknown): Response | Promise<Response> {
  if (error instanceof RequestError) return malformed.fetch(new Request('http://localhost/'));
  throw error;
}

/** How long kept-alive connections may stay idle once the service stops, so that a client mid-reuse gets an answer, not a reset. */
const IDLE_GRACE_MS = 1000;

/**
 * Stops accepting connections and lets the requests in flight finish: their
 * responses say `Connection: close`, so a client sends no further request on
 * a connection about to close. Idle kept-alive connections are not cut at
 * once (http.Server.close would: a client sending on one just then would see
 * a reset): a request arriving on one still gets its answer, with `Connection:
 * close`, and those still idle after a moment are closed. Past the drain
 * deadline, whatever is left (a slow uploader) is cut off.
 */
function drain(server: Server, state: ServiceState, deadlineMs: number): Promise<void> {
  state.draining = true;
  return new Promise<void>((done, failed) => {
    let sweeper: NodeJS.Timeout | undefined;
    const grace = setTimeout(() => {
      server.closeIdleConnections();
      sweeper = setInterval(() => server.closeIdleConnections(), 100);
    }, Math.min(IDLE_GRACE_MS, deadlineMs));
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    // net.Server's close: stop listening, without http.Server's closing of idle connections.
    net.Server.prototype.close.call(server, (error?: Error) => {
      clearTimeout(grace);
      clearInterval(sweeper);
      clearTimeout(deadline);
      if (error) failed(error);
      else done();
    });
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
      const listener = getRequestListener(app.fetch, { hostname: options.host, errorHandler: answerMalformed });
      // serve() builds its own listener without an error handler: the server is made with ours instead.
      const create = ((opts: ServerOptions) => createServer(opts, listener)) as typeof createServer;
      server = serve({ fetch: app.fetch, port: options.port, hostname: options.host, serverOptions, createServer: create }, (info: AddressInfo) => {
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
