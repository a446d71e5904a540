import { describe, expect, it } from 'vitest';
import { crossValidatedProbabilities, fitLogistic, probability, thresholdAnswering, type Example } from '../src/apps/eval/logistic.ts';
import { crossValidate, fitSoftmax, goldRank, type CandidateGroup } from '../src/apps/eval/softmax.ts';
import { chooseFloor, crossValidatedPoint, operatingPoint, type CoverageAsk } from '../src/apps/eval/coverage-floor.ts';
import { ascend, crossValidatedAscent, type RunWeights } from '../src/apps/eval/sentence-ascent.ts';
import { HAND_SET_SENTENCE_WEIGHTS, SENTENCE_FEATURES } from '../src/pipeline/pipeline.ts';
import type { SentenceWeights } from '../src/contracts/tuning.ts';
import { answerability, shouldAnswer } from '../src/stages/6-answer/abstention.ts';
import type { ModelTuning } from '../src/contracts/model.ts';
import { resolveOptions } from '../src/pipeline/options.ts';
import { OFFLINE_PROFILE } from '../src/stages/2-embed/offline/profile.ts';
import type { StoredChunk } from '../src/contracts/store.ts';
import { analyzeQuestion } from '../src/stages/4-query/question.ts';
import { ArticleStems, chunkTermsCache } from '../src/stages/5-retrieve/chunk-terms.ts';
import { FEATURES, rankingFeatures } from '../src/stages/5-retrieve/features.ts';
import { LexicalIndex } from '../src/stages/5-retrieve/lexical-index.ts';
import { firstParagraphs } from '../src/stages/5-retrieve/retriever.ts';
import { mulberry32 } from '../src/shared/random.ts';
import { abstentionInput } from './support/abstention.ts';
import { storedChunk } from './support/sentences.ts';

function chunk(doc: string, row: number, title: string, text: string): StoredChunk {
  return storedChunk(`${doc}#1`, 1, text, { title, row });
}

describe('ranking features', () => {
  const paragraphs = [
    chunk('port', 0, 'Saisie au port du Havre', 'Les douaniers du Havre ont saisi quatorze tonnes de cocaïne dans des conteneurs.'),
    chunk('meteo', 1, 'La météo de Lyon', 'Il pleuvra demain sur Lyon, avec des orages en soirée.'),
  ];
  const lexicon = LexicalIndex.fromTexts(paragraphs.map((p) => p.text));
  const question = analyzeQuestion('Combien de tonnes de cocaïne les douaniers du Havre ont-ils saisi ?', new Map(), lexicon);
  const terms = chunkTermsCache(10);
  const article = (doc: string) => new Set(paragraphs.filter((p) => p.doc === doc).flatMap((p) => [...terms(p).places.keys()]));
  const rows = rankingFeatures(
    question,
    paragraphs.map((p, i) => ({ chunk: p, dense: 0, denseSentence: 0, lexical: i === 0 ? 8 : 0, denseRank: -1, lexicalRank: i === 0 ? 0 : -1 })),
    { chunk: terms, article },
  );
  const value = (row: number, name: (typeof FEATURES)[number]) => rows[row]![FEATURES.indexOf(name)]!;

  it('read the question’s terms in the paragraph that holds them, close together, and not in one that does not', () => {
    for (const name of ['paragraphCoverage', 'sentenceCoverage', 'articleCoverage', 'proximity'] as const) {
      expect(value(0, name), name).toBeCloseTo(1, 5);
      expect(value(1, name), name).toBe(0);
    }
    expect(value(0, 'pairs')).toBeGreaterThan(0.5);
    expect(value(0, 'names')).toBe(1);
    expect(value(0, 'titleCoverage')).toBeGreaterThan(0);
    expect(value(0, 'lexical')).toBe(1);
    expect(value(1, 'lexical')).toBe(0);
    // "combien" asks for a number, which "quatorze tonnes" is.
    expect(value(0, 'answerType')).toBe(1);
    expect(value(1, 'answerType')).toBe(0);
  });

  it('read sentences apart: terms split between two sentences cover the paragraph, not one sentence, and stand close nowhere', () => {
    const split = chunk('split', 2, 'Chronique', 'Les douaniers ont travaillé toute la nuit sur les quais. Au Havre, la cocaïne était cachée dans quatorze conteneurs.');
    const [row] = rankingFeatures(question, [{ chunk: split, dense: 0, denseSentence: 0, lexical: 1, denseRank: -1, lexicalRank: 0 }], { chunk: terms, article });
    const of = (name: (typeof FEATURES)[number]) => row![FEATURES.indexOf(name)]!;
    expect(of('paragraphCoverage')).toBeGreaterThan(of('sentenceCoverage'));
    expect(of('sentenceCoverage')).toBeGreaterThan(0);
    expect(of('proximity')).toBeLessThanOrEqual(of('sentenceCoverage'));
    expect(of('proximity')).toBeLessThan(of('paragraphCoverage'));
    // "douaniers" and "Havre" are consecutive in the question but in different sentences here.
    expect(of('pairs')).toBeLessThan(value(0, 'pairs'));
  });

  it('read the question’s phrasing: its consecutive words as written, folded, standing together in the paragraph', () => {
    const echoing = chunk('echo', 3, 'Chronique', 'Quatorze TONNES DE COCAÏNE : les douaniers du Havre ont saisi la cargaison.');
    const reordered = chunk('reordered', 4, 'Chronique', 'Au Havre, les saisies de cocaïne des douaniers se comptent en tonnes.');
    const [echo, reorder] = rankingFeatures(
      question,
      [echoing, reordered].map((p) => ({ chunk: p, dense: 0, denseSentence: 0, lexical: 1, denseRank: -1, lexicalRank: 0 })),
      { chunk: terms, article },
    );
    const of = (row: Float64Array | undefined) => row![FEATURES.indexOf('wordPairs')]!;
    // "tonnes de", "de cocaine", "cocaine les" (punctuation is no word), "les douaniers", "douaniers du", "du havre",
    // "havre ont": 7 of the question's 11 pairs, whatever the case and accents.
    expect(of(echo)).toBeCloseTo(7 / 11, 5);
    // The same content words in another order share only "de cocaine".
    expect(of(reorder)).toBeCloseTo(1 / 11, 5);
    expect(value(1, 'wordPairs')).toBe(0);
  });
});

describe('listwise softmax fit', () => {
  // Candidates whose first feature marks the gold one, with noise in the second; the third points the wrong way.
  const random = mulberry32(7);
  const groups: (CandidateGroup & { doc: string })[] = Array.from({ length: 60 }, (_, q) => {
    const gold = q % 4;
    const features = Array.from({ length: 4 }, (_, i) => Float64Array.of(i === gold ? 1 : random() * 0.5, random(), i === gold ? 0 : 1));
    return { doc: `doc-${q % 10}`, features, gold };
  });

  it('learns the feature that marks the gold candidate, and never a negative weight', () => {
    const w = fitSoftmax(groups, 3);
    expect(w[0]).toBeGreaterThan(1);
    expect(w[2]).toBe(0);
    expect(groups.every((g) => goldRank(g, w) === 1)).toBe(true);
  });

  it('cross-validates by whole articles, scoring every question once', () => {
    const ranks = crossValidate(groups, 3);
    expect(ranks).toHaveLength(groups.length);
    expect(ranks.filter((r) => r === 1).length / ranks.length).toBeGreaterThan(0.9);
    expect(goldRank({ features: groups[0]!.features, gold: -1 }, [1, 0, 0])).toBe(0);
  });
});

describe('abstention calibration', () => {
  const question = analyzeQuestion('Combien de tonnes de cocaïne ont été saisies ?', new Map(), LexicalIndex.fromTexts(['Quatorze tonnes de cocaïne ont été saisies.']));
  const input = (coverage: number) => abstentionInput(question, coverage);
  const calibration = { weights: { coverage: 6 }, bias: -3, threshold: 0.5 };

  it('is monotone in the evidence its weights favour, and answers from its threshold up', () => {
    const probabilities = [0, 0.25, 0.5, 0.75, 1].map((c) => answerability(input(c), calibration)!);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => a - b));
    expect(probabilities[0]).toBeLessThan(0.5);
    expect(probabilities[4]).toBeGreaterThan(0.5);
    for (const coverage of [0.2, 0.8]) {
      const decided = input(coverage);
      decided.evidence.answerability = answerability(decided, calibration)!;
      expect(shouldAnswer(decided, { minCoverage: 0.35, minParagraphScore: 0.05, calibration, veto: null })).toBe(coverage > 0.5);
    }
  });

  it('falls back to the floors without a calibration', () => {
    expect(answerability(input(0.8), null)).toBeNull();
    expect(shouldAnswer(input(0.3), { minCoverage: 0.35, minParagraphScore: 0.05, calibration: null, veto: null })).toBe(false);
    expect(shouldAnswer(input(0.4), { minCoverage: 0.35, minParagraphScore: 0.05, calibration: null, veto: null })).toBe(true);
  });

  it('reads no cosine floor for the offline model, whose cosines for a long paragraph holding the question fall near 0', () => {
    // As the Fénix paragraph of PIAF asked within its article: coverage 0.76, the closest cosine 0.007.
    const lowCosine = { ...input(0.76), evidence: { coverage: 0.76, closestScore: 0.007, inCorpusLanguage: true } };
    const floors = (tuning: ModelTuning) => ({ ...resolveOptions(tuning).answer.abstention, veto: null });
    expect(shouldAnswer(lowCosine, floors(OFFLINE_PROFILE.tuning))).toBe(true);
    // A model whose cosines mean closeness keeps its floor.
    expect(shouldAnswer(lowCosine, floors({ minParagraphScore: 0.8 }))).toBe(false);
  });

  it('fits a logistic model whose probabilities order the examples, and picks the threshold that answers the asked share', () => {
    const random = mulberry32(3);
    const examples: Example[] = Array.from({ length: 200 }, (_, i) => {
      const label = (i % 2) as 0 | 1;
      return { doc: `d${i % 7}`, label, features: Float64Array.of(label + random() * 0.8, random()) };
    });
    const { weights, bias } = fitLogistic(examples, 2);
    expect(weights[0]).toBeGreaterThan(1);
    const p = examples.map((e) => probability(e.features, Float64Array.of(...weights, bias)));
    const threshold = thresholdAnswering(p, examples, 0.9);
    const answered = examples.filter((e, i) => e.label === 1 && p[i]! >= threshold).length / 100;
    expect(answered).toBeGreaterThanOrEqual(0.9);
    expect(crossValidatedProbabilities(examples, 2, 5)).toHaveLength(200);
  });
});

describe('coverage floor operating point', () => {
  // Answerable asks cover 0.30–0.99 of their question, the others 0.00–0.69; one answerable ask fails another check.
  const asks: CoverageAsk[] = Array.from({ length: 140 }, (_, i) => ({
    doc: `d${i % 7}`,
    answerable: i % 2 === 0,
    coverage: i % 2 === 0 ? 0.3 + (i % 70) / 100 : (i % 70) / 100,
    otherChecksPass: i !== 0,
  }));

  it('picks the highest floor that still answers the asked share, and declines more the higher it is', () => {
    const floor = chooseFloor(asks, 0.8);
    expect(operatingPoint(asks, floor).answered).toBeGreaterThanOrEqual(0.8);
    expect(operatingPoint(asks, floor + 0.005).answered).toBeLessThan(0.8);
    const curve = [0.2, 0.4, 0.6].map((t) => operatingPoint(asks, t));
    expect(curve.map((p) => p.declined)).toEqual([...curve.map((p) => p.declined)].sort((a, b) => a - b));
    expect(curve.map((p) => p.answered)).toEqual([...curve.map((p) => p.answered)].sort((a, b) => b - a));
    // The ask failing another check is never answered, whatever the floor.
    expect(operatingPoint(asks, 0).answered).toBeLessThan(1);
  });

  it('judges each fold by a floor chosen without it', () => {
    const point = crossValidatedPoint(asks, 0.8, 5);
    expect(point.answered).toBeGreaterThan(0.7);
    expect(point.declined).toBeGreaterThan(0.3);
  });
});

describe('sentence weights climbed with guard rails', () => {
  // A stand-in answerer over 1,000 questions: each weight's distance from `best` loses spans (100 per unit); a coverage
  // weight above 0.5 would find the most, but costs our news one answer.
  const best: SentenceWeights = { sentence: 0.1, passage: 0.1, coverage: 1, answerType: 0.15, passageAnswerType: 0, introduction: 0.1, passageRank: 0.05, wordPairs: 0 };
  const found = (w: SentenceWeights) => Math.round(800 - SENTENCE_FEATURES.reduce((sum, name) => sum + Math.abs(w[name] - best[name]) * 100, 0));
  const news = (w: SentenceWeights) => ({ news: { keyInAnswer: w.coverage > 0.5 ? 0.8 : 0.9, citationHitAt1: 0.9, answered: 0.9, abstentionAccuracy: 1 } });
  const run: RunWeights = async (w) => ({ spans: Array.from({ length: 1000 }, (_, i) => i < found(w)), guardRails: news(w) });

  it('takes the best step each round, never one that lowers a guard-rail figure', async () => {
    const { weights, steps } = await ascend(HAND_SET_SENTENCE_WEIGHTS, run, () => true);
    expect(steps).toEqual(['sentence 0.2 → 0.1', 'passageAnswerType 0.05 → 0', 'passageRank 0 → 0.05']);
    expect(weights.coverage).toBe(HAND_SET_SENTENCE_WEIGHTS.coverage);
    expect(found(weights)).toBeGreaterThan(found(HAND_SET_SENTENCE_WEIGHTS));
  });

  it('takes no step whose gain is within noise', async () => {
    const flat: RunWeights = async (w) => ({ spans: Array.from({ length: 1000 }, (_, i) => i < 800 + (w.sentence < 0.2 ? 1 : 0)), guardRails: news(w) });
    expect((await ascend(HAND_SET_SENTENCE_WEIGHTS, flat, () => true)).steps).toEqual([]);
  });

  it('scores each fold with a path climbed without it, every question once', async () => {
    // Dropping the introduction weight finds the spans of article d0's questions (0–99) and loses one elsewhere.
    const docs = Array.from({ length: 500 }, (_, i) => `d${Math.floor(i / 100)}`);
    const local: RunWeights = async (w) => ({
      spans: docs.map((doc, i) => (w.introduction === 0 ? doc === 'd0' || i % 100 !== 1 : doc !== 'd0')),
      guardRails: news(w),
    });
    const { heldOut, steps } = await crossValidatedAscent(HAND_SET_SENTENCE_WEIGHTS, local, docs, 5);
    expect(heldOut).toHaveLength(500);
    // The fold holding d0 climbs on the other four and drops nothing: its questions stay unanswered; the others drop it.
    expect(steps.map((path) => path.includes('introduction 0.1 → 0'))).toEqual([false, true, true, true, true]);
    expect(heldOut.slice(0, 100).every((hit) => !hit)).toBe(true);
  });
});

describe('topK counts paragraphs', () => {
  it('keeps the best-ranked parts up to the k-th distinct paragraph, a long paragraph’s parts with it while they rank before the next', () => {
    const ranked = ['a#1', 'a#1', 'b#2', 'a#1', 'c#3', 'b#2', 'd#4'].map((id) => ({ doc: id.split('#')[0]!, paragraph: Number(id.split('#')[1]) }));
    const ids = (k: number) => firstParagraphs(ranked, k, (item) => item).map((c) => `${c.doc}#${c.paragraph}`);
    expect(ids(1)).toEqual(['a#1', 'a#1']);
    expect(ids(2)).toEqual(['a#1', 'a#1', 'b#2', 'a#1']);
    expect(ids(3)).toEqual(['a#1', 'a#1', 'b#2', 'a#1', 'c#3', 'b#2']);
    expect(ids(9)).toHaveLength(ranked.length);
  });
});

describe('article stems kept as ids', () => {
  it('answers membership exactly as the set of stems it was made from, across articles sharing one vocabulary', () => {
    const vocabulary = new Map<string, number>();
    const first = ['douan', 'havr', 'cocain', 'saisi'];
    const second = ['meteo', 'lyon', 'havr', 'orag', 'pluv'];
    const a = ArticleStems.of(first, vocabulary);
    const b = ArticleStems.of(second, vocabulary);
    for (const stem of [...first, ...second, 'inconnu', '']) {
      expect(a.has(stem), stem).toBe(first.includes(stem));
      expect(b.has(stem), stem).toBe(second.includes(stem));
    }
    expect(vocabulary.size).toBe(8);
  });
});
