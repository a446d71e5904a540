/** Starts `ancre serve` (or the bench's plain answerer) as a separate process, as an operator would, and reads its address and memory. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../config.ts';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  residentMegabytes(): number;
  stop(): Promise<void>;
}

/** How often the service's log is read for its address while it starts: the start-up figures are known to this. */
const READY_POLL_MS = 5;

/** Started through the launcher itself, not `node bin/ancre.mjs`: its shell lines set what a user's `ancre` gets (huge pages for malloc). */
export function startServeProcess(env: Record<string, string | undefined>): Promise<ServeProcess> {
  return startProcess(ANCRE, ['serve', '--port', '0'], env);
}

const ANCRE = path.join(PROJECT_ROOT, 'bin/ancre.mjs');

/** Runs an `ancre` command to its end, as a user's shell or scheduled job would: its wall time in seconds (it must succeed). */
export async function timeCommand(args: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  const started = performance.now();
  await promisify(execFile)(ANCRE, [...args], { env: childEnv(env), maxBuffer: 16 * 1024 * 1024 });
  return (performance.now() - started) / 1000;
}

/** The bench's environment with `env` laid over; a variable set to undefined is removed (the bench's own ANCRE_DATABASE_URL must not reach a folder-store service). */
function childEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...process.env, ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The plain BM25 answerer (plain-answerer.ts) over `corpusDir`: the per-request baseline. */
export function startPlainAnswerer(corpusDir: string): Promise<ServeProcess> {
  return startProcess(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'apps', 'bench', 'plain-answerer.ts')], { ANCRE_CORPUS_DIR: corpusDir });
}

async function startProcess(command: string, args: string[], env: Record<string, string | undefined>): Promise<ServeProcess> {
  // The service logs to a file, as an operator's would, not to a pipe this process must read: reading a log line per
  // request would cost the load generator's own CPU, which shares the cores with the service.
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'ancre-bench-log-'));
  const logFile = path.join(logDir, 'stdout.log');
  const log = openSync(logFile, 'w');
  const commandLine = [command, ...args].join(' ');
  const child = spawn(command, args, {
    env: childEnv(env),
    stdio: ['ignore', log, 'pipe'],
  });
  closeSync(log);
  // Removed once the process exits, whoever stopped it (a test may send its own SIGTERM).
  const logRemoved = new Promise<void>((resolve) => child.once('exit', () => void rm(logDir, { recursive: true, force: true }).then(() => resolve())));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(readFileSync(logFile, 'utf8'));
      if (match) (clearInterval(poll), resolve(match[1]!));
    }, READY_POLL_MS);
    child.on('exit', (code) => (clearInterval(poll), reject(new Error(`${commandLine} exited with ${code}: ${stderr}`))));
  });
  let stopping = false;
  // A service that dies on its own is a failure whose cause is on its standard error, which nothing else shows.
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${commandLine} at ${url} exited on its own (${signal ?? `code ${code}`}); its standard error ends with:\n${stderr.slice(-4000)}`);
  });
  return {
    url,
    child,
    residentMegabytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    stop: () => {
      stopping = true;
      // A process that already exited sends no more 'exit', and its log is already being removed.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return logRemoved;
    },
  };
}
