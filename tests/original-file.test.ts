/** An article's original file, downloaded from its page over HTTP: as indexed, or refused once it changed. */
import { appendFileSync } from 'node:fs';
import { appendFile, copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originalFile } from '../src/apps/serve/original-file.ts';
import { startServer, type RunningServer } from '../src/apps/serve/server.ts';
import { scratchCorpus } from './support/corpus.ts';
import { fixturePipeline } from './support/runtime.ts';

const ELYSEE = '000_204cd760b12bbebc';
const SAISIE = encodeURIComponent('saisie-été');
let dirs: Awaited<ReturnType<typeof scratchCorpus>>;
let server: RunningServer;
let withoutCorpus: RunningServer;

beforeAll(async () => {
  dirs = await scratchCorpus();
  // A Word 97 document beside the text files: its name has an accent, which the download's header must carry.
  await copyFile(path.join(import.meta.dirname, 'fixtures/formats/saisie-libreoffice.doc'), path.join(dirs.corpusDir, 'saisie-été.doc'));
  const pipeline = (await fixturePipeline()).at(dirs);
  await pipeline.ingest();
  const engine = await pipeline.openEngine();
  server = await startServer({ engine, fallback: null, defaultTopK: 5, corpusDir: dirs.corpusDir }, { port: 0, host: '127.0.0.1' });
  withoutCorpus = await startServer({ engine, fallback: null, defaultTopK: 5 }, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
  await withoutCorpus?.close();
});

describe("an article's original file", () => {
  it('is linked from the article page and downloaded as it was indexed, in its media type, never rendered', async () => {
    const page = await (await fetch(`${server.url}/docs/${SAISIE}`)).text();
    expect(page).toContain(`href="/docs/${SAISIE}/original" download>Fichier d’origine : saisie-été.doc</a>`);
    const response = await fetch(`${server.url}/docs/${SAISIE}/original`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/msword');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="saisie-ete.doc"; filename*=UTF-8''saisie-%C3%A9t%C3%A9.doc`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(await readFile(path.join(dirs.corpusDir, 'saisie-été.doc')));
  });

  it('sends the bytes it measured, however the file grows meanwhile, and no more than it announced', async () => {
    const file = path.join(dirs.corpusDir, 'saisie-été.doc');
    const indexed = await readFile(file);
    const original = await originalFile(dirs.corpusDir, (await server.state.engine.document('saisie-été'))!);
    // Grown before the stream has read a byte: its file is opened and read on later turns of the event loop.
    appendFileSync(file, 'Des octets écrits pendant l’envoi.');
    if (!original.found) throw new Error(original.message);
    expect(original.size).toBe(indexed.length);
    expect(Buffer.from(await new Response(original.body).arrayBuffer())).toEqual(indexed);
  });

  it('is refused once the file changed since it was indexed, and when it is gone, with the reason', async () => {
    const file = path.join(dirs.corpusDir, `${ELYSEE}.txt`);
    const served = await fetch(`${server.url}/docs/${ELYSEE}/original`);
    expect(served.status).toBe(200);
    await served.arrayBuffer();
    await appendFile(file, '\nUne phrase ajoutée après l’indexation.');
    const changed = await fetch(`${server.url}/docs/${ELYSEE}/original`);
    expect(changed.status).toBe(409);
    expect(await changed.json()).toEqual({ error: { code: 'original_changed', message: expect.stringContaining(`${ELYSEE}.txt changed since it was indexed`) } });
    await rm(file);
    const gone = await fetch(`${server.url}/docs/${ELYSEE}/original`);
    expect([gone.status, ((await gone.json()) as { error: { message: string } }).error.message]).toEqual([404, `the original file of ${ELYSEE} (${ELYSEE}.txt) is no longer in the corpus folder`]);
  });

  it('is not offered by a service that does not know the corpus folder, nor for an article that does not exist', async () => {
    expect(await (await fetch(`${withoutCorpus.url}/docs/${SAISIE}`)).text()).not.toContain('/original');
    expect((await fetch(`${withoutCorpus.url}/docs/${SAISIE}/original`)).status).toBe(404);
    const unknown = await fetch(`${server.url}/docs/nulle-part/original`);
    expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([404, 'not_found']);
  });
});
