import { spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/pipeline/pipeline.ts';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import type { ServiceLimits } from '../src/apps/serve/app.ts';
import { RateLimiter, WorkQueue, QueueFullError } from '../src/apps/serve/limits.ts';
import { startServer, type RunningServer } from '../src/apps/serve/server.ts';
import { addSyntheticArticles, scratchCorpus } from './support/corpus.ts';
import { fixtureConfig, openFixtureEngine, openThreadedFixtureEngine } from './support/runtime.ts';
import { tempDir } from './support/temp.ts';

let engine: Engine;
let threaded: Awaited<ReturnType<typeof openThreadedFixtureEngine>>;
beforeAll(async () => {
  engine = await openFixtureEngine();
  threaded = await openThreadedFixtureEngine();
});
afterAll(() => threaded?.close());

/** A server as `ancre serve` runs it (model on a worker thread), with the given limits. */
async function withServer<T>(limits: Partial<ServiceLimits>, use: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer({ engine: threaded.engine, fallback: null, defaultTopK: 5, limits }, { port: 0, host: '127.0.0.1' });
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

/** A raw request, for bodies fetch would not send (invalid UTF-8) or headers it would fix. */
function rawPost(url: string, body: Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    let answered = false;
    const req = request(`${url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers } }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    // A server that refuses a huge body answers before reading it and closes: the rest of our write then fails, as it should.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.on('socket', (socket) => socket.on('error', () => {}));
    req.end(body);
  });
}

/**
 * `count` requests that reach the server at the same instant: every
 * connection is opened first, then all requests are written at once.
 */
async function simultaneousAsks(url: string, count: number): Promise<{ status: number; retryAfter: string | null; body: { error?: { code: string } } }[]> {
  const { port } = new URL(url);
  // Distinct questions: a repeated one would come from the cache of question vectors, not the model.
  const raw = (i: number) => {
    const body = JSON.stringify({ question: `Que signifie Pnaco ? (${i})` });
    return `POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  };
  const sockets = await Promise.all(
    Array.from({ length: count }, () => new Promise<Socket>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
    })),
  );
  const replies = sockets.map(
    (socket) =>
      new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk));
        socket.on('close', () => resolve(text));
      }),
  );
  sockets.forEach((socket, i) => socket.write(raw(i + Math.floor(Math.random() * 1e9))));
  return (await Promise.all(replies)).map((text) => {
    const [head, ...rest] = text.split('\r\n\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)![1]);
    const retryAfter = /^retry-after: (.+)$/im.exec(head!)?.[1]?.trim() ?? null;
    return { status, retryAfter, body: JSON.parse(rest.join('\r\n\r\n')) };
  });
}

describe('the bad-input catalogue', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ engine, fallback: null, defaultTopK: 5 }, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  const post = (body: string | Buffer, headers: Record<string, string> = {}) => rawPost(server.url, Buffer.from(body), headers);

  const cases: [string, () => Promise<{ status: number; body: string }>, number, RegExp][] = [
    ['NUL in the question', () => post(JSON.stringify({ question: 'Que signifie\u0000 Pnaco ?' })), 400, /control characters/],
    ['other control characters', () => post(JSON.stringify({ question: 'Pnaco \u001b[31m ?' })), 400, /control characters/],
    ['invalid UTF-8', () => post(Buffer.concat([Buffer.from('{"question": "Pnaco '), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])), 400, /not valid UTF-8/],
    ['deeply nested JSON', () => post(`{"question": ${'['.repeat(20000)}${']'.repeat(20000)}}`), 400, /question must be a string/],
    ['a JSON number', () => post('42'), 400, /JSON object/],
    ['a body of several megabytes', () => post(Buffer.alloc(5 * 1024 * 1024, 'a')), 413, /at most 65536 bytes/],
    ['a wrong content type', () => post('{"question":"Pnaco ?"}', { 'content-type': 'text/plain' }), 415, /application\/json/],
  ];
  it.each(cases)('answers %s with a JSON 4xx', async (_name, send, status, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    const body = JSON.parse(response.body);
    expect(body.error.message).toMatch(message);
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers wrong methods with 405 and unknown routes with a JSON 404', async () => {
    const health = await fetch(`${server.url}/health`, { method: 'DELETE' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET');
    expect((await health.json()).error.code).toBe('method_not_allowed');
    const unknown = await fetch(`${server.url}/api/v2/ask`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });

  it('answers questions in any script: emoji, right-to-left, accents', async () => {
    for (const question of ['🚢 Combien de services l’EMCO regroupe-t-il ? 🤔', 'ما هو Pnaco ؟', 'QUE SIGNIFIE PNACO ?', 'Qu’est-ce que l’ÉTAT-MAJOR ?']) {
      const response = await fetch(`${server.url}/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      });
      expect(response.status, question).toBe(200);
      expect((await response.json()).question).toBe(question);
    }
  });

  it('sends security headers on every response, a CSP on pages, and no CORS by default', async () => {
    for (const [url, init] of [
      [`${server.url}/`, {}],
      [`${server.url}/health`, {}],
      [`${server.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' }],
      [`${server.url}/nowhere`, {}],
    ] as const) {
      const response = await fetch(url, init);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const page = await fetch(`${server.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    // Data gets the headers that protect data only, and a CSP that loads nothing.
    const data = await fetch(`${server.url}/health`);
    expect(data.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(data.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(data.headers.get('x-frame-options')).toBeNull();
    expect(data.headers.get('cross-origin-opener-policy')).toBeNull();
  });
});

describe('limits', () => {
  it('rate-limits a client when configured, with Retry-After', async () => {
    await withServer({ rateLimitPerMinute: 3 }, async (server) => {
      const ask = () =>
        fetch(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"Que signifie Pnaco ?"}' });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await ask()).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await ask();
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.json()).error.code).toBe('rate_limited');
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    });
  });

  it('answers 503 with Retry-After when too many questions wait, and 504 past the time limit', async () => {
    const burst = (server: RunningServer) => simultaneousAsks(server.url, 60);
    const queued = await withServer({ maxConcurrent: 1, maxQueue: 1 }, burst);
    const refused = queued.filter((r) => r.status === 503);
    expect(refused.length, 'refused with 503').toBeGreaterThan(0);
    expect(refused.every((r) => r.body.error?.code === 'overloaded' && r.retryAfter === '1')).toBe(true);
    expect(queued.every((r) => r.status === 200 || r.status === 503)).toBe(true);

    const late = await withServer({ maxConcurrent: 1, requestTimeoutMs: 2 }, burst);
    const timedOut = late.filter((r) => r.status === 504);
    expect(timedOut.length, 'timed out with 504').toBeGreaterThan(0);
    expect(timedOut.every((r) => r.body.error?.code === 'timeout')).toBe(true);
    expect(late.every((r) => r.status === 200 || r.status === 504)).toBe(true);
  });

  it('allows the configured origins only, when CORS is on', async () => {
    await withServer({ corsOrigins: ['https://app.example'] }, async (server) => {
      const preflight = await fetch(`${server.url}/ask`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const other = await fetch(`${server.url}/ask`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{"question":"Que signifie Pnaco ?"}',
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('keeps the queue and the limiter bounded', async () => {
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 2 });
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = queue.run(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          started();
        }),
    );
    const waiting = [queue.run(async () => 1), queue.run(async () => 2)];
    await running;
    await expect(queue.run(async () => 3)).rejects.toBeInstanceOf(QueueFullError);
    release();
    expect(await Promise.all([first, ...waiting])).toEqual([undefined, 1, 2]);

    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.check('a'), limiter.check('a'), limiter.check('a'), limiter.check('b')]).toEqual([0, 0, 60, 0]);
    now = 45_000;
    expect(limiter.check('a')).toBe(15);
    now = 60_000;
    expect(limiter.check('a')).toBe(0);
  });
});

/** An environment with the variables set to undefined removed: how these tests unset one. */
function withoutUnset(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** `ancre serve` started as a user starts it: the launcher file itself, its shell lines first. A variable set to undefined is removed. */
function runServe(env: Record<string, string | undefined>) {
  const config = fixtureConfig();
  const merged = { ...process.env, ANCRE_MODEL: 'ancre-offline', ANCRE_OFFLINE_MODEL_DIR: config.offlineModelDir, ...env };
  const child = spawn(path.join(PROJECT_ROOT, 'bin/ancre.mjs'), ['serve', '--port', '0'], {
    env: withoutUnset(merged),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout);
      if (match) {
        clearInterval(poll);
        resolve(match[1]!);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(poll);
      reject(new Error(`serve exited: ${stderr}`));
    });
  });
  // Tests that expect the process to fail never wait for it to listen.
  listening.catch(() => {});
  return { child, exited, listening };
}

describe('faults at start and stop', () => {
  it('stops with one clear line and a non-zero exit when the corpus cannot be read', async () => {
    const { root } = await scratchCorpus();
    const { exited } = runServe({ ANCRE_CORPUS_DIR: path.join(root, 'missing'), ANCRE_INDEX_DIR: path.join(root, 'index') });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^ancre: cannot read the corpus folder .*missing \(it does not exist\): create it/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with a clear line when the index is corrupt', async () => {
    const { root, corpusDir } = await scratchCorpus();
    const indexDir = path.join(root, 'index');
    await mkdir(path.join(indexDir, 'build-broken'), { recursive: true });
    await writeFile(path.join(indexDir, 'CURRENT'), 'build-broken\n');
    await writeFile(path.join(indexDir, 'build-broken', 'manifest.json'), '{"format": 2, "model": ');
    const { code, stderr } = await runServe({ ANCRE_CORPUS_DIR: corpusDir, ANCRE_INDEX_DIR: indexDir }).exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/ancre: the index in .*build-broken cannot be read .*rebuild it with "npm run ingest -- --full"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops whole when SIGTERM reaches the documented start command, leaving nothing serving', async () => {
    const config = fixtureConfig();
    const npm = spawn('npm', ['start', '--silent', '--', '--port', '0'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ANCRE_MODEL: 'ancre-offline', ANCRE_OFFLINE_MODEL_DIR: config.offlineModelDir, ANCRE_CORPUS_DIR: config.corpusDir, ANCRE_INDEX_DIR: config.indexDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    npm.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => npm.on('close', resolve));
    await expect.poll(() => /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout)?.[1], { timeout: 30_000, interval: 100 }).toBeTruthy();
    const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout)![1]!;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    npm.kill('SIGTERM');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('finishes the requests in flight on SIGTERM, then exits 0', async () => {
    const { corpusDir, root } = await scratchCorpus();
    const indexDir = path.join(root, 'index');
    const token = 'sigterm-test-token-0123';
    const { child, exited, listening } = runServe({ ANCRE_CORPUS_DIR: corpusDir, ANCRE_INDEX_DIR: indexDir, ANCRE_ADMIN_TOKEN: token });
    const url = await listening;
    await addSyntheticArticles(corpusDir, 150, 10);
    // A re-index of 1,500 paragraphs takes a while: it is in flight when SIGTERM arrives.
    const inFlight = fetch(`${url}/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).report.paragraphsEmbedded).toBe(1500);
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    expect(stdout).toContain('finishing the requests in flight');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe('the launcher', () => {
  /** GLIBC_TUNABLES as Node sees it when the launcher runs `ancre --help` (printed by a module Node imports first). */
  async function tunablesSeenByNode(tunables: string | undefined): Promise<string> {
    const printer = path.join(await tempDir('launcher'), 'print-tunables.mjs');
    await writeFile(printer, "process.stderr.write(`tunables: ${process.env.GLIBC_TUNABLES}\\n`);\n");
    const env = { ...process.env, NODE_OPTIONS: `--import ${pathToFileURL(printer).href}`, GLIBC_TUNABLES: tunables };
    const { status, stderr } = spawnSync(path.join(PROJECT_ROOT, 'bin/ancre.mjs'), ['--help'], {
      env: withoutUnset(env),
      encoding: 'utf8',
    });
    expect(status).toBe(0);
    return /^tunables: (.*)$/m.exec(stderr)![1]!;
  }

  it('asks glibc for huge pages, keeping the tunables a user set, and leaves a user’s own choice of them alone', async () => {
    expect(await tunablesSeenByNode(undefined)).toBe('glibc.malloc.hugetlb=1');
    expect(await tunablesSeenByNode('glibc.malloc.mmap_threshold=1048576')).toBe('glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576');
    expect(await tunablesSeenByNode('glibc.malloc.hugetlb=0')).toBe('glibc.malloc.hugetlb=0');
  });
});

describe('a body too large on a kept-alive connection', () => {
  it('is refused with 413 and Connection: close, and the client’s next request succeeds', async () => {
    await withServer({}, async (server) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const post = (body: Buffer) =>
        new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
          const req = request(`${server.url}/ask`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, text }));
          });
          req.on('error', reject);
          // The server answers before reading it all; the rest of the write may then fail, as it should.
          req.on('socket', (socket) => socket.on('error', () => {}));
          req.end(body);
        });
      try {
        for (let round = 0; round < 3; round++) {
          const huge = await post(Buffer.alloc(1024 * 1024, 'a'));
          expect(huge.status).toBe(413);
          expect(huge.connection).toBe('close');
          const next = await post(Buffer.from(JSON.stringify({ question: "Combien de services l'EMCO regroupe-t-il ?" })));
          expect(next.status).toBe(200);
        }
      } finally {
        agent.destroy();
      }
    });
  });
});

describe('a body sent without a length (chunked)', () => {
  it('is counted as it comes: refused with 413 past the limit, answered below it', async () => {
    await withServer({}, async (server) => {
      const post = (chunks: Buffer[]) =>
        new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
          const req = request(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          });
          req.on('error', reject);
          req.on('socket', (socket) => socket.on('error', () => {}));
          expect(req.getHeader('content-length')).toBeUndefined();
          for (const chunk of chunks) req.write(chunk);
          req.end();
        });
      const huge = await post(Array.from({ length: 16 }, () => Buffer.alloc(64 * 1024, 'a')));
      expect(huge).toMatchObject({ status: 413, connection: 'close' });
      const question = JSON.stringify({ question: "Combien de services l'EMCO regroupe-t-il ?" });
      expect((await post([Buffer.from(question.slice(0, 10)), Buffer.from(question.slice(10))])).status).toBe(200);
    });
  });
});

describe('slow clients and too many connections', () => {
  /** A raw connection: resolves when the server closes it, with what it answered. */
  const openSocket = (url: string) =>
    new Promise<{ socket: Socket; closed: Promise<{ text: string; afterMs: number }> }>((resolve, reject) => {
      const { port } = new URL(url);
      const opened = performance.now();
      const socket = connect(Number(port), '127.0.0.1', () => resolve({ socket, closed }));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk));
      socket.on('error', () => {});
      const closed = new Promise<{ text: string; afterMs: number }>((done) => socket.on('close', () => done({ text, afterMs: performance.now() - opened })));
      socket.once('error', reject);
    });

  it('cuts off headers that never end, and a body trickled past its time', async () => {
    await withServer({ headersTimeoutMs: 1000, bodyTimeoutMs: 2000 }, async (server) => {
      const headers = await openSocket(server.url);
      headers.socket.write('POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
      const body = await openSocket(server.url);
      body.socket.write('POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      const trickle = setInterval(() => body.socket.write(' '), 200);
      try {
        const [cutHeaders, cutBody] = await Promise.all([headers.closed, body.closed]);
        expect(cutHeaders.afterMs).toBeLessThan(5000);
        expect(cutBody.afterMs).toBeLessThan(6000);
        expect(cutBody.text).toMatch(/^HTTP\/1\.1 408/);
      } finally {
        clearInterval(trickle);
      }
    });
  });

  it('refuses connections past its cap and serves again once they close', async () => {
    await withServer({ maxConnections: 3 }, async (server) => {
      const held = await Promise.all([1, 2, 3].map(() => openSocket(server.url)));
      const extra = await openSocket(server.url).catch(() => null);
      if (extra) expect((await extra.closed).afterMs).toBeLessThan(2000);
      for (const { socket } of held) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    });
  });

  it('stops within its drain deadline, cutting off a slow uploader; while it drains, responses close their connections', async () => {
    const server = await startServer(
      { engine: threaded.engine, fallback: null, defaultTopK: 5, limits: { drainTimeoutMs: 1000, headersTimeoutMs: 60_000, bodyTimeoutMs: 60_000 } },
      { port: 0, host: '127.0.0.1' },
    );
    const uploader = await openSocket(server.url);
    uploader.socket.write('POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.state.draining = true;
    const last = await fetch(`${server.url}/health`);
    expect(last.headers.get('connection')).toBe('close');
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await uploader.closed).afterMs).toBeLessThan(5000);
  });
});

describe('a request too malformed to reach the app', () => {
  it('gets the same JSON error and security headers as any other refusal', async () => {
    await withServer({}, async (server) => {
      const { port } = new URL(server.url);
      const reply = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n'));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk));
        socket.on('close', () => resolve(text));
      });
      const [head, body] = reply.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400/);
      expect(head).toMatch(/^content-type: application\/json/im);
      expect(head).toMatch(/^x-content-type-options: nosniff/im);
      expect(head).toMatch(/^content-security-policy: /im);
      expect(JSON.parse(body!.includes('{') ? body!.slice(body!.indexOf('{'), body!.lastIndexOf('}') + 1) : '{}')).toEqual({
        error: { code: 'invalid_request', message: 'the request line or its Host header is malformed' },
      });
    });
  });
});
