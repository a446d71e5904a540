import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { AskResult } from '../src/contracts/api.ts';
import { Pipeline } from '../src/pipeline/pipeline.ts';
import { resolveOptions } from '../src/pipeline/options.ts';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import type { ExtraSentenceModel } from '../src/contracts/tuning.ts';
import { analyzeQuestion } from '../src/stages/4-query/question.ts';
import { contentStems } from '../src/text/words.ts';
import { LexicalIndex } from '../src/stages/5-retrieve/lexical-index.ts';
import { checkExtraSentenceModel, EXTRA_SENTENCE_FEATURES, extraProbability, extraSentenceRows, extraSentences } from '../src/stages/6-answer/extra-sentence.ts';
import { fitExtraSentence, type ExtraAsk } from '../src/apps/eval/extra-fit.ts';
import { readQuestions } from '../src/apps/eval/evaluate.ts';
import { fixtureConfig, openFixtureEngine } from './support/runtime.ts';
import { chosen, storedChunk } from './support/sentences.ts';
import type { ScoredSentence } from '../src/stages/6-answer/score.ts';

const wedding = storedChunk(
  'gesualdo#4',
  4,
  'Devenu prince, Gesualdo ne ménagea pas ses efforts pour procurer une épouse à son fils. Il la chercha hors d’Italie, chez les Este de Ferrare. Le mariage fut célébré en 1594.',
);
const elsewhere = storedChunk('ferrare#2', 2, 'La cour de Ferrare recevait les musiciens de toute l’Italie. Les Este y tenaient leur rang.');
const question = analyzeQuestion('Où Gesualdo chercha-t-il une épouse pour son fils ?', new Map(), LexicalIndex.fromTexts([wedding.text, elsewhere.text]));

/** A candidate's row, read by feature name. */
function named(best: ScoredSentence, candidate: ScoredSentence): Record<string, number> {
  const row = extraSentenceRows(question, [best], [candidate])[0]!;
  return Object.fromEntries(EXTRA_SENTENCE_FEATURES.map((name, i) => [name, row[i]!]));
}

/** A model that reads one feature only: one tree, `bias` log-odds where the feature is 0, `bias + weight` where it is 1. */
function modelOn(feature: (typeof EXTRA_SENTENCE_FEATURES)[number], weight: number, bias: number, threshold: number, picks = 1): ExtraSentenceModel {
  const tree = { feature: EXTRA_SENTENCE_FEATURES.indexOf(feature), at: 0.5, below: { value: bias }, above: { value: bias + weight } };
  return { features: EXTRA_SENTENCE_FEATURES, rate: 1, trees: [tree], threshold, picks };
}

describe('the extra sentence', () => {
  const best = chosen(wedding, 0, 1);

  it('reads where a candidate stands from the best sentence, and whether it takes it up', () => {
    expect(named(best, chosen(wedding, 1, 0.5))).toMatchObject({ next: 1, previous: 0, secondNext: 0, takesUpBest: 1, sameParagraph: 1, farOrElsewhere: 0 });
    expect(named(best, chosen(wedding, 2, 0.5))).toMatchObject({ next: 0, secondNext: 1, takesUpBest: 0, sameParagraph: 1 });
    expect(named(chosen(wedding, 2, 1), chosen(wedding, 1, 0.5))).toMatchObject({ next: 0, previous: 1, takesUpBest: 0 });
    expect(named(best, chosen(elsewhere, 0, 0.5))).toMatchObject({ next: 0, sameParagraph: 0, farOrElsewhere: 1 });
  });

  it('reads the kind of answer asked for, and whether the candidate holds it where the quotes do not', () => {
    expect(question.answerType).toBe('place');
    const holding = { ...chosen(wedding, 1, 0.5), holdsAnswerType: true };
    expect(named(best, holding)).toMatchObject({ 'asks.place': 1, 'asks.person': 0, 'asks.place.held': 1, holdsAnswerTypeQuotesLack: 1, quotesHoldAnswerType: 0 });
    expect(named({ ...best, holdsAnswerType: true }, holding)).toMatchObject({ holdsAnswerTypeQuotesLack: 0, quotesHoldAnswerType: 1 });
  });

  it('reads the share of the question’s weight a candidate holds that no chosen sentence holds', () => {
    // Each sentence's stems as a store reads them; the best holds Gesualdo, épouse and fils, not "chercha".
    const read = (s: ScoredSentence) => ({ ...s, paragraphStems: s.chunk.sentences.map((x) => new Set(contentStems(x.text))) });
    const [top, seeks, married] = [read(best), read(chosen(wedding, 1, 0.5)), read(chosen(wedding, 2, 0.5))];
    const unquoted = question.terms.filter((term) => !term.stems.some((stem) => top.paragraphStems[0]!.has(stem)));
    expect(unquoted.map((term) => term.stems[0])).toEqual(['cherch']);
    const total = question.terms.reduce((sum, term) => sum + term.weight, 0);
    expect(named(top, seeks).newTerms).toBeCloseTo(unquoted[0]!.weight / total);
    expect(named(top, married).newTerms).toBe(0);
  });

  it('sets the candidate’s scores beside the best one’s and their difference', () => {
    const candidate = { ...chosen(wedding, 1, 0.5), features: Float64Array.of(0.1, 0.2, 0.9, 1, 0, 0, 1, 0.5) };
    const top = { ...best, features: Float64Array.of(0.3, 0.2, 0.4, 0, 0, 0, 1, 0.25) };
    const row = named(top, candidate);
    expect(row.coverage).toBe(0.9);
    expect(row['best.coverage']).toBe(0.4);
    expect(row['minusBest.coverage']).toBeCloseTo(0.5);
    expect(row['minusBest.sentence']).toBeCloseTo(-0.2);
    expect(row['minusBest.wordPairs']).toBeCloseTo(0.25);
  });

  it('quotes the likeliest sentence no quote holds, from the threshold up only', () => {
    const ranked = [best, chosen(wedding, 2, 0.6), chosen(wedding, 1, 0.4), chosen(elsewhere, 0, 0.3)];
    // σ(3 − 2) ≈ 0.73 for the next sentence, σ(−2) ≈ 0.12 for the others.
    const nextOnly = modelOn('next', 3, -2, 0.5);
    const picked = (model: ExtraSentenceModel, quoted = [best]) => extraSentences(question, ranked, [best], quoted, model).map((s) => `${s.chunk.id}/${s.index}`);
    expect(picked(nextOnly)).toEqual([`${wedding.id}/1`]);
    expect(picked({ ...nextOnly, threshold: 0.8 })).toEqual([]);
    // Already quoted (brought as a referent, or the same words in another paragraph): not again.
    expect(picked(nextOnly, [best, chosen(wedding, 1, 0)])).toEqual([]);
    expect(extraSentences(question, [], [], [], nextOnly)).toEqual([]);
  });

  it('quotes more than one only up to its picks, likeliest first, each from the threshold up', () => {
    const ranked = [best, chosen(wedding, 2, 0.6), chosen(wedding, 1, 0.4), chosen(elsewhere, 0, 0.3)];
    // σ(2 − 1) ≈ 0.73 in the best one's paragraph, σ(−1) ≈ 0.27 elsewhere: the first two, in the order ranked holds them.
    const sameParagraph = (picks: number, threshold = 0.5) => extraSentences(question, ranked, [best], [best], modelOn('sameParagraph', 2, -1, threshold, picks));
    expect(sameParagraph(1).map((s) => s.index)).toEqual([2]);
    expect(sameParagraph(2).map((s) => s.index)).toEqual([2, 1]);
    expect(sameParagraph(3).map((s) => s.index)).toEqual([2, 1]);
    expect(sameParagraph(3, 0.2).map((s) => s.chunk.id)).toEqual([wedding.id, wedding.id, elsewhere.id]);
  });

  it('given in the options, replaces the model’s own whole, its trees included', () => {
    const suggested = { ...modelOn('next', 1, 0, 0.5), trees: [...modelOn('next', 1, 0, 0.5).trees, ...modelOn('quotes', 1, 0, 0.5).trees] };
    const given = modelOn('previous', 2, -1, 0.3);
    expect(resolveOptions({ extraSentence: suggested }, { answer: { extraSentence: given } }).answer.extraSentence).toEqual(given);
    expect(resolveOptions({ extraSentence: suggested }).answer.extraSentence).toEqual(suggested);
    expect(resolveOptions({ extraSentence: suggested }, { answer: { extraSentence: null } }).answer.extraSentence).toBeNull();
  });

  it('refuses a model fitted on another row than this version reads', () => {
    const model = modelOn('next', 1, 0, 0.5);
    expect(() => checkExtraSentenceModel(model)).not.toThrow();
    expect(() => checkExtraSentenceModel({ ...model, features: model.features.slice(1) })).toThrow(/refit/);
    // A split on a feature past the row's end, a leaf without a number, a rate that is not one.
    const beyond = { feature: EXTRA_SENTENCE_FEATURES.length, at: 0, below: { value: 0 }, above: { value: 1 } };
    expect(() => checkExtraSentenceModel({ ...model, trees: [beyond] })).toThrow(/refit/);
    expect(() => checkExtraSentenceModel({ ...model, trees: [{ value: 'high' }] } as never)).toThrow(/refit/);
    expect(() => checkExtraSentenceModel({ ...model, rate: Number.NaN })).toThrow(/refit/);
    expect(() => checkExtraSentenceModel({ ...model, threshold: 'high' } as never)).toThrow(/refit/);
    expect(() => checkExtraSentenceModel({ threshold: 0.5 } as never)).toThrow(/refit/);
    expect(() => checkExtraSentenceModel({ ...model, picks: 0 })).toThrow(/picks/);
    expect(() => checkExtraSentenceModel({ ...model, picks: 1.5 })).toThrow(/picks/);
  });
});

describe('fitting the extra sentence (npm run fit)', () => {
  const at = (name: string) => EXTRA_SENTENCE_FEATURES.indexOf(name as (typeof EXTRA_SENTENCE_FEATURES)[number]);
  /** 200 answered questions over 10 articles, none quoting its span: each has a next sentence and a far one; the next holds the span in 9 of 10. */
  const asks: ExtraAsk[] = Array.from({ length: 200 }, (_, i) => {
    const row = (feature: string) => Float64Array.from(EXTRA_SENTENCE_FEATURES, (_, d) => (d === at(feature) ? 1 : 0));
    return {
      doc: `article-${i % 10}`,
      answered: true,
      spanQuoted: false,
      answerWords: 30,
      candidates: [
        { row: row('next'), holdsSpan: i % 10 !== 0, words: 20 },
        { row: row('farOrElsewhere'), holdsSpan: false, words: 20 },
      ],
    };
  });

  it('quotes what pays more gold span per word than companions, and nothing that pays less', () => {
    const { model, figures } = fitExtraSentence(asks, 5);
    const p = (feature: string) => extraProbability(model, Float64Array.from(EXTRA_SENTENCE_FEATURES, (_, d) => (d === at(feature) ? 1 : 0)));
    expect(p('next')).toBeGreaterThanOrEqual(model.threshold);
    expect(p('farOrElsewhere')).toBeLessThan(model.threshold);
    expect(figures).toMatchObject({ examples: 400, spansAmongCandidates: 180, crossValidated: { goldSpanBefore: 0, goldSpanAfter: 0.9, wordsAdded: 20, answersGivenSome: 1, sentencesAdded: 1 } });
    // A second sentence, the far one, would never pay its words: one pick.
    expect(model.picks).toBe(1);
  });

  it('takes a second sentence an answer where the second likeliest pays its words too', () => {
    // The span is in the next sentence for half the questions and in the one before for the other half.
    const either = asks.map((ask, i) => ({
      ...ask,
      candidates: [
        { ...ask.candidates[0]!, holdsSpan: i % 2 === 0 },
        { row: Float64Array.from(EXTRA_SENTENCE_FEATURES, (_, d) => (d === at('previous') ? 1 : 0)), holdsSpan: i % 2 === 1, words: 20 },
        ask.candidates[1]!,
      ],
    }));
    const { model, figures } = fitExtraSentence(either, 5);
    expect(model.picks).toBe(2);
    expect(figures).toMatchObject({ crossValidated: { goldSpanAfter: 1, wordsAdded: 40, answersGivenSome: 1, sentencesAdded: 2 } });
  });

  it('quotes nothing when no sentence pays its words', () => {
    const rare = asks.map((ask, i) => ({ ...ask, candidates: ask.candidates.map((c) => ({ ...c, holdsSpan: c.holdsSpan && i % 50 === 1, words: 40 })) }));
    const { model, figures } = fitExtraSentence(rare, 5);
    expect(model.threshold).toBe(1);
    expect(figures).toMatchObject({ crossValidated: { goldSpanAfter: 0, wordsAdded: 0, answersGivenSome: 0 } });
  });

  it('never counts a cut between equal probabilities, which no threshold can make', () => {
    // Identical rows get one probability within a fold; the first fifth of the questions hold the span. Taken whole, no group pays its words.
    const tied = asks.map((ask, i) => ({ ...ask, candidates: [{ ...ask.candidates[0]!, holdsSpan: i < 40, words: 100 }] }));
    const { model, figures } = fitExtraSentence(tied, 5);
    expect(model.threshold).toBe(1);
    expect(figures).toMatchObject({ crossValidated: { goldSpanAfter: 0, answersGivenSome: 0 } });
  });
});

describe('the offline model’s extra sentence on the seed articles (real pipeline)', () => {
  it('only adds to the answers: the same decisions, the same first citation, every quote still quoted', async () => {
    const withExtra = await openFixtureEngine();
    const without = await (await Pipeline.create({ ...fixtureConfig(), options: { answer: { extraSentence: null } } }, () => {})).openEngine();
    const questions = await readQuestions(path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl'));
    const words = (r: AskResult) => r.answer.split(/\s+/).length;
    let longer = 0;
    for (const q of questions) {
      const [a, b] = [await without.ask(q.question, { topK: 5 }), await withExtra.ask(q.question, { topK: 5 })];
      expect(b.answerable).toBe(a.answerable);
      expect(b.citations[0]?.doc).toBe(a.citations[0]?.doc);
      expect(b.citations[0]?.paragraph).toBe(a.citations[0]?.paragraph);
      for (const c of a.citations) expect(b.citations.some((d) => d.doc === c.doc && d.paragraph === c.paragraph && d.quote.includes(c.quote))).toBe(true);
      for (const d of b.citations) expect(d.text.slice(d.start, d.end)).toBe(d.quote);
      if (words(b) > words(a)) longer++;
    }
    expect(longer).toBeGreaterThan(0);
  });
});
