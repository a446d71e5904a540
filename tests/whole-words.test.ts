import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../src/stages/4-query/question.ts';
import { countedWords, readWordFrequencies, WORD_FREQUENCIES_FILE, wordFrequenciesOf } from '../src/stages/2-embed/offline/word-frequencies.ts';
import { chunkTermsCache } from '../src/stages/5-retrieve/chunk-terms.ts';
import { FEATURES, rankingFeatures } from '../src/stages/5-retrieve/features.ts';
import { LexicalIndex } from '../src/stages/5-retrieve/lexical-index.ts';
import { wholeWordScorer } from '../src/stages/5-retrieve/whole-words.ts';
import { occurrences } from '../src/shared/sorted.ts';
import { stem, wordHashes } from '../src/text/words.ts';
import { storedChunk } from './support/sentences.ts';

const CORPUS = [
  'La présidente du tribunal a ouvert l’audience.',
  'Le président de la région a signé le décret.',
  'La présidence a confirmé la réunion de jeudi.',
  'Les douaniers ont saisi deux tonnes de cocaïne au port.',
];
const sorted = (text: string) => Uint32Array.from(wordHashes(text)).sort();
const distinct = (text: string) => Uint32Array.from(new Set(wordHashes(text)));

describe('whole words', () => {
  it('are counted per paragraph, folded, stop words too, and read back from the file the offline model keeps', async () => {
    const words = wordFrequenciesOf(countedWords(CORPUS));
    expect(words.paragraphs).toBe(4);
    expect(words.averageWords).toBeCloseTo(CORPUS.reduce((sum, p) => sum + wordHashes(p).length, 0) / 4, 9);
    const [la, presidente, cocaine, absent] = ['la', 'PRÉSIDENTE', 'cocaine', 'héroïne'].map((w) => wordHashes(w)[0]!);
    // "la" stands twice in the third paragraph: paragraphs are counted, not occurrences.
    expect(words.documentFrequency(la!)).toBe(3);
    expect(words.documentFrequency(presidente!)).toBe(1);
    expect(words.documentFrequency(cocaine!)).toBe(1);
    expect(words.documentFrequency(absent!)).toBe(0);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ancre-words-'));
    try {
      expect(await readWordFrequencies(dir)).toBeNull();
      await writeFile(path.join(dir, WORD_FREQUENCIES_FILE), countedWords(CORPUS));
      expect((await readWordFrequencies(dir))!.documentFrequency(la!)).toBe(3);
      // A file cut short is refused, not read as fewer words.
      await writeFile(path.join(dir, WORD_FREQUENCIES_FILE), (await readFile(path.join(dir, WORD_FREQUENCIES_FILE))).subarray(0, 30));
      await expect(readWordFrequencies(dir)).rejects.toThrow(/damaged/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('score the paragraph that writes the question’s word above one that shares only its stem, and a rare word above a common one', () => {
    expect(stem('présidente')).toBe(stem('présidence'));
    const words = wordFrequenciesOf(countedWords(CORPUS));
    const question = distinct('Qui est la présidente ?');
    const score = wholeWordScorer(question, words);
    const [written, stemOnly, other] = [CORPUS[0]!, CORPUS[2]!, CORPUS[3]!].map((p) => score(sorted(p)));
    expect(written).toBeGreaterThan(stemOnly!);
    // The third paragraph holds "la" twice, a word three paragraphs of four hold: worth little, but not nothing.
    expect(stemOnly).toBeGreaterThan(0);
    expect(stemOnly).toBeLessThan(written! / 2);
    expect(other).toBe(0);
    expect(occurrences(sorted(CORPUS[2]!), wordHashes('la')[0]!)).toBe(2);
  });

  it('reach the ranker as a share of the best candidate’s score, and read 0 without the corpus’s counts', () => {
    const chunks = CORPUS.slice(0, 3).map((text, i) => storedChunk(`d${i}#1`, 1, text));
    const question = analyzeQuestion('Qui est la présidente ?', new Map(), LexicalIndex.fromTexts(CORPUS));
    const candidates = chunks.map((chunk) => ({ chunk, dense: 0, denseSentence: 0, lexical: 1, denseRank: -1, lexicalRank: -1 }));
    const at = FEATURES.indexOf('wholeWords');
    const sources = { chunk: chunkTermsCache(8), article: () => new Set<string>() };
    const rows = rankingFeatures(question, candidates, { ...sources, words: wordFrequenciesOf(countedWords(CORPUS)) });
    expect(rows.map((row) => row[at])).toEqual([1, expect.any(Number), expect.any(Number)]);
    expect(rows[1]![at]).toBeLessThan(1);
    expect(rows[2]![at]).toBeLessThan(rows[0]![at]!);
    // Every other feature is the same with or without them.
    const without = rankingFeatures(question, candidates, sources);
    expect(without.map((row) => row[at])).toEqual([0, 0, 0]);
    expect(without.map((row) => [...row].filter((_, d) => d !== at))).toEqual(rows.map((row) => [...row].filter((_, d) => d !== at)));
  });
});
