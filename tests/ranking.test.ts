import { describe, expect, it } from 'vitest';
import { crossValidate, fitSoftmax, goldRank, type CandidateGroup } from '../src/apps/eval/softmax.ts';
import type { StoredChunk } from '../src/contracts/store.ts';
import { analyzeQuestion } from '../src/stages/4-query/question.ts';
import { chunkTermsCache } from '../src/stages/5-retrieve/chunk-terms.ts';
import { FEATURES, rankingFeatures } from '../src/stages/5-retrieve/features.ts';
import { LexicalIndex } from '../src/stages/5-retrieve/lexical-index.ts';
import { mulberry32 } from '../src/shared/random.ts';
import { splitSentences } from '../src/text/sentences.ts';

function chunk(doc: string, row: number, title: string, text: string): StoredChunk {
  return { row, id: `${doc}#1`, doc, title, paragraph: 1, section: null, text, paragraphText: text, sentences: splitSentences(text).map((s, i) => ({ row: i, ...s })) };
}

describe('ranking features', () => {
  const paragraphs = [
    chunk('port', 0, 'Saisie au port du Havre', 'Les douaniers du Havre ont saisi quatorze tonnes de cocaïne dans des conteneurs.'),
    chunk('meteo', 1, 'La météo de Lyon', 'Il pleuvra demain sur Lyon, avec des orages en soirée.'),
  ];
  const lexicon = LexicalIndex.fromTexts(paragraphs.map((p) => p.text));
  const question = analyzeQuestion('Combien de tonnes de cocaïne les douaniers du Havre ont-ils saisi ?', new Map(), lexicon);
  const terms = chunkTermsCache(10);
  const article = (doc: string) => new Set(paragraphs.filter((p) => p.doc === doc).flatMap((p) => terms(p).sentences.flat()));
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
