/**
 * The page assets: the client scripts, written in TypeScript, bundled for
 * the browser with esbuild (no build step for the user), and served from
 * memory with the stylesheet. From the command line's bundle, they were
 * bundled with it (bin/compile.mjs) and are read; from the sources, they are
 * bundled once at start-up.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compiledFile } from '../../shared/compiled.ts';
import { sourcePath } from '../../shared/project-root.ts';

const CLIENT_DIR = sourcePath('apps/serve/client');

export interface Asset {
  body: string;
  contentType: string;
}

/** The page scripts' names and esbuild settings, shared with bin/compile.mjs. */
interface ClientBundle {
  entries: string[];
  esbuild: { bundle: boolean; format: 'esm'; target: string; minify: boolean };
}

/** Files served as they are written: the stylesheet, and the pages' icon (without one, every browser asks for /favicon.ico and logs a 404). */
const STATIC_FILES = [
  ['style.css', 'text/css; charset=utf-8'],
  ['icon.svg', 'image/svg+xml'],
] as const;

let loading: Promise<Map<string, Asset>> | null = null;

/** The assets, loaded once per process: the service starts this while its model loads, and startServer finds them done. */
export function loadAssets(): Promise<Map<string, Asset>> {
  loading ??= readAssets();
  return loading;
}

async function readAssets(): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  const prebuilt = compiledFile('assets');
  const scripts = prebuilt ? await readScripts(prebuilt) : await bundleScripts();
  for (const [name, body] of scripts) assets.set(`/assets/${name}.js`, { body, contentType: 'text/javascript; charset=utf-8' });
  for (const [name, contentType] of STATIC_FILES) {
    assets.set(`/assets/${name}`, { body: await readFile(path.join(CLIENT_DIR, name), 'utf8'), contentType });
  }
  return assets;
}

async function clientBundle(): Promise<ClientBundle> {
  return JSON.parse(await readFile(path.join(CLIENT_DIR, 'bundle.json'), 'utf8')) as ClientBundle;
}

/** The scripts the command line's bundle holds, by name. */
async function readScripts(dir: string): Promise<Map<string, string>> {
  const { entries } = await clientBundle();
  return new Map(await Promise.all(entries.map(async (name) => [name, await readFile(path.join(dir, `${name}.js`), 'utf8')] as const)));
}

/** The scripts bundled now, by name: esbuild is loaded only here. */
export async function bundleScripts(): Promise<Map<string, string>> {
  const [{ build }, { entries, esbuild }] = await Promise.all([import('esbuild'), clientBundle()]);
  const result = await build({
    ...esbuild,
    entryPoints: Object.fromEntries(entries.map((name) => [name, path.join(CLIENT_DIR, `${name}.ts`)])),
    write: false,
    outdir: '/assets',
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [path.basename(file.path, '.js'), file.text]));
}
