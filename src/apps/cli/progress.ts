/**
 * Progress of the embedding step: a bar with rate and ETA on a terminal
 * (cli-progress), plain lines when the output is a log or CI.
 */
import cliProgress from 'cli-progress';

export type ProgressReporter = ((done: number, total: number) => void) & { stop(): void };

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'ancre: embedding [{bar}] {value}/{total} paragraphs · {rate} paragraphs/s · ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = performance.now();
    let running = false;
    const report = (done: number, total: number) => {
      if (!running) {
        bar.start(total, 0, { rate: '0' });
        running = true;
      }
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toString() : '0' });
    };
    return Object.assign(report, { stop: () => running && bar.stop() });
  }
  let lastLine = 0;
  const report = (done: number, total: number) => {
    const now = performance.now();
    // A line at the start, at the end, and at most one a second in between.
    if (done === 0 || done === total || now - lastLine >= 1000) {
      stream.write(`ancre: embedding ${done}/${total} paragraphs\n`);
      lastLine = now;
    }
  };
  return Object.assign(report, { stop: () => {} });
}
