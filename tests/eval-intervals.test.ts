import { describe, expect, it } from 'vitest';
import { clusterBootstrap, pairedDifference } from '../src/apps/eval/bootstrap.ts';
import { compareRuns, type EvalSummary, type QuestionOutcome } from '../src/apps/eval/evaluate.ts';
import { mulberry32 } from '../src/shared/random.ts';

const mean = (values: readonly number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;
const width = (interval: { low: number; high: number } | null) => interval!.high - interval!.low;

describe('bootstrap intervals by cluster', () => {
  // 40 articles of 10 questions each; an article's questions all succeed or all fail (about 60 % succeed).
  const random = mulberry32(7);
  const articleSucceeds = Array.from({ length: 40 }, () => random() < 0.6);
  const clusters = Array.from({ length: 400 }, (_, i) => `a${Math.floor(i / 10)}`);
  const values = clusters.map((_, i) => Number(articleSucceeds[Math.floor(i / 10)]));

  it('holds the observed share, and gives the same interval on every run', () => {
    const interval = clusterBootstrap(values, clusters)!;
    expect(interval.low).toBeLessThan(mean(values));
    expect(interval.high).toBeGreaterThan(mean(values));
    expect(clusterBootstrap(values, clusters)).toEqual(interval);
    expect(clusterBootstrap([], [])).toBeNull();
  });

  it('is as wide as the articles make it, not as narrow as 400 independent questions would', () => {
    const asIfIndependent = clusterBootstrap(values, values.map((_, i) => `q${i}`));
    // Ten questions that move together weigh as one: about √10 ≈ 3 times wider.
    expect(width(clusterBootstrap(values, clusters))).toBeGreaterThan(2 * width(asIfIndependent));
  });

  it('narrows as articles are added', () => {
    const more = [...values, ...values, ...values, ...values];
    const moreClusters = more.map((_, i) => `a${Math.floor(i / 10)}`);
    expect(width(clusterBootstrap(more, moreClusters))).toBeLessThan(0.7 * width(clusterBootstrap(values, clusters)));
  });

  it('compares two systems question by question', () => {
    const same = values.map(Boolean);
    expect(pairedDifference(same, same, clusters)).toEqual({ low: 0, high: 0 });
    // Better on one question of each article, never worse: the difference is known to be positive.
    const better = same.map((x, i) => x || i % 10 === 0);
    const gain = pairedDifference(better, same, clusters)!;
    expect(gain.low).toBeGreaterThan(0);
    expect(gain.high).toBeLessThanOrEqual(0.1);
    expect(() => pairedDifference(same, same.slice(1), clusters)).toThrow(/differ in number/);
  });
});

describe('two runs compared on the same questions', () => {
  const outcome = (i: number, found: boolean, declined: boolean | null): QuestionOutcome => ({
    id: `q${i}`, cluster: `a${i % 20}`, question: '…', expect: 'answer', answerable: true, hitAt1: found, hitAt3: found, reciprocalRank: Number(found),
    passageRank: 1, citationHit: found, keyInAnswer: found, answerWords: 30, declinedWithoutGold: declined, answer: '…',
    evidence: { coverage: 1, closestScore: 1, inCorpusLanguage: true }, ms: 1,
  });
  const run = (outcomes: QuestionOutcome[], words: number) => ({ outcomes, meanAnswerWords: words }) as EvalSummary;

  it('gives each share in both, their difference question by question, and the answers’ length', () => {
    // The second run finds the span in 20 more of 200 questions, in half the articles, and loses none; it declines the same left-out questions.
    const before = run(Array.from({ length: 200 }, (_, i) => outcome(i, i % 2 === 0, i % 4 === 0)), 40);
    const after = run(Array.from({ length: 200 }, (_, i) => outcome(i, i % 2 === 0 || Math.floor(i / 20) % 5 === 0, i % 4 === 0)), 48);
    const compared = compareRuns(before, after);
    expect(compared.keyInAnswer).toMatchObject({ base: 0.5, other: 0.6 });
    expect(compared.keyInAnswer!.difference).toBeCloseTo(0.1, 10);
    expect(compared.keyInAnswer!.interval!.low).toBeGreaterThan(0);
    expect(compared.passageHitAt1).toEqual({ base: 1, other: 1, difference: 0, interval: { low: 0, high: 0 } });
    expect(compared.leaveGoldOutDeclined).toMatchObject({ base: 0.25, other: 0.25, difference: 0 });
    expect(compared.meanAnswerWords).toEqual({ base: 40, other: 48, difference: 8, interval: null });
    expect(() => compareRuns(before, run(after.outcomes.slice(1), 48))).toThrow(/asked 200 and 199 questions/);
  });
});
