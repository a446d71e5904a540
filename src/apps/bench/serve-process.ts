/** Starts `ancre serve` (or the bench's plain answerer) as a separate process, as an operator would, and reads its address and memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  residentMegabytes(): number;
  stop(): Promise<void>;
}

export function startServeProcess(env: Record<string, string | undefined>): Promise<ServeProcess> {
  return startProcess([path.join(PROJECT_ROOT, 'bin/ancre.mjs'), 'serve', '--port', '0'], env);
}

/** The plain BM25 answerer (plain-answerer.ts) over `corpusDir`: the per-request baseline. */
export function startPlainAnswerer(corpusDir: string): Promise<ServeProcess> {
  return startProcess(['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'apps', 'bench', 'plain-answerer.ts')], { ANCRE_CORPUS_DIR: corpusDir });
}

async function startProcess(args: string[], env: Record<string, string | undefined>): Promise<ServeProcess> {
  const child = spawn(process.execPath, args, {
    // A variable set to undefined is removed: the bench's own ANCRE_DATABASE_URL must not reach a folder-store service.
    env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (out.length < 20_000) out += chunk;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    child,
    residentMegabytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
