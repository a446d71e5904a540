/**
 * Real traffic's rough edges at once, against a real `ancre serve` process:
 * kept-alive clients asking questions, clients sending 1 MB bodies, slow
 * uploaders trickling theirs, then SIGTERM mid-run. Every valid question
 * sent before the stop is answered, no client sees its connection reset,
 * and the process drains and exits.
 */
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scratchServeProcess } from './support/corpus.ts';

const SECONDS = 6;

/** Kept-alive sockets already given their error listener: one each, not one per request they carry. */
const quietSockets = new WeakSet<Socket>();

function post(url: string, agent: Agent, body: Buffer) {
  return new Promise<number>((resolve, reject) => {
    const req = request(`${url}/ask`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.on('socket', (socket) => {
      if (quietSockets.has(socket)) return;
      quietSockets.add(socket);
      socket.on('error', () => {});
    });
    req.end(body);
  });
}

describe('chaos', () => {
  it('answers every valid question and resets no client through large bodies, slow uploads and a SIGTERM', { timeout: 120_000 }, async () => {
    const service = await scratchServeProcess({
      ANCRE_HEADERS_TIMEOUT_MS: '2000',
      ANCRE_BODY_TIMEOUT_MS: '3000',
      ANCRE_DRAIN_TIMEOUT_MS: '5000',
    });
    const exited = new Promise<number | null>((resolve) => service.child.on('exit', resolve));
    const counts = { valid: 0, answered: 0, large: 0, refused413: 0, refusedConnections: 0, cutUploads: 0, errors: [] as string[] };
    // Once the service stops, new connections are refused: a balancer sends those elsewhere. A reset is a failure.
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') counts.refusedConnections++;
      else counts.errors.push(`${error.code ?? ''} ${error.message}`);
      return 0;
    };
    // A 1 MB body the service refuses unread may meet a closed connection while still being written: that is the refusal.
    const cut = (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? counts.refusedConnections++ : counts.cutUploads++, 0);
    let running = true;
    const asker = async (agent: Agent, i: number) => {
      for (let n = 0; running; n++) {
        if (n > 0 && counts.refusedConnections > 0) await new Promise((resolve) => setTimeout(resolve, 10));
        const status = await post(service.url, agent, Buffer.from(JSON.stringify({ question: `Que signifie Pnaco ? (${i}-${n})` }))).catch(failed);
        if (status === 0) continue;
        counts.valid++;
        if (status === 200) counts.answered++;
      }
    };
    const uploader = async (agent: Agent) => {
      while (running) {
        const status = await post(service.url, agent, Buffer.alloc(1024 * 1024, 'a')).catch(cut);
        if (status === 0) continue;
        counts.large++;
        if (status === 413) counts.refused413++;
      }
    };
    const { port } = new URL(service.url);
    const trickles = [1, 2].map(() => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{'));
      socket.on('error', () => {});
      const timer = setInterval(() => socket.writable && socket.write(' '), 300);
      return { socket, timer };
    });
    const agents = Array.from({ length: 6 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    const clients = [...agents.slice(0, 4).map(asker), ...agents.slice(4).map(uploader)];
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    // Mid-run: the clients keep sending while the service drains and exits.
    service.child.kill('SIGTERM');
    const code = await exited;
    running = false;
    await Promise.all(clients);
    for (const { socket, timer } of trickles) {
      clearInterval(timer);
      socket.destroy();
    }
    for (const agent of agents) agent.destroy();
    console.log(
      `chaos: ${counts.answered}/${counts.valid} valid answered, ${counts.refused413}/${counts.large} large bodies refused with 413, ` +
        `${counts.refusedConnections} connections refused after the stop, ${counts.cutUploads} large uploads cut while writing, ${counts.errors.length} resets or other failures`,
    );
    expect(counts.errors).toEqual([]);
    expect(counts.valid).toBeGreaterThan(50);
    expect(counts.answered).toBe(counts.valid);
    expect(counts.refused413).toBe(counts.large);
    expect(code).toBe(0);
  });
});
