/**
 * The page assets: the client scripts, written in TypeScript, are bundled
 * once at start-up with esbuild (no build step for the user), and served
 * from memory with the stylesheet.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sourcePath } from '../../shared/project-root.ts';

const CLIENT_DIR = sourcePath('apps/serve/client');

export interface Asset {
  body: string;
  contentType: string;
}

let loading: Promise<Map<string, Asset>> | null = null;

/** The assets, bundled once per process: the service starts this while its model loads, and startServer finds them done. */
export function loadAssets(): Promise<Map<string, Asset>> {
  loading ??= bundleAssets();
  return loading;
}

async function bundleAssets(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: { chat: path.join(CLIENT_DIR, 'chat.ts'), article: path.join(CLIENT_DIR, 'article.ts') },
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    write: false,
    outdir: '/assets',
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    assets.set(`/assets/${path.basename(file.path)}`, { body: file.text, contentType: 'text/javascript; charset=utf-8' });
  }
  assets.set('/assets/style.css', {
    body: await readFile(path.join(CLIENT_DIR, 'style.css'), 'utf8'),
    contentType: 'text/css; charset=utf-8',
  });
  return assets;
}
