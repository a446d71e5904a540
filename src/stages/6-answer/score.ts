/**
 * Scores every sentence of the retrieved paragraphs on its own embedding's
 * closeness to the question, its paragraph's, how much of the question's
 * weighted terms it holds, whether it (or its paragraph) holds the kind of
 * answer asked for, and whether it introduces what a question about a name
 * asks about. The weights are the answer stage's options.
 */
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import type { RetrievedPassage } from '../../contracts/retrieval.ts';
import type { StoredChunk, StoredSentence } from '../../contracts/store.ts';
import type { SentenceWeights } from '../../contracts/tuning.ts';
import { dot } from '../../kernel/top-k.ts';
import { termCoverage } from '../4-query/question.ts';
import type { DocumentReader } from './document-reader.ts';
import { firstMentions } from './introduction.ts';
import { foundShare } from '../5-retrieve/word-forms.ts';

/** What a sentence is scored on, in the order of its feature row; SentenceWeights holds a weight for each. */
export const SENTENCE_FEATURES = ['sentence', 'passage', 'coverage', 'answerType', 'passageAnswerType', 'introduction', 'passageRank', 'wordPairs'] as const;

export interface ScoredSentence {
  chunk: StoredChunk;
  index: number;
  sentence: StoredSentence;
  passageScore: number;
  dense: number;
  coverage: number;
  holdsAnswerType: boolean;
  /** The sentence first names, in its article, what the question asks about (introduction.ts). */
  introducesSubject: boolean;
  /** The stems of each sentence of its paragraph, by index (the paragraph's cached reading): its own are at `index`. */
  paragraphStems: readonly ReadonlySet<string>[];
  /** Its feature row, in SENTENCE_FEATURES' order. */
  features: Float64Array;
  score: number;
}

/** Which sentence of which paragraph: the same key for a scored sentence and for a neighbour a quote brings. */
export function sentenceKey(chunk: StoredChunk, index: number): string {
  return `${chunk.id}/${index}`;
}

export interface ScoringOptions {
  weights: SentenceWeights;
  /** Sentences of fewer words are not quoted: a fragment answers nothing. */
  minWords: number;
  /** Paragraphs read from an article's start at most when looking for where it introduces a name. */
  introductionSpan: number;
}

export interface SentenceSource extends DocumentReader {
  sentenceVectors: Float32Array;
}

/** The retrieved paragraphs' sentences, best first. */
export function scoreSentences(
  question: AnalyzedQuestion,
  queryVector: Float32Array,
  passages: readonly RetrievedPassage[],
  source: SentenceSource,
  options: ScoringOptions,
): ScoredSentence[] {
  const weights = SENTENCE_FEATURES.map((name) => options.weights[name]);
  const scored: ScoredSentence[] = [];
  const introductions = question.subject
    ? firstMentions(question.subject, passages.map((p) => p.chunk), source, options.introductionSpan)
    : null;
  passages.forEach(({ chunk, dense: passageScore }, rank) => {
    const stems = source.sentenceStems(chunk);
    const pairs = source.sentencePairs(chunk);
    const cues = source.cues(chunk);
    const passageHolds = cues.text.holds(question.answerType, question.text, question.longForms);
    chunk.sentences.forEach((sentence, index) => {
      if (cues.sentenceWords[index]! < options.minWords) return;
      const dense = dot(source.sentenceVectors, sentence.row, queryVector);
      const holds = cues.sentences[index]!.holds(question.answerType, question.text, question.longForms);
      const coverage = termCoverage(question, stems[index] ?? new Set(), holds);
      const introduces = introductions?.has(sentence) ?? false;
      const features = Float64Array.of(dense, passageScore, coverage, holds ? 1 : 0, passageHolds ? 1 : 0, introduces ? 1 : 0, 1 / (1 + rank), foundShare(question.wordPairs, pairs[index]));
      let score = 0;
      for (let i = 0; i < features.length; i++) score += weights[i]! * features[i]!;
      scored.push({ chunk, index, sentence, passageScore, dense, coverage, holdsAnswerType: holds, introducesSubject: introduces, paragraphStems: stems, features, score });
    });
  });
  return scored.sort((a, b) => b.score - a.score);
}
