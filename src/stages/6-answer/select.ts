/**
 * Chooses the sentences to quote. Every sentence of the retrieved
 * paragraphs is scored on three signals — its own embedding's closeness to
 * the question, its paragraph's, and how much of the question's weighted
 * terms it contains — plus whether it holds the kind of answer asked for.
 * The best one is quoted; others join only when nearly as good, or when the
 * best lacks the asked-for kind of answer and a neighbour holds it.
 */
import type { SentenceWeights } from '../2-embed/model-profile.ts';
import type { RetrievedPassage } from '../5-retrieve/retriever.ts';
import { dot } from '../../kernel/top-k.ts';
import type { StoredChunk, StoredSentence } from '../3-store/records.ts';
import { holdsAnswerType } from '../4-query/answer-type.ts';
import { firstMentions, type DocumentReader } from './introduction.ts';
import { termCoverage, type AnalyzedQuestion } from '../4-query/question.ts';

export interface ScoredSentence {
  chunk: StoredChunk;
  index: number;
  sentence: StoredSentence;
  passageScore: number;
  dense: number;
  coverage: number;
  holdsAnswerType: boolean;
  /** The sentence first names, in its article, what the question asks about (answer/introduction.ts). */
  introducesSubject: boolean;
  score: number;
}

export const SELECTION = {
  /** A further sentence is quoted only when it scores this close to the best. */
  companionRatio: 0.85,
  maxSentences: 3,
  /** How far from the best sentence a neighbour holding the answer may stand. */
  neighbourDistance: 2,
  minWords: 4,
} as const;

export interface SentenceContext extends DocumentReader {
  sentenceVectors: Float32Array;
}

export function scoreSentences(
  question: AnalyzedQuestion,
  queryVector: Float32Array,
  passages: readonly RetrievedPassage[],
  context: SentenceContext,
  w: SentenceWeights,
): ScoredSentence[] {
  const scored: ScoredSentence[] = [];
  const introductions = question.subject ? firstMentions(question.subject, passages.map((p) => p.chunk), context) : null;
  for (const { chunk, dense: passageScore } of passages) {
    const stems = context.sentenceStems(chunk);
    const passageHolds = holdsAnswerType(question.answerType, chunk.text, question.text, question.longForms);
    chunk.sentences.forEach((sentence, index) => {
      if (sentence.text.split(/\s+/).length < SELECTION.minWords) return;
      const dense = dot(context.sentenceVectors, sentence.row, queryVector);
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

export function selectSentences(question: AnalyzedQuestion, ranked: readonly ScoredSentence[]): ScoredSentence[] {
  const best = ranked[0];
  if (!best) return [];
  const chosen: ScoredSentence[] = [best];
  for (const candidate of ranked.slice(1)) {
    if (chosen.length >= SELECTION.maxSentences) break;
    if (candidate.score < SELECTION.companionRatio * best.score) break;
    if (candidate.coverage > 0 && !chosen.some((c) => sameText(c, candidate))) chosen.push(candidate);
  }
  if (question.answerType !== 'other' && !chosen.some((c) => c.holdsAnswerType) && chosen.length < SELECTION.maxSentences) {
    const neighbour = neighbourHoldingAnswer(best, ranked);
    if (neighbour) chosen.push(neighbour);
  }
  return chosen;
}

/** The best-scoring sentence near the best one, in its paragraph, that holds the answer type. */
function neighbourHoldingAnswer(best: ScoredSentence, ranked: readonly ScoredSentence[]): ScoredSentence | null {
  // `ranked` is sorted by score, so the first match is the best one.
  return (
    ranked.find(
      (s) => s.chunk === best.chunk && s.holdsAnswerType && s.index !== best.index && Math.abs(s.index - best.index) <= SELECTION.neighbourDistance,
    ) ?? null
  );
}

/** Two paragraphs may repeat a sentence word for word; quoting it twice says nothing new. */
function sameText(a: ScoredSentence, b: ScoredSentence): boolean {
  return a.sentence.text === b.sentence.text;
}
