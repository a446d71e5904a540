import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { startServer, type RunningServer } from '../src/apps/serve/server.ts';
import type { Engine } from '../src/pipeline/pipeline.ts';
import { followUpCue } from '../src/stages/4-query/follow-up.ts';
import { fixtureConfig, openFixtureEngine } from './support/runtime.ts';

const EMCO = '002_9a0fa612789b1bfe';
const ELYSEE = '000_204cd760b12bbebc';
const withoutTimings = ({ timings: _t, ...rest }: { timings: unknown }) => rest;

let engine: Engine;
let server: RunningServer;
beforeAll(async () => {
  engine = await openFixtureEngine();
  server = await startServer({ engine, fallback: null, defaultTopK: 5 }, { port: 0, host: '127.0.0.1' });
});
afterAll(() => server.close());

describe('which questions lean on the conversation', () => {
  const cue = async (question: string) => followUpCue(await engine.analyze(question));
  it('reads pronouns, demonstratives, an opening "Et" and a missing subject as leaning on it', async () => {
    expect(await cue('Où est-il basé ?')).toBe('anaphor');
    expect(await cue('Quel est son rôle ?')).toBe('anaphor');
    expect(await cue('Combien de personnes y travaillent ?')).toBe('anaphor');
    expect(await cue("Qu'avait révélé cette affaire ?")).toBe('anaphor');
    expect(await cue('Et à Marseille ?')).toBe('continuation');
    expect(await cue('À quel étage ?')).toBe('no-subject');
  });
  it('reads a question that names its own subject as standing alone, even with an inverted pronoun', async () => {
    expect(await cue("Combien de services l'EMCO regroupe-t-il ?")).toBeNull();
    expect(await cue("Qu'est-ce que le Parquet national anticriminalité organisée ?")).toBeNull();
    expect(await cue("Qui a inauguré l'état-major de lutte contre la criminalité organisée ?")).toBeNull();
  });
});

describe('a question asked with history', () => {
  it('answers a follow-up from the article the conversation cited, and says which turn it was read with', async () => {
    const history = [{ question: "Qu'est-ce que l'EMCO ?", citations: [{ doc: EMCO, paragraph: 3 }] }];
    const alone = await engine.ask('Quelle loi ?', { topK: 5 });
    const followUp = await engine.ask('Quelle loi ?', { topK: 5, history });
    // Alone, the question's one word is matched in both articles, and the answer quotes both.
    expect(new Set(alone.citations.map((citation) => citation.doc))).toEqual(new Set([EMCO, ELYSEE]));
    expect(followUp.answerable).toBe(true);
    expect(followUp.citations.every((citation) => citation.doc === EMCO)).toBe(true);
    expect(followUp.answer).toContain('la loi visant à lutter contre le narcotrafic');
    // The cited paragraph (3) is two from the one that answers (2): its neighbourhood answers first.
    expect(followUp.resolvedWith).toEqual({ turn: 1, terms: ['EMCO'], scope: 'nearby' });
  });

  it('looks through the rest of the cited articles when the cited paragraphs’ neighbourhood does not answer', async () => {
    const history = [{ question: "Qu'en disent les syndicats de police ?", citations: [{ doc: EMCO, paragraph: 7 }] }];
    const result = await engine.ask('Quelle loi ?', { topK: 5, history });
    expect(result.citations[0]).toMatchObject({ doc: EMCO, paragraph: 2 });
    expect(result.resolvedWith?.scope).toBe('cited');
  });

  it('reads a chain of follow-ups back to the turn that named the subject', async () => {
    const history = [
      { question: "Qu'est-ce que l'EMCO ?", citations: [{ doc: EMCO, paragraph: 3 }] },
      { question: 'Où est-il basé ?', citations: [{ doc: EMCO, paragraph: 3 }] },
    ];
    const result = await engine.ask('À quel étage ?', { topK: 5, history });
    expect(result.answer).toContain('neuvième et dernier étage');
    expect(result.resolvedWith?.turn).toBe(2);
    expect(result.resolvedWith?.terms).toEqual(expect.arrayContaining(['basé', 'EMCO']));
  });

  it('declines a topic switch that the conversation does not answer, where the earlier turn alone would have matched', async () => {
    const history = [{ question: "Qui préside la réunion sur le narcotrafic à l'Élysée ?", citations: [{ doc: ELYSEE, paragraph: 1 }] }];
    const result = await engine.ask('Et quel temps fera-t-il demain à Lyon ?', { topK: 5, history });
    expect(result.answerable).toBe(false);
    expect(result.citations).toEqual([]);
    expect(result.resolvedWith).toBeNull();
  });

  it('answers a question that stands on its own exactly as without history', async () => {
    const history = [{ question: "Qui préside la réunion sur le narcotrafic à l'Élysée ?", citations: [{ doc: ELYSEE, paragraph: 1 }] }];
    const question = "Combien de services l'EMCO regroupe-t-il ?";
    const withHistory = await engine.ask(question, { topK: 5, history });
    const alone = await engine.ask(question, { topK: 5 });
    expect(withHistory.resolvedWith).toBeNull();
    const { resolvedWith: _r, ...rest } = withHistory;
    expect(withoutTimings(rest)).toEqual(withoutTimings(alone));
    expect(alone).not.toHaveProperty('resolvedWith');
  });

  it('keeps within the caller’s filter, and reports that filter', async () => {
    const history = [{ question: "Qu'est-ce que l'EMCO ?", citations: [{ doc: EMCO, paragraph: 3 }] }];
    const result = await engine.ask('Quelle loi ?', { topK: 5, history, filter: { exclude: [EMCO] } });
    expect(result.citations.every((citation) => citation.doc !== EMCO)).toBe(true);
    expect(result.filter).toEqual({ exclude: [EMCO] });
  });
});

describe('history over HTTP', () => {
  const ask = (body: unknown) => fetch(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('takes the earlier turns and answers with resolvedWith', async () => {
    const response = await ask({ question: 'Où est-il basé ?', history: [{ question: "Qui a inauguré l'EMCO ?", citations: [{ doc: EMCO, paragraph: 2 }] }] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.answer).toContain('Nanterre');
    expect(body.resolvedWith).toMatchObject({ turn: 1, scope: 'nearby' });
  });

  it.each([
    [{ history: Array.from({ length: 11 }, () => ({ question: 'Qui ?' })) }, 'history may hold at most 10 turns'],
    [{ history: [{ question: '' }] }, 'history[].question must not be empty'],
    [{ history: [{ question: 'Qui ?', citations: [{ doc: EMCO, paragraph: 0 }] }] }, 'paragraph must be at least 1'],
    [{ history: 'Qui ?' }, 'history must be an array of earlier turns'],
  ])('refuses a malformed history with a clear 400 (%j)', async (extra, message) => {
    const response = await ask({ question: 'Où est-il basé ?', ...extra });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain(message);
  });

  it('documents history and resolvedWith in the OpenAPI document', async () => {
    const spec = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(spec.components.schemas.AskRequest.properties.history.maxItems).toBe(10);
    expect(spec.components.schemas.ConversationTurn.properties).toHaveProperty('citations');
    expect(spec.components.schemas.AskResponse.properties).toHaveProperty('resolvedWith');
  });
});

describe('ancre chat', () => {
  it('holds a conversation on standard input, and starts over on /nouvelle', { timeout: 60_000 }, async () => {
    const config = fixtureConfig();
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/ancre.mjs'), 'chat'], {
      env: { ...process.env, ANCRE_CORPUS_DIR: config.corpusDir, ANCRE_INDEX_DIR: config.indexDir, ANCRE_OFFLINE_MODEL_DIR: config.offlineModelDir, ANCRE_MODEL: config.model },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(["Qu'est-ce que l'EMCO ?", 'Quelle loi ?', '/nouvelle', 'Quelle loi ?', ''].join('\n'));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const replies = output.split('— Nouvelle conversation —');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain("(Compris avec votre question « Qu'est-ce que l'EMCO ? »)");
    expect(replies[0]).toContain('la loi visant à lutter contre le narcotrafic');
    expect(replies[1]).not.toContain('Compris avec');
  });
});
