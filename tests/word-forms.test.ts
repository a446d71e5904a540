import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../src/stages/4-query/question.ts';
import { chunkTermsCache } from '../src/stages/5-retrieve/chunk-terms.ts';
import { FEATURES, rankingFeatures } from '../src/stages/5-retrieve/features.ts';
import { LexicalIndex } from '../src/stages/5-retrieve/lexical-index.ts';
import { formCoverage, formTerms, wordForms } from '../src/stages/5-retrieve/word-forms.ts';
import { contentStemsAndWords, stem } from '../src/text/words.ts';
import { storedChunk } from './support/sentences.ts';

const formsOf = (...sentences: string[]) => wordForms(sentences.map((sentence) => contentStemsAndWords(sentence).words));
const coverage = (words: [string, number][], ...sentences: string[]) =>
  formCoverage(formTerms(words.map(([word, weight]) => ({ word, weight }))), formsOf(...sentences), words.reduce((sum, [, weight]) => sum + weight, 0));

describe('word forms', () => {
  it('match a word of the same family that the stemmer leaves apart, by as many first letters as the two share', () => {
    expect(stem('agricole')).not.toBe(stem('agriculture'));
    // "agric" is what they share: 4 and 5 letters, not 6.
    const byForms = coverage([['agricole', 1]], "L'agriculture de la région exporte.");
    expect(byForms.prefix).toEqual([1, 1, 0]);
    expect(byForms.grams).toBeGreaterThan(0);
    expect(byForms.grams).toBeLessThan(1);
  });

  it('count a word the paragraph holds as it is in full on every feature, accents and case aside', () => {
    const byForms = coverage([['Pétrole', 1]], 'Le petrole brut arrive au port.');
    expect(byForms.prefix).toEqual([1, 1, 1]);
    expect(byForms.grams).toBe(1);
    expect(byForms.bestSentence).toBe(1);
  });

  it('match a word shorter than a prefix only whole: "onu" is not the start of "onusien"', () => {
    expect(coverage([['onu', 1]], 'Un rapport onusien.').prefix).toEqual([0, 0, 0]);
    expect(coverage([['onu', 1]], "Un rapport de l'ONU.").prefix).toEqual([1, 1, 1]);
  });

  it('weigh each term by its weight, and find the best sentence as the one holding the most weight', () => {
    const byForms = coverage([['douaniers', 3], ['conteneurs', 1]], 'Les douanières ont fouillé le navire.', 'Les conteneurs étaient vides.');
    expect(byForms.prefix[2]).toBeCloseTo(1, 9);
    expect(byForms.bestSentence).toBeCloseTo(0.75, 9);
    const together = coverage([['douaniers', 3], ['conteneurs', 1]], 'Les douanières ont fouillé les conteneurs.');
    expect(together.bestSentence).toBeCloseTo(1, 9);
  });

  it('find nothing in a paragraph of other words', () => {
    const byForms = coverage([['cocaïne', 1]], 'Il pleuvra demain sur Lyon.');
    expect(byForms.prefix).toEqual([0, 0, 0]);
    expect(byForms.grams).toBe(0);
    expect(byForms.bestSentence).toBe(0);
  });

  it('reach the ranking features: a paragraph holding the question word’s family scores on the forms, not on the stems', () => {
    const text = "L'agriculture de l'émirat exporte son blé.";
    const chunk = storedChunk('a#1', 1, text, { title: 'Économie' });
    const question = analyzeQuestion('Quelle région agricole ?', new Map(), LexicalIndex.fromTexts([text]));
    const terms = chunkTermsCache(4);
    const [row] = rankingFeatures(question, [{ chunk, dense: 0, denseSentence: 0, lexical: 0, denseRank: -1, lexicalRank: -1 }], { chunk: terms, article: () => new Set<string>() });
    const of = (name: (typeof FEATURES)[number]) => row![FEATURES.indexOf(name)]!;
    expect(of('paragraphCoverage')).toBe(0);
    for (const name of ['prefix4Coverage', 'prefix5Coverage', 'gramCoverage', 'sentencePrefixCoverage'] as const) expect(of(name), name).toBeGreaterThan(0);
    expect(of('prefix6Coverage')).toBe(0);
  });
});
