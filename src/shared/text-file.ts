/** A file written as text in pieces, each waiting while the stream's buffer is full: memory stays flat whatever the file's size. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export interface TextFile {
  write(text: string): Promise<void>;
  /** Ends the file and waits until it is written. */
  end(): Promise<void>;
}

export function textFile(file: string): TextFile {
  const out = createWriteStream(file);
  return {
    write: (text) => (out.write(text) ? Promise.resolve() : once(out, 'drain').then(() => undefined)),
    end: async () => {
      out.end();
      await finished(out);
    },
  };
}
