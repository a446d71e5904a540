import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../src/apps/cli/progress.ts';

/** A stream that says it is a terminal, as stderr does in an interactive shell, and keeps what is written. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => written.join('') };
}

describe('ingest progress', () => {
  it('draws a bar with rate and ETA on a terminal', async () => {
    const { stream, text } = terminal(true);
    const report = progressReporter(stream);
    report(0, 200);
    await new Promise((resolve) => setTimeout(resolve, 120));
    report(100, 200);
    report(200, 200);
    report.stop();
    expect(text()).toMatch(/ancre: embedding \[[^\]]+\] 200\/200 paragraphs · \d+ paragraphs\/s · ETA/);
  });

  it('writes plain lines when the output is a log', () => {
    const { stream, text } = terminal(false);
    const report = progressReporter(stream);
    report(0, 200);
    report(100, 200);
    report(200, 200);
    report.stop();
    expect(text()).toBe('ancre: embedding 0/200 paragraphs\nancre: embedding 200/200 paragraphs\n');
  });
});
