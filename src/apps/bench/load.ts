/** HTTP load with autocannon, bounded in time, with exact latency percentiles. */
import autocannon from 'autocannon';
import { round as roundTo } from '../../shared/round.ts';

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const round = (x: number) => roundTo(x, 2);

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** POST /ask with the questions `question(i)` gives, from `connections` clients for `seconds`. */
export async function loadAsk(url: string, question: (i: number) => string, options: { connections: number; seconds: number }): Promise<LoadFigures> {
  let counter = 0;
  const latencies: number[] = [];
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon({
    url: `${url}/ask`,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: question(counter++) }) }),
      },
    ],
  }, (error, result) => (error ? fail(error) : finish(result)));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await done;
  return figures(latencies, result.requests.total, result.duration || options.seconds, result.errors + result.timeouts, result.non2xx);
}

function figures(latencies: number[], requests: number, seconds: number, errors: number, non2xx: number): LoadFigures {
  latencies.sort((a, b) => a - b);
  return {
    requests,
    requestsPerSecond: requests / seconds,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors,
    non2xx,
  };
}

/**
 * The same load from a plain Node `fetch` loop per client, as an application
 * calling the service would: the client's own cost then bounds the rate, so
 * it says what a caller sees rather than what the server could do.
 */
export async function loadAskWithFetch(url: string, question: (i: number) => string, options: { connections: number; seconds: number }): Promise<LoadFigures> {
  let counter = 0;
  let errors = 0;
  let non2xx = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const response = await fetch(`${url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: question(counter++) }) });
        await response.arrayBuffer();
        if (!response.ok) non2xx++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  return figures(latencies, latencies.length, (performance.now() - started) / 1000, errors, non2xx);
}
