/**
 * How Transformers.js reads a model's files from a folder on this machine:
 * each file read once. Its own reader (`FileResponse`) starts reading a
 * file into a stream when it is made, and is then asked for the file's
 * bytes, which reads it again: a quantized model's ONNX file (34 MB for
 * multilingual-e5-small) was read twice on every load. Transformers.js asks
 * a custom cache (`env.customCache`, the Web Cache API's `match` and `put`)
 * for a file's local path before reading the file itself; this one answers
 * with the file, read once.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** What Transformers.js reads of a cached response when it is not asked to report progress: its bytes. */
interface FileBytes {
  status: 200;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The cache Transformers.js consults (`env.customCache`): files under `folder`, each read once. */
export interface LocalFiles {
  match(key: string): Promise<FileBytes | undefined>;
  put(key: string, response: unknown): Promise<void>;
}

export function localFiles(folder: string): LocalFiles {
  const root = path.resolve(folder) + path.sep;
  return {
    async match(key) {
      // Transformers.js also asks for the hub's URL of the file: only paths in the folder are answered, and only
      // files that exist (a missing one then goes Transformers.js's own way, to its "not found").
      const file = path.resolve(key);
      if (!path.isAbsolute(key) || !file.startsWith(root) || !existsSync(file)) return undefined;
      return {
        status: 200,
        async arrayBuffer() {
          const bytes = await readFile(file);
          const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
          // A file's bytes have their own memory (not copied again) unless Node pooled a small one.
          return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
        },
      };
    },
    // Nothing is downloaded into a local folder: Transformers.js stores only what it fetched from a hub.
    async put() {},
  };
}
