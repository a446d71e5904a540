import { describe, expect, it } from 'vitest';
import { fitBoostedTrees } from '../src/apps/eval/boosted-trees.ts';
import type { Example } from '../src/apps/eval/logistic.ts';
import type { AnswerabilityVeto } from '../src/contracts/tuning.ts';
import { mulberry32 } from '../src/shared/random.ts';
import { abstentionInput } from './support/abstention.ts';
import { analyzeQuestion } from '../src/stages/4-query/question.ts';
import { LexicalIndex } from '../src/stages/5-retrieve/lexical-index.ts';
import { shouldAnswer } from '../src/stages/6-answer/abstention.ts';
import { treeValue } from '../src/stages/6-answer/boosted-trees.ts';
import { checkVeto, VETO_FEATURES, vetoFeatures, vetoScore } from '../src/stages/6-answer/veto.ts';
import { Answerer, DEFAULT_ANSWER } from '../src/stages/6-answer/answerer.ts';
import type { SentenceSource } from '../src/stages/6-answer/score.ts';
import { contentStems } from '../src/text/words.ts';

const question = analyzeQuestion('Combien de tonnes de cocaïne ont été saisies ?', new Map(), LexicalIndex.fromTexts(['Quatorze tonnes de cocaïne ont été saisies.', 'Le port de Marseille.']));
const input = (coverage: number) => abstentionInput(question, coverage);
// One tree: a coverage (feature 0) above 0.6 is evidence of an answer, below it evidence against.
const veto: AnswerabilityVeto = { features: VETO_FEATURES, rate: 1, threshold: 0, trees: [{ feature: 0, at: 0.6, below: { value: -2 }, above: { value: 2 } }] };

describe('answerability veto', () => {
  it('reads shares and flags of the question and its candidates, in its features’ order', () => {
    const stems = [new Set(contentStems('Quatorze tonnes ont été saisies.')), new Set(contentStems('Le port de Marseille.'))];
    const row = vetoFeatures(input(0.5), { bestHoldsAnswerType: true, passageStems: stems });
    expect(row).toHaveLength(VETO_FEATURES.length);
    expect(row[VETO_FEATURES.indexOf('coverage')]).toBe(0.5);
    expect(row[VETO_FEATURES.indexOf('bestHoldsAnswerType')]).toBe(1);
    expect(row[VETO_FEATURES.indexOf('asksTypedAnswer')]).toBe(1);
    // "tonnes" and "saisies" stand in a passage, "cocaïne" in none: a share strictly between.
    const inPassages = row[VETO_FEATURES.indexOf('coverageInPassages')]!;
    expect(inPassages).toBeGreaterThan(0);
    expect(inPassages).toBeLessThan(1);
    expect(vetoFeatures(input(0.5), { bestHoldsAnswerType: true, passageStems: [] })[VETO_FEATURES.indexOf('coverageInPassages')]).toBe(0);
  });

  it('counts the question’s names and numbers that no paragraph the filter allows holds, and those only', () => {
    // Row 0 names Le Havre and the year; row 1 neither, nor the cocaine.
    const lexicon = LexicalIndex.fromTexts(['Quatorze tonnes de cocaïne ont été saisies au Havre en 2023.', 'Des tonnes de résine ont été saisies à Marseille.']);
    const asked = analyzeQuestion('Combien de tonnes de cocaïne ont été saisies au Havre en 2023 ?', new Map(), lexicon);
    const stems = asked.terms.flatMap((term) => term.stems);
    const nowhere = (allowed: Uint8Array | null) =>
      vetoFeatures({ ...abstentionInput(asked, 0.5), heldStems: lexicon.held(stems, allowed) }, { bestHoldsAnswerType: true, passageStems: [] })[VETO_FEATURES.indexOf('namesHeldNowhere')];
    expect(nowhere(null)).toBe(0);
    expect(nowhere(Uint8Array.of(1, 0))).toBe(0);
    // "Havre" and "2023" held nowhere; "cocaïne" neither, but a word, not a name, may be paraphrased.
    expect(nowhere(Uint8Array.of(0, 1))).toBe(2);
    expect(lexicon.held(stems, Uint8Array.of(0, 1)).size).toBeLessThan(lexicon.held(stems, null).size);
  });

  it('declines what the floors answer when its score falls under its threshold, and only then', () => {
    const options = { minCoverage: 0.35, minParagraphScore: 0.05, calibration: null, veto };
    const decided = (coverage: number) => {
      const asked = input(coverage);
      asked.vetoScore = vetoScore(veto, vetoFeatures(asked, { bestHoldsAnswerType: true, passageStems: [] }));
      return shouldAnswer(asked, options);
    };
    expect(decided(0.5)).toBe(false); // the floors answer; the veto does not
    expect(decided(0.8)).toBe(true);
    expect(decided(0.2)).toBe(false); // the floors decline; the veto cannot answer in their place
    expect(shouldAnswer(input(0.5), { ...options, veto: null })).toBe(true);
  });

  it('reads the learned ranker’s features, and leaves a mode without them (dense or lexical alone) to the floors', () => {
    const answerer = new Answerer({ contextStems: () => new Set<string>() } as unknown as SentenceSource, '…', { ...DEFAULT_ANSWER, abstention: { ...DEFAULT_ANSWER.abstention, veto } });
    const ranked = input(0.5).passages;
    const unranked = ranked.map(({ ranking: _ranking, ...passage }) => passage);
    expect(answerer.abstentionInput(question, ranked, [], { mode: 'hybrid', heldStems: new Set() }).vetoScore).toBe(-2);
    expect(answerer.abstentionInput(question, unranked, [], { mode: 'dense', heldStems: new Set() }).vetoScore).toBeUndefined();
    // Which of the question's stems its articles hold is asked for only when the veto decides, and it is then required.
    expect(answerer.readsHeldStems(ranked)).toBe(true);
    expect(answerer.readsHeldStems(unranked)).toBe(false);
    expect(new Answerer({} as SentenceSource, '…', DEFAULT_ANSWER).readsHeldStems(ranked)).toBe(false);
    expect(() => answerer.abstentionInput(question, ranked, [], { mode: 'hybrid' })).toThrow(/none were given/);
  });

  it('refuses trees fitted on another feature row when the answerer is made, not at a question', () => {
    const misread = { ...DEFAULT_ANSWER, abstention: { ...DEFAULT_ANSWER.abstention, veto: { ...veto, features: ['coverage'] } } };
    expect(() => new Answerer({} as SentenceSource, '…', misread)).toThrow(/refit it/);
    expect(() => checkVeto(veto)).not.toThrow();
    // Its trees too: a split past the row, a leaf without a number, a rate or threshold that is not one.
    const beyond = { feature: VETO_FEATURES.length, at: 0, below: { value: 0 }, above: { value: 1 } };
    for (const malformed of [{ trees: [beyond] }, { trees: [{ value: 'high' }] }, { rate: Number.NaN }, { threshold: 'low' }, { trees: 'none' }]) {
      expect(() => checkVeto({ ...veto, ...malformed } as never)).toThrow(/refit it/);
    }
  });

  it('is fitted by boosting: the trees’ scores order the examples, the same on every fit', () => {
    const random = mulberry32(5);
    // The label follows feature 0 above 0.5 and, less strongly, feature 1; feature 2 is noise.
    const examples: Example[] = Array.from({ length: 400 }, (_, i) => {
      const x = Float64Array.of(random(), random(), random());
      const label = (x[0]! > 0.5 ? 1 : 0) ^ (random() < 0.1 ? 1 : 0);
      return { doc: `d${i % 9}`, label: label as 0 | 1, features: x };
    });
    const trees = fitBoostedTrees(examples, { rounds: 30, rate: 0.3, depth: 2, minLeaf: 10, quantiles: 16 });
    const score = (x: Float64Array) => trees.reduce((sum, tree) => sum + 0.3 * treeValue(tree, x), 0);
    const [positives, negatives] = [examples.filter((e) => e.label === 1), examples.filter((e) => e.label === 0)];
    const mean = (list: Example[]) => list.reduce((sum, e) => sum + score(e.features), 0) / list.length;
    expect(mean(positives)).toBeGreaterThan(mean(negatives) + 1);
    expect(score(Float64Array.of(0.9, 0.5, 0.5))).toBeGreaterThan(0);
    expect(score(Float64Array.of(0.1, 0.5, 0.5))).toBeLessThan(0);
    expect(fitBoostedTrees(examples, { rounds: 30, rate: 0.3, depth: 2, minLeaf: 10, quantiles: 16 })).toEqual(trees);
  });
});
