/**
 * How Transformers.js reads a model's files from this machine: each file
 * read once. Its own reader (`FileResponse`) starts reading a file into a
 * stream when it is made, and is then asked for the file's bytes, which
 * reads it again: a quantized model's network (34 MB for
 * multilingual-e5-small's twin, 118 MB for the model) was read twice on
 * every load. Transformers.js asks a custom cache (`env.customCache`, the
 * Web Cache API's `match` and `put`) for a file before reading it itself;
 * these answer with the file, read once. A file known to be needed can be
 * asked for ahead (`prefetch`): the network's file is then read while
 * Transformers.js builds the tokenizer, rather than after it.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What Transformers.js reads of a cached response when it is not asked to report progress: its bytes. */
interface FileBytes {
  status: 200;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The cache Transformers.js consults (`env.customCache`). */
export interface ModelFiles {
  match(key: string): Promise<FileBytes | undefined>;
  put(key: string, response: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<void>;
  /** Starts reading a model's file (`<model>/<file>`) now, when it is there: the read is handed to the first `match` of it. */
  prefetch(model: string, file: string): void;
}

/**
 * The files of a folder of models (`ANCRE_MODELS_DIR`, the offline model's):
 * Transformers.js asks for each by its path there, and also by its hub URL,
 * which is not answered. A missing file goes Transformers.js's own way, to
 * its "not found"; nothing is ever stored here.
 */
export function localFiles(folder: string): ModelFiles {
  const root = path.resolve(folder) + path.sep;
  const reads = new AheadReads();
  return {
    match: async (key) => (path.isAbsolute(key) && path.resolve(key).startsWith(root) ? readOnce(path.resolve(key), reads) : undefined),
    put: async () => {},
    prefetch: (model, file) => reads.start(path.join(root, model, file)),
  };
}

/**
 * A hub's downloads, kept in `folder` where Transformers.js's own file cache
 * keeps them (`<model>/<file>`, or `<model>/<revision>/<file>` for another
 * revision than main), so that a cache it filled is read as it is.
 * Transformers.js asks for a file by its hub URL, and stores what it
 * downloads under the same URL.
 */
export function hubDownloads(folder: string): ModelFiles {
  const fileOf = (key: string) => {
    const relative = cacheKeyOf(key);
    return relative === null ? null : path.join(folder, relative);
  };
  const reads = new AheadReads();
  return {
    match: async (key) => {
      const file = fileOf(key);
      return file === null ? undefined : readOnce(file, reads);
    },
    // Where the main revision's file is kept (cacheKeyOf).
    prefetch: (model, file) => reads.start(path.join(folder, model, file)),
    put: async (key, response) => {
      const file = fileOf(key);
      if (file === null) return;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
    },
  };
}

/** `<model>/resolve/<revision>/<file>` at the end of a hub URL: where Transformers.js's file cache puts that file. */
const HUB_FILE = /^https?:\/\/[^/]+\/(.+?)\/resolve\/([^/]+)\/(.+)$/;

function cacheKeyOf(url: string): string | null {
  const match = HUB_FILE.exec(url);
  if (!match) return null;
  const [, model, revision, file] = match as unknown as [string, string, string, string];
  const parts = revision === 'main' ? [model, file] : [model, decodeURIComponent(revision), file];
  // A URL is no path: nothing it names may climb out of the cache's folder.
  return parts.some((part) => part.split('/').includes('..')) ? null : path.join(...parts);
}

/** Files whose reading was started ahead, until they are asked for. */
class AheadReads {
  private readonly pending = new Map<string, Promise<Buffer>>();

  start(file: string): void {
    if (this.pending.has(file) || !existsSync(file)) return;
    const reading = readWhole(file);
    // A failed read is reported to whoever asks for the file; until then it is no unhandled rejection.
    reading.catch(() => {});
    this.pending.set(file, reading);
  }

  /** The read started ahead, handed over once (its bytes are not kept here after). */
  take(file: string): Promise<Buffer> | undefined {
    const reading = this.pending.get(file);
    this.pending.delete(file);
    return reading;
  }
}

/**
 * A file read in one request to the file system rather than readFile's
 * chunks of 512 KB, each of which waits for this thread's event loop to ask
 * for the next: a read started ahead then goes on while the thread is busy
 * building the tokenizer.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafeSlow(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return offset === size ? bytes : bytes.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

function readOnce(file: string, reads: AheadReads): FileBytes | undefined {
  if (!existsSync(file)) return undefined;
  return {
    status: 200,
    async arrayBuffer() {
      const bytes = await (reads.take(file) ?? readFile(file));
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      // A file's bytes have their own memory (not copied again) unless Node pooled a small one.
      return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
    },
  };
}
