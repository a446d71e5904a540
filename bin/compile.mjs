// The compiled start path: the command line bundled by esbuild into ES
// modules under node_modules/.cache/ancre/, one folder per state of src/,
// rebuilt (about 0.5 s, once) whenever a file there changed or packages
// were installed. Starting from it skips tsx's per-module transforms, about
// a third of a second of every command, and of every worker thread's start.
// Packages written in plain JavaScript are bundled too (EXTERNAL lists those
// that stay in node_modules): resolving and reading their hundreds of files
// one by one took about 0.2 s of every start.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const CLIENT = path.join(SRC, 'apps', 'serve', 'client');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'ancre');
/** What npm installed, written by every install. */
const INSTALLED = path.join(ROOT, 'node_modules', '.package-lock.json');
/**
 * Packages loaded from node_modules rather than bundled: native code or files
 * read from beside themselves (the ONNX runtime for Node),
 * requires that depend on what is installed (pg's optional native binding,
 * linkedom's optional canvas), vectra's English model (DEFERRED), pino's transports
 * on their own threads, word lists read only when a pack needs them, the
 * build tools themselves, and what only the bench and tests import.
 */
const EXTERNAL = [
  'onnxruntime-node',
  'onnx-proto',
  'pg',
  'pdfjs-dist',
  'mammoth',
  'word-extractor',
  'jszip',
  'linkedom',
  '@mozilla/readability',
  'pino',
  'an-array-of-french-words',
  'an-array-of-english-words',
  'esbuild',
  'tsx',
  'tsx/*',
  'autocannon',
  '@resvg/resvg-js',
  'playwright-core',
  '@electric-sql/*',
];
/**
 * Packages Transformers.js imports that ancre never runs in Node, bundled as
 * modules of a few bytes: its browser runtime (in Node it runs
 * onnxruntime-node) and its image library, which it wants present at import
 * but calls only to read images, which ancre never does (the stand-in says so
 * if anything ever calls it). Loading the real ones took 0.1 and 0.07 s of
 * every model load.
 */
const UNUSED_IN_NODE = {
  'onnxruntime-web': 'export default null;',
  sharp: "export default function sharp() { throw new Error('ancre reads no images: its bundle leaves out the image library (bin/compile.mjs)'); }",
};
/**
 * An esbuild plugin bundling, in place of each package in `names`, the module `contentsOf(name)`; a require of that
 * name from inside the stand-in itself is the real package's, left in node_modules.
 */
function standIns(namespace, names, contentsOf) {
  const filter = new RegExp(`^(${names.join('|')})$`);
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === namespace ? { path: args.path, external: true } : { path: args.path, namespace }));
      build.onLoad({ filter: /.*/, namespace }, (args) => ({ contents: contentsOf(args.path), loader: 'js' }));
    },
  };
}
const unusedInNode = standIns('unused-in-node', Object.keys(UNUSED_IN_NODE), (name) => UNUSED_IN_NODE[name]);
/**
 * Packages a bundled one requires at its top but uses only in code ancre
 * never runs, bundled as a stand-in that requires the real package from
 * node_modules at its first use, so that nothing changes if it is ever used.
 * vectra's index module requires an English language model (0.1–0.2 s)
 * for its own BM25 search; ancre reads vectra's files and searches them
 * itself, so no command loads the model.
 */
const DEFERRED = ['wink-eng-lite-web-model'];
const deferredStandIn = (name) => `
let real;
const load = () => (real ??= require(${JSON.stringify(name)}));
// __esModule is asked by the requiring module's interop helper at once, and the real module does not set it.
module.exports = new Proxy(Object.create(null), {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`;
const deferred = standIns('deferred', DEFERRED, deferredStandIn);
/** Bundled CommonJS packages call `require`, which an ES module lacks: each output file makes its own. */
const REQUIRE_BANNER = "import { createRequire as __ancreCreateRequire } from 'node:module'; const require = __ancreCreateRequire(import.meta.url);";
/** Bundles of older sources are removed once this old; a process started from one has long loaded it. */
const KEEP_MS = 24 * 3600 * 1000;

/**
 * The state the bundle was built from, hashed: every file under src/ by
 * path, size and modification time; this file (the build's settings); and
 * the installed packages, which npm lists anew in node_modules/.package-lock.json
 * at every install (the bundle holds some of them).
 */
function sourceStamp() {
  const hash = createHash('sha256');
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  for (const file of [...files, fileURLToPath(import.meta.url), INSTALLED]) {
    const { size, mtimeMs } = statSync(file, { throwIfNoEntry: false }) ?? { size: -1, mtimeMs: -1 };
    hash.update(`${path.relative(SRC, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The entry of a bundle built from src/ as it is now, building it when there is none; null when it cannot be built. */
export async function compiledCli() {
  if (process.env.ANCRE_NO_BUNDLE === '1') return null;
  try {
    const stamp = sourceStamp();
    const dir = path.join(CACHE, `cli-${stamp}`);
    const entry = path.join(dir, 'ancre.js');
    if (existsSync(entry)) return entry;
    const { build } = await import('esbuild');
    const tmp = path.join(CACHE, `tmp-${process.pid}-${Date.now()}`);
    await build({
      // The worker threads' modules too, under workers/: src/shared/worker.ts starts them from there.
      entryPoints: {
        ancre: path.join(SRC, 'apps', 'cli', 'ancre.ts'),
        'workers/embed-worker': path.join(SRC, 'stages', '2-embed', 'threaded', 'embed-worker.ts'),
        'workers/vectra-read-worker': path.join(SRC, 'stages', '3-store', 'vectra', 'vectra-read-worker.ts'),
      },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      plugins: [unusedInNode, deferred],
      banner: { js: REQUIRE_BANNER },
      outdir: tmp,
      logLevel: 'silent',
    });
    // The page scripts, for the browser: a service started from this bundle reads them rather than running esbuild
    // (src/apps/serve/assets.ts, with the same settings).
    const client = JSON.parse(readFileSync(path.join(CLIENT, 'bundle.json'), 'utf8'));
    await build({
      ...client.esbuild,
      entryPoints: Object.fromEntries(client.entries.map((name) => [name, path.join(CLIENT, `${name}.ts`)])),
      outdir: path.join(tmp, 'assets'),
      logLevel: 'silent',
    });
    mkdirSync(CACHE, { recursive: true });
    try {
      // Whole or not at all: a folder named by its stamp is complete, and never changed again.
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    pruneOlder(dir);
    return existsSync(entry) ? entry : null;
  } catch {
    // A source that does not compile: tsx will say where.
    return null;
  }
}

function pruneOlder(keep) {
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (dir !== keep && Date.now() - statSync(dir).mtimeMs > KEEP_MS) rmSync(dir, { recursive: true, force: true });
  }
}
