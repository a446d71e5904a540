/** Starts the fetch loop in a process of its own (fetch-client.ts) against a service, and reads its figures and both sides' CPU. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import { cpuPerRequest, processCpuSeconds, type CpuPerRequest } from './cpu.ts';
import type { LoadFigures } from './load.ts';

export async function loadAskFromOwnProcess(service: { url: string; pid: number }, options: { connections: number; seconds: number }): Promise<LoadFigures & { cpu: CpuPerRequest }> {
  const serverBefore = processCpuSeconds(service.pid);
  const client = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'apps', 'bench', 'fetch-client.ts'), service.url, String(options.seconds), String(options.connections)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  client.stdout.on('data', (chunk: Buffer) => (out += chunk));
  client.stderr.on('data', (chunk: Buffer) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => client.on('close', resolve));
  if (code !== 0) throw new Error(`the fetch loop's process exited with ${code}: ${err}`);
  const { cpuSeconds, ...figures } = JSON.parse(out) as LoadFigures & { cpuSeconds: number };
  const serverAfter = processCpuSeconds(service.pid);
  const server = { all: serverAfter.all - serverBefore.all, mainThread: serverAfter.mainThread - serverBefore.mainThread };
  return { ...figures, cpu: cpuPerRequest(server, cpuSeconds, figures.requests) };
}
