/**
 * Real PostgreSQL servers for the store's tests, each its own process on a
 * loopback port: PGlite's socket server (Postgres 18 with pgvector, from
 * npm), and Debian's PostgreSQL server for what needs no vectors (separate
 * sessions per connection, as production servers have).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { PROJECT_ROOT } from '../../src/apps/config.ts';

export interface PostgresServer {
  url: string;
  /** Stops the server (its data stays). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves once a starting server prints `ready`; rejects with its output if it exits first. */
function waitFor(child: ChildProcess, ready: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk;
      if (ready.test(output)) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before it was ready: ${output.slice(-2000)}`)));
  });
}

function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts a server, to be stopped and its data removed once the file's tests are done. */
async function started(server: PostgresServer, dataDir: string): Promise<PostgresServer> {
  await server.start();
  cleanups.push(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return server;
}

/**
 * PGlite's socket server with pgvector and unaccent, its data in a temporary folder (so that a restart keeps it),
 * started by `pglite-server.mjs`: the package's own server, with each connection's extended-protocol batch run whole.
 */
export async function startPgliteServer(): Promise<PostgresServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ancre-pglite-'));
  const port = await freePort();
  const args = [path.join(PROJECT_ROOT, 'tests', 'support', 'pglite-server.mjs'), dataDir, String(port)];
  let child: ChildProcess | null = null;
  const server: PostgresServer = {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      await waitFor(child, /listening on/, 'pglite-server');
    },
    stop: () => stopChild(child),
  };
  return started(server, dataDir);
}

/** Debian's PostgreSQL server binaries (package postgresql), newest version first. */
function debianPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin')).find((bin) => existsSync(path.join(bin, 'postgres')));
  if (!found) throw new Error('Debian\'s PostgreSQL server is not installed: apt-get install postgresql (.ci/run does)');
  return found;
}

/** A fresh cluster of Debian's PostgreSQL server, trusting loopback connections; run as the postgres user when the tests run as root. */
export async function startDebianPostgres(): Promise<PostgresServer> {
  const bin = debianPostgresBin();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ancre-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => (asRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args });
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    await chown(dataDir, uid, gid);
  }
  const initdb = run(path.join(bin, 'initdb'), ['-D', path.join(dataDir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  execFileSync(initdb.command, initdb.args, { stdio: 'pipe' });
  const port = await freePort();
  let child: ChildProcess | null = null;
  const server: PostgresServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      const postgres = run(path.join(bin, 'postgres'), ['-D', path.join(dataDir, 'data'), '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dataDir]);
      child = spawn(postgres.command, postgres.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      await waitFor(child, /ready to accept connections/, 'postgres');
    },
    stop: () => stopChild(child),
  };
  return started(server, dataDir);
}

function userIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
