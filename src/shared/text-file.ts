/** A file written as text in pieces, each waiting while the stream's buffer is full: memory stays flat whatever the file's size. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export interface TextFile {
  write(text: string): Promise<void>;
  /** The characters (UTF-16 code units, as a string read back from the file counts them) written so far. */
  readonly chars: number;
  /** Ends the file and waits until it is written. */
  end(): Promise<void>;
}

export function textFile(file: string): TextFile {
  const out = createWriteStream(file);
  let chars = 0;
  return {
    write: (text) => ((chars += text.length), out.write(text) ? Promise.resolve() : once(out, 'drain').then(() => undefined)),
    get chars() {
      return chars;
    },
    end: async () => {
      out.end();
      await finished(out);
    },
  };
}
