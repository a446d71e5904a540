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
import { holdsAnswerType } from '../4-query/answer-type.ts';
import { termCoverage } from '../4-query/question.ts';
import type { DocumentReader } from './document-reader.ts';
import { firstMentions } from './introduction.ts';

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
  score: number;
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
  const w = options.weights;
  const scored: ScoredSentence[] = [];
  const introductions = question.subject
    ? firstMentions(question.subject, passages.map((p) => p.chunk), source, options.introductionSpan)
    : null;
  for (const { chunk, dense: passageScore } of passages) {
    const stems = source.sentenceStems(chunk);
    const passageHolds = holdsAnswerType(question.answerType, chunk.text, question.text, question.longForms);
    chunk.sentences.forEach((sentence, index) => {
      if (sentence.text.split(/\s+/).length < options.minWords) return;
      const dense = dot(source.sentenceVectors, sentence.row, queryVector);
      const holds = holdsAnswerType(question.answerType, sentence.text, question.text, question.longForms);
      const coverage = termCoverage(question, stems[index] ?? new Set(), holds);
      const introduces = introductions?.has(sentence) ?? false;
      const score =
        w.sentence * dense +
        w.passage * passageScore +
        w.coverage * coverage +
        (holds ? w.answerType : 0) +
        (passageHolds ? w.passageAnswerType : 0) +
        (introduces ? w.introduction : 0);
      scored.push({ chunk, index, sentence, passageScore, dense, coverage, holdsAnswerType: holds, introducesSubject: introduces, score });
    });
  }
  return scored.sort((a, b) => b.score - a.score);
}
