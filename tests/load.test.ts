/**
 * A bounded load test on loopback: 16 clients for LOAD_SECONDS (30 by
 * default) send a mix of valid and invalid requests to a real `ancre serve`
 * process, its heap capped. No 5xx, no failed valid request, and a
 * resident memory that stops growing.
 */
import { describe, expect, it } from 'vitest';
import { scratchServeProcess } from './support/corpus.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CLIENTS = 16;

const VALID = [
  "Combien de services l'EMCO regroupe-t-il ?",
  'Que signifie Pnaco ?',
  'Qui est Amine Kessaci ?',
  'Quel temps fera-t-il demain à Lyon ?',
  'What is the new prosecutor’s office meant to harmonise?',
  'Où est basé l’EMCO ?',
];
const INVALID: { body: string; type?: string }[] = [
  { body: '{"question": ' },
  { body: '{"question": ""}' },
  { body: '{"question": 12}' },
  { body: '[1, 2, 3]' },
  { body: '{"question": "Qui ?", "topK": 99}' },
  { body: 'question=Qui', type: 'application/x-www-form-urlencoded' },
];

describe('load', () => {
  it(`stays correct and bounded under ${CLIENTS} clients for ${SECONDS} s of mixed traffic`, { timeout: (SECONDS + 60) * 1000 }, async () => {
    // A capped heap: V8 otherwise grows its heap lazily under load (300 → 500 MB in 90 s, flat at 267 MB with
    // this cap), which is not a leak; a leak exhausts the cap instead and shows as failed requests.
    const service = await scratchServeProcess({ NODE_OPTIONS: '--max-old-space-size=256' });
    const { url } = service;
    try {
      const counts = { valid: 0, validOk: 0, invalid: 0, invalid4xx: 0, server5xx: 0, failures: 0 };
      const memory: number[] = [];
      const end = Date.now() + SECONDS * 1000;
      const sampler = setInterval(() => memory.push(service.residentMegabytes()), 1000);
      let n = 0;
      const client = async () => {
        while (Date.now() < end) {
          const i = n++;
          const valid = i % 10 < 7;
          const request = valid ? { body: JSON.stringify({ question: VALID[i % VALID.length] }), type: 'application/json' } : INVALID[i % INVALID.length]!;
          try {
            const response = await fetch(`${url}/ask`, { method: 'POST', headers: { 'content-type': request.type ?? 'application/json' }, body: request.body });
            await response.arrayBuffer();
            if (response.status >= 500) counts.server5xx++;
            if (valid) {
              counts.valid++;
              if (response.status === 200) counts.validOk++;
            } else {
              counts.invalid++;
              if (response.status >= 400 && response.status < 500) counts.invalid4xx++;
            }
          } catch {
            counts.failures++;
          }
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, client));
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const third = Math.floor(memory.length / 3);
      const settled = memory.slice(third);
      const growth = Math.max(...settled) - settled[0]!;
      console.log(
        `load: ${counts.valid + counts.invalid} requests in ${seconds.toFixed(1)} s (${((counts.valid + counts.invalid) / seconds).toFixed(0)}/s), ` +
          `${counts.validOk}/${counts.valid} valid answered, ${counts.invalid4xx}/${counts.invalid} invalid refused with 4xx, ${counts.server5xx} 5xx, ` +
          `${counts.failures} transport failures; RSS ${memory[0]?.toFixed(0)} → ${memory.at(-1)?.toFixed(0)} MB, ${growth.toFixed(1)} MB growth after warm-up`,
      );
      expect(counts.server5xx).toBe(0);
      expect(counts.failures).toBe(0);
      expect(counts.validOk).toBe(counts.valid);
      expect(counts.invalid4xx).toBe(counts.invalid);
      expect(counts.valid).toBeGreaterThan(100);
      expect(growth).toBeLessThan(64);
    } finally {
      await service.stop();
    }
  });
});

describe('a service process the tests started', () => {
  it('is stopped at once when it already exited: a crashed service must not hang the test that tidies up after it', async () => {
    const service = await scratchServeProcess();
    const exited = new Promise((resolve) => service.child.once('exit', resolve));
    service.child.kill('SIGKILL');
    await exited;
    const stopped = await Promise.race([service.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(resolve, 5000, 'still waiting'))]);
    expect(stopped).toBe('stopped');
  });
});
