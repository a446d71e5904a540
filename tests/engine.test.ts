import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { CORPUS_LANGUAGE } from '../src/lang/index.ts';
import type { Engine } from '../src/pipeline/pipeline.ts';
import { evaluate, readQuestions } from '../src/apps/eval/evaluate.ts';
import { openFixtureEngine } from './support/runtime.ts';

let engine: Engine;
const NO_ANSWER = CORPUS_LANGUAGE.messages.noAnswer;
beforeAll(async () => {
  engine = await openFixtureEngine();
});

describe('the answer engine on the seed articles (offline model, real pipeline)', () => {
  it('answers with the verbatim sentence and cites its paragraph', async () => {
    const result = await engine.ask("Combien de services l'EMCO regroupe-t-il ?", { topK: 5 });
    expect(result.answerable).toBe(true);
    const [first] = result.citations;
    expect(first).toMatchObject({ n: 1, doc: '002_9a0fa612789b1bfe', paragraph: 3 });
    expect(first!.quote).toContain('douze services');
    expect(first!.text).toContain(first!.quote);
    expect(first!.title).toMatch(/^Narcotrafic : qu'est-ce que l'état-major/);
    expect(result.answer).toBe(`${first!.quote} [1]`);
    expect(result.passages).toHaveLength(5);
  });

  it('quotes only text found in the corpus, each quote followed by its marker', async () => {
    for (const question of ['Que signifie Pnaco ?', 'Qui est Amine Kessaci ?', 'What is the new prosecutor\'s office meant to harmonise?']) {
      const result = await engine.ask(question, { topK: 5 });
      expect(result.answerable).toBe(true);
      let rest = result.answer;
      for (const citation of result.citations) {
        const quoted = `${citation.quote} [${citation.n}]`;
        expect(rest.startsWith(quoted)).toBe(true);
        rest = rest.slice(quoted.length).trimStart();
        const paragraph = (await engine.document(citation.doc))!.paragraphs[citation.paragraph - 1]!;
        expect(paragraph.text).toBe(citation.text);
        expect(paragraph.text.slice(citation.start, citation.end)).toBe(citation.quote);
      }
      expect(rest).toBe('');
    }
  });

  it('says so instead of quoting noise when the articles hold no answer', async () => {
    for (const question of ['Quel temps fera-t-il demain à Lyon ?', 'Comment installer Linux sur un ordinateur portable ?', 'Recette de la tarte aux pommes']) {
      const result = await engine.ask(question, { topK: 5 });
      expect(result.answerable).toBe(false);
      expect(result.answer).toBe(NO_ANSWER);
      expect(result.citations).toEqual([]);
    }
  });

  it('returns as many passages as asked, best first, in every retrieval mode', async () => {
    for (const mode of ['hybrid', 'dense', 'lexical'] as const) {
      const result = await engine.ask('Où est installé l’EMCO ?', { topK: 3, mode });
      expect(result.mode).toBe(mode);
      expect(result.passages.length).toBeLessThanOrEqual(3);
      expect(result.passages.length).toBeGreaterThan(0);
    }
    const dense = await engine.ask('Où est installé l’EMCO ?', { topK: 8, mode: 'dense' });
    const scores = dense.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers only from the articles a filter allows', async () => {
    const question = "Combien de services l'EMCO regroupe-t-il ?";
    const excluded = await engine.ask(question, { topK: 5, filter: { exclude: ['002_9a0fa612789b1bfe'] } });
    expect(excluded.passages.every((p) => p.doc !== '002_9a0fa612789b1bfe')).toBe(true);
    expect(excluded.passages.length).toBeGreaterThan(0);
    expect(excluded.answerable).toBe(false);
    expect(excluded.filter).toEqual({ exclude: ['002_9a0fa612789b1bfe'] });
    for (const mode of ['hybrid', 'dense', 'lexical'] as const) {
      const included = await engine.ask(question, { topK: 8, mode, filter: { include: ['000_204cd760b12bbebc'] } });
      expect(included.passages.length, mode).toBeGreaterThan(0);
      expect(included.passages.every((p) => p.doc === '000_204cd760b12bbebc'), mode).toBe(true);
    }
    const nothing = await engine.ask(question, { topK: 5, filter: { include: ['no-such-article'] } });
    expect(nothing).toMatchObject({ answerable: false, passages: [], citations: [] });
    expect(await engine.filterWarnings({ include: ['no-such-article', '000_204cd760b12bbebc'] })).toEqual(['filter.include names an id no indexed article has: no-such-article']);
    expect(await engine.filterWarnings({ exclude: ['002_9a0fa612789b1bfe'] })).toEqual([]);
    expect(await engine.filterWarnings(undefined)).toEqual([]);
    const many = Array.from({ length: 12 }, (_, i) => `gone-${i}`);
    expect(await engine.filterWarnings({ exclude: many })).toEqual([`filter.exclude names ids no indexed article has: ${many.slice(0, 10).join(', ')} and 2 more`]);
    expect(await engine.filterWarnings({ include: [] })).toEqual(['filter.include is empty: no article may answer']);
    expect(await engine.filterWarnings({ exclude: [] })).toEqual([]);
    // Both sides at once, each its own warning; an id repeated is named once.
    expect(await engine.filterWarnings({ include: ['typo', 'typo', '000_204cd760b12bbebc'], exclude: ['gone', 'typo'] })).toEqual([
      'filter.include names an id no indexed article has: typo',
      'filter.exclude names ids no indexed article has: gone, typo',
    ]);
  });

  it('scores passages against gold paragraphs and declines when the gold article is left out', async () => {
    const doc = '002_9a0fa612789b1bfe';
    const gold = (await engine.document(doc))!.paragraphs[2]!;
    const questions = [{ id: 'g1', question: "Combien de services l'EMCO regroupe-t-il ?", expect: 'answer' as const, key: 'douze services', doc, paragraph_text: gold.text }];
    const summary = await evaluate(questions, (q, filter) => engine.ask(q, { topK: 5, filter }));
    expect(summary).toMatchObject({ passageHitAt1: 1, citationHitAt1: 1, keyInAnswer: 1, answered: 1, leaveGoldOutDeclined: 1 });
    // One question, one article: every resample is that question, so each interval is the figure itself.
    expect(summary.intervals).toEqual(Object.fromEntries(['passageHitAt1', 'citationHitAt1', 'keyInAnswer', 'answered', 'leaveGoldOutDeclined'].map((k) => [k, { low: 1, high: 1 }])));
    // The quoted words, markers aside: the answer is the sentence about the twelve services, quoted whole.
    const answer = (await engine.ask(questions[0]!.question, { topK: 5 })).answer;
    expect(summary.meanAnswerWords).toBe(answer.replace(/\[\d+\]/g, '').trim().split(/\s+/).length);
    expect(summary.meanAnswerWords).toBeGreaterThan(10);
    const wrongGold = await evaluate([{ ...questions[0]!, paragraph_text: (await engine.document(doc))!.paragraphs[0]!.text }], (q, filter) => engine.ask(q, { topK: 5, filter }));
    expect(wrongGold.passageHitAt1).toBe(0);
  });

  const devSet = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');
  it.runIf(existsSync(devSet))('meets the quality bar on the shared dev set', async () => {
    const summary = await evaluate(await readQuestions(devSet), (q) => engine.ask(q, { topK: 5 }));
    expect(summary.hitAt1).toBe(1);
    expect(summary.keyInAnswer).toBeGreaterThanOrEqual(0.9);
    expect(summary.abstentionAccuracy).toBe(1);
  });

  it('on our own question set, abstains on the unanswerable questions and ranks no worse in hybrid than in either single mode', async () => {
    const questions = await readQuestions(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'questions.jsonl'));
    const [hybrid, dense, lexical] = await Promise.all(
      (['hybrid', 'dense', 'lexical'] as const).map((mode) => evaluate(questions, (q) => engine.ask(q, { topK: 5, mode }))),
    );
    // 11 of 12: "Quand ouvrira la nouvelle prison de Marseille ?" gets a sentence holding "nouvelle" and "Marseille" (README, cold
    // starts). Dense retrieval alone declines it, its best sentence being elsewhere: hybrid abstention is held to that figure, not to the single modes.
    expect(hybrid!.abstentionAccuracy).toBeGreaterThanOrEqual(11 / 12);
    for (const single of [dense!, lexical!]) {
      for (const metric of ['hitAt1', 'hitAt3', 'mrr', 'keyInAnswer'] as const) {
        expect(hybrid![metric], metric).toBeGreaterThanOrEqual(single[metric]);
      }
    }
    expect(hybrid!.hitAt1).toBeGreaterThanOrEqual(0.8);
  });
});
