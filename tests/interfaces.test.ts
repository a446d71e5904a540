import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../src/apps/config.ts';
import { ConfigError } from '../src/contracts/errors.ts';
import { bundleScripts } from '../src/apps/serve/assets.ts';
import { createLogger } from '../src/apps/serve/log.ts';
import { startServer, type RunningServer } from '../src/apps/serve/server.ts';
import { fixtureConfig, fixturePipeline } from './support/runtime.ts';
import { indexedScratchCorpus, scratchReindexer } from './support/corpus.ts';

import { EXIT } from '../src/apps/cli/exit-codes.ts';
import { tempDir } from './support/temp.ts';

function runCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const config = fixtureConfig();
    const child = spawn(path.join(PROJECT_ROOT, 'bin/ancre.mjs'), args, {
      env: {
        ...process.env,
        ANCRE_MODEL: 'ancre-offline',
        ANCRE_OFFLINE_MODEL_DIR: config.offlineModelDir,
        ANCRE_CORPUS_DIR: config.corpusDir,
        ANCRE_INDEX_DIR: config.indexDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('OpenAPI', () => {
  let server: RunningServer;
  const logs = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n').map((l) => JSON.parse(l))));
  const TOKEN = 'an-admin-token-for-tests';

  beforeAll(async () => {
    // Its own corpus and index: a re-index must not swap the index other test files read.
    const scratch = await indexedScratchCorpus(await fixturePipeline());
    const reindexer = scratchReindexer(scratch.pipeline, (next) => {
      server.state.engine = next;
    });
    const engine = scratch.engine;
    server = await startServer(
      { engine, fallback: null, defaultTopK: 5, adminToken: TOKEN, reindexer, logger: createLogger('info', logs) },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(() => server?.close());

  it('describes every route, and real responses validate against it', async () => {
    const document = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/', '/admin/reindex', '/ask', '/assets/{file}', '/docs/{doc}', '/docs/{doc}/original', '/health', '/openapi.json']);

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'https://ancre.local/openapi', components: document.components });
    const check = async (method: string, route: string, response: Response) => {
      const spec = document.paths[route][method].responses[String(response.status)];
      expect(spec, `${method} ${route} ${response.status} is documented`).toBeDefined();
      const schema = spec.content['application/json'].schema;
      const resolved = schema.$ref ? { $ref: `https://ancre.local/openapi${schema.$ref}` } : schema;
      const body = await response.json();
      const valid = ajv.validate(resolved, body);
      expect(ajv.errors ?? [], `${method} ${route} ${response.status}`).toEqual([]);
      expect(valid).toBe(true);
      return body;
    };
    const ask = (body: string, type = 'application/json') =>
      fetch(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': type }, body });

    const answered = await check('post', '/ask', await ask(JSON.stringify({ question: 'Que signifie Pnaco ?' })));
    expect(answered.answerable).toBe(true);
    const abstained = await check('post', '/ask', await ask(JSON.stringify({ question: 'Recette de la ratatouille ?', topK: 2, mode: 'dense' })));
    expect(abstained.answerable).toBe(false);
    await check('post', '/ask', await ask('{oops'));
    await check('post', '/ask', await ask(JSON.stringify({ question: '' })));
    await check('post', '/ask', await ask('question', 'text/plain'));
    await check('post', '/ask', await ask(JSON.stringify({ question: 'x'.repeat(70_000) })));
    await check('get', '/health', await fetch(`${server.url}/health`));
    await check('post', '/ask', await fetch(`${server.url}/ask`));
    await check('get', '/assets/{file}', await fetch(`${server.url}/assets/nope.js`));
    await check('get', '/docs/{doc}/original', await fetch(`${server.url}/docs/nulle-part/original`));
    await check('post', '/admin/reindex', await fetch(`${server.url}/admin/reindex`, { method: 'POST' }));
    const reindexed = await check(
      'post',
      '/admin/reindex',
      await fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }),
    );
    expect(reindexed.report.unchanged).toHaveLength(2);
  });

  it('logs one JSON line per request, without the question at the default level', async () => {
    lines.length = 0;
    await fetch(`${server.url}/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Que signifie Pnaco ?' }),
    });
    await fetch(`${server.url}/health`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ level: 30, method: 'POST', path: '/ask', status: 200, answerable: true });
    expect(typeof requests[0]!.ms).toBe('number');
    expect(requests[1]).toMatchObject({ method: 'GET', path: '/health', status: 200 });
    expect(JSON.stringify(lines)).not.toContain('signifie');
  });
});

describe('the command line', () => {
  it('answers a question on the seed corpus, readable in a terminal', async () => {
    const { code, stdout } = await runCli(['ask', "Combien de services l'EMCO regroupe-t-il ?"]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/douze services.*\[1\]/);
    expect(stdout).toMatch(/Sources :\n {2}\[1\] Narcotrafic : qu'est-ce que l'état-major.* — § 3 \(002_9a0fa612789b1bfe\)/);
  });

  it('prints the /ask body with --json and says "no answer" with exit code 3', async () => {
    const json = await runCli(['ask', '--json', '--top-k', '2', '--mode', 'lexical', 'Que signifie Pnaco ?']);
    expect(json.code).toBe(EXIT.ok);
    const body = JSON.parse(json.stdout);
    expect(body).toMatchObject({ answerable: true, mode: 'lexical' });
    // Lexical retrieval offers only paragraphs that share a term with the question.
    expect(body.passages.length).toBeGreaterThan(0);
    expect(body.passages.length).toBeLessThanOrEqual(2);
    const none = await runCli(['ask', 'Quelle est la capitale de l’Australie ?']);
    expect(none.code).toBe(EXIT.noAnswer);
    expect(none.stdout.trim()).toBe('Je ne trouve pas de réponse à cette question dans les articles indexés.');
    // In another language than the articles: told which to ask in.
    const english = await runCli(['ask', 'Who heads the EMCO?']);
    expect(english.code).toBe(EXIT.noAnswer);
    expect(english.stdout).toContain('posez-la en français');
    const withoutItsArticle = await runCli(['ask', '--json', '--exclude', '002_9a0fa612789b1bfe', "Combien de services l'EMCO regroupe-t-il ?"]);
    expect(withoutItsArticle.code).toBe(EXIT.noAnswer);
    const filtered = JSON.parse(withoutItsArticle.stdout);
    expect(filtered.filter).toEqual({ exclude: ['002_9a0fa612789b1bfe'] });
    expect(filtered.passages.every((p: { doc: string }) => p.doc !== '002_9a0fa612789b1bfe')).toBe(true);
  });

  it('says in one line, with what to do, when the system refuses a folder', async () => {
    // A file where a folder should be: refused even to root, unlike permissions.
    const file = path.join(await tempDir('not-a-folder'), 'file');
    await writeFile(file, 'not a folder');
    const { code, stderr } = await runCli(['ingest'], { ANCRE_INDEX_DIR: path.join(file, 'index') });
    expect(code).toBe(EXIT.failure);
    expect(stderr.trim().split('\n').at(-1)).toBe(
      `ancre: cannot mkdir ${path.join(file, 'index')}: a part of the path is a file, not a folder: check ANCRE_INDEX_DIR and ANCRE_CORPUS_DIR`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a wrong command line, with help', async () => {
    const { code, stderr } = await runCli(['ask', '--top-k', '0', 'x']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/must be a whole number from 1 to 20/);
    expect((await runCli(['frobnicate'])).code).toBe(EXIT.usage);
    // An empty question is a mistake on the command line, not a question without an answer (exit 3).
    const empty = await runCli(['ask', '  ']);
    expect(empty.code).toBe(EXIT.usage);
    expect(empty.stderr).toMatch(/question must not be empty/);
    const help = await runCli(['ingest', '--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toMatch(/--full/);
  });

  it('evaluates with stage options given as JSON, and names an option that does not exist', async () => {
    const evalArgs = ['eval', '--json', '--mode', 'hybrid', '--no-leave-gold-out'];
    const report = JSON.parse((await runCli(evalArgs)).stdout);
    const inUse = report.results.hybrid;
    // Beside plain BM25, question by question: the gain and its interval, which holds it.
    const gain = report.gainOverPlainBm25.hybrid;
    expect(gain.difference).toBeCloseTo(inUse.passageHitAt1 - report.baseline.passageHitAt1, 10);
    expect(gain.interval.low).toBeLessThanOrEqual(gain.difference);
    expect(gain.interval.high).toBeGreaterThanOrEqual(gain.difference);
    expect(inUse.intervals.passageHitAt1.low).toBeLessThanOrEqual(inUse.passageHitAt1);
    const oneSentence = JSON.parse((await runCli([...evalArgs, '--options', '{"answer":{"selection":{"maxSentences":1}}}'])).stdout).results.hybrid;
    // One sentence an answer quotes fewer words; retrieval is untouched.
    expect(oneSentence.meanAnswerWords).toBeLessThan(inUse.meanAnswerWords);
    expect(oneSentence.passageHitAt1).toBe(inUse.passageHitAt1);
    // The same, as a comparison on the same questions: no difference in retrieval, to the interval; fewer words.
    const compared = JSON.parse((await runCli([...evalArgs, '--compare', '{"answer":{"selection":{"maxSentences":1}}}'])).stdout).comparison.hybrid;
    expect(compared.passageHitAt1).toEqual({ base: inUse.passageHitAt1, other: inUse.passageHitAt1, difference: 0, interval: { low: 0, high: 0 } });
    expect(compared.meanAnswerWords.difference).toBeCloseTo(oneSentence.meanAnswerWords - inUse.meanAnswerWords, 10);
    // --compare is laid over --options knob by knob: the one-sentence selection stays when only the abstention is compared.
    const layered = JSON.parse(
      (await runCli([...evalArgs, '--options', '{"answer":{"selection":{"maxSentences":1}}}', '--compare', '{"answer":{"abstention":{"minCoverage":0.35}}}'])).stdout,
    ).comparison.hybrid;
    expect(layered.meanAnswerWords).toEqual({ base: oneSentence.meanAnswerWords, other: oneSentence.meanAnswerWords, difference: 0, interval: null });
    // Against a report written before: here the one-sentence run's, so the run in use finds the words it quotes more.
    const saved = path.join(await tempDir('report'), 'before.json');
    await writeFile(saved, (await runCli([...evalArgs, '--options', '{"answer":{"selection":{"maxSentences":1}}}'])).stdout);
    const against = JSON.parse((await runCli([...evalArgs, '--against', saved])).stdout).comparison.hybrid;
    expect(against.meanAnswerWords).toMatchObject({ base: oneSentence.meanAnswerWords, other: inUse.meanAnswerWords });
    expect(against.passageHitAt1.interval).toEqual({ low: 0, high: 0 });
    const otherFile = await runCli(['eval', path.join(PROJECT_ROOT, 'tests', 'fixtures', 'questions.jsonl'), '--mode', 'hybrid', '--against', saved]);
    expect(otherFile.code).toBe(EXIT.failure);
    expect(otherFile.stderr).toMatch(/^ancre: --against: the report asked other questions than this file \(\d+ against 44; first difference at row 1\)/);
    expect((await runCli([...evalArgs, '--compare', '{"answer":{"selection":{"maxSentence":1}}}'])).stderr).toMatch(/^ancre: --compare: options\.answer\.selection\.maxSentence is not an option/);
    const unknown = await runCli([...evalArgs, '--options', '{"answer":{"selection":{"maxSentence":1}}}']);
    expect(unknown.code).toBe(EXIT.failure);
    expect(unknown.stderr.trim()).toBe(
      'ancre: --options: options.answer.selection.maxSentence is not an option (options.answer.selection has companionRatio, maxSentences, neighbourDistance, continuation)',
    );
    const notJson = await runCli([...evalArgs, '--options', '{answer}']);
    expect(notJson.code).toBe(EXIT.usage);
    expect(notJson.stderr).toMatch(/must be JSON/);
  });

  it('refuses a bad configuration value, naming the variable, with no stack trace', async () => {
    const { code, stderr } = await runCli(['serve'], { PORT: '99999' });
    expect(code).toBe(EXIT.failure);
    expect(stderr.trim()).toBe('ancre: invalid configuration: PORT (--port) must be at most 65535');
    const flag = await runCli(['serve', '--port', 'eighty']);
    expect(flag.stderr).toMatch(/PORT \(--port\) must be a number/);
  });
});

describe('the compiled start path', () => {
  it('starts from a bundle built from src/ as it is, and answers exactly as the TypeScript sources do', async () => {
    const question = ['ask', '--json', "Combien de services l'EMCO regroupe-t-il ?"];
    const compiled = await runCli(question);
    const sources = await runCli(question, { ANCRE_NO_BUNDLE: '1' });
    expect(compiled.code).toBe(EXIT.ok);
    const answer = (output: string) => {
      const { timings: _timings, ...rest } = JSON.parse(output) as Record<string, unknown>;
      return rest;
    };
    expect(answer(compiled.stdout)).toEqual(answer(sources.stdout));
    const { compiledCli } = (await import(path.join(PROJECT_ROOT, 'bin', 'compile.mjs'))) as { compiledCli: () => Promise<string | null> };
    const entry = await compiledCli();
    // Named by the state of src/: the bundle the command above started from.
    expect(entry).toMatch(/node_modules\/\.cache\/ancre\/cli-[0-9a-f]{16}\/ancre\.js$/);
    expect(await compiledCli()).toBe(entry);
    // With the worker threads' modules, which start from there without tsx.
    for (const worker of ['embed-worker', 'vectra-read-worker']) expect(existsSync(path.join(path.dirname(entry!), 'workers', `${worker}.js`))).toBe(true);
    // And the page scripts, which its service reads rather than bundling them at start: what the sources bundle.
    const scripts = await bundleScripts();
    expect([...scripts.keys()].sort()).toEqual(['article', 'chat']);
    for (const [name, body] of scripts) expect(readFileSync(path.join(path.dirname(entry!), 'assets', `${name}.js`), 'utf8')).toBe(body);
  });

  it('bundles vectra with its English model loaded only when used, and then searching as vectra does', async () => {
    const { compiledCli } = (await import(path.join(PROJECT_ROOT, 'bin', 'compile.mjs'))) as { compiledCli: () => Promise<string | null> };
    const bundleDir = path.dirname((await compiledCli())!);
    const chunk = readdirSync(bundleDir).find((name) => /^LocalIndex-\w+\.js$/.test(name));
    type Index = { createIndex(): Promise<void>; insertItem(item: object): Promise<unknown>; queryItems(...args: unknown[]): Promise<{ item: { id: string; metadata: { isBm25?: boolean } }; score: number }[]> };
    type IndexModule = { LocalIndex: new (folder: string) => Index };
    const chunkUrl = pathToFileURL(path.join(bundleDir, chunk!)).href;
    // Importing the bundled module loads no English model: asked in a process of its own, which nothing else loaded.
    const modelLoaded = `import { createRequire } from 'node:module'; await import(${JSON.stringify(chunkUrl)});
      console.log(Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('wink-eng-lite-web-model')));`;
    expect(spawnSync(process.execPath, ['--input-type=module', '-e', modelLoaded], { encoding: 'utf8' }).stdout.trim()).toBe('false');
    const bundled = ((await import(chunkUrl)) as { default: IndexModule }).default;
    const installed = (await import('vectra/lib/LocalIndex.js')) as unknown as IndexModule;
    // vectra's own BM25 search reads each item's text from <documentId>.txt, and needs three documents besides the vector's top one.
    const folder = await tempDir('vectra-bm25');
    const texts = [
      'The harbour police seized cocaine.',
      'Customs officers searched the ships.',
      'The prosecutor opened an inquiry into the cartel.',
      'Judges heard the smugglers in court.',
      'The minister visited the new headquarters.',
    ];
    await new installed.LocalIndex(folder).createIndex();
    const writer = new installed.LocalIndex(folder);
    for (const [i, text] of texts.entries()) {
      await writeFile(path.join(folder, `d${i}.txt`), text);
      await writer.insertItem({ id: `p${i}`, vector: [1, i, 0], metadata: { documentId: `d${i}`, startPos: 0, endPos: text.length - 1 } });
    }
    const search = (module: IndexModule) => new module.LocalIndex(folder).queryItems([0, 1, 0], 'cocaine seized by police', 1, undefined, true);
    const expected = await search(installed);
    // The vector's top item is the last one; the words' is the first, found by the English model's stems.
    expect(expected.map((result) => [result.item.id, result.item.metadata.isBm25 ?? false])).toEqual([['p4', false], ['p0', true]]);
    expect(await search(bundled)).toEqual(expected);
  });
});

describe('configuration', () => {
  it('reads defaults, environment and flags, flags last', () => {
    const config = loadConfig({ PORT: '8080', ANCRE_CORS_ORIGINS: 'https://a.example, https://b.example' }, { PORT: '9090' });
    expect(config.port).toBe(9090);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.rateLimitPerMinute).toBe(0);
    expect(loadConfig({}).defaultTopK).toBe(5);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ ANCRE_TOP_K: '0', ANCRE_ADMIN_TOKEN: 'short', ANCRE_WATCH: 'yes' })).toThrow(ConfigError);
    let thrown: unknown = null;
    try {
      loadConfig({ ANCRE_TOP_K: '0', ANCRE_ADMIN_TOKEN: 'short', ANCRE_LOG_LEVEL: 'loud', ANCRE_CORS_ORIGINS: 'not an origin' });
    } catch (error) {
      thrown = error;
    }
    // Asserted outside the catch: a configuration that did not throw fails here.
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as Error).message;
    expect(message).toContain('ANCRE_TOP_K must be at least 1');
    expect(message).toContain('ANCRE_ADMIN_TOKEN must be at least 16 characters');
    expect(message).toContain('ANCRE_LOG_LEVEL must be one of');
    expect(message).toContain('ANCRE_CORS_ORIGINS must be a comma-separated list of origins');
  });
});
