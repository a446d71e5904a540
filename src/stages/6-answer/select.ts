/**
 * Chooses the sentences to quote among the scored ones: the best, others
 * only when nearly as good, a neighbour of the best when the best lacks
 * the kind of answer asked for and the neighbour holds it, and the sentence
 * after the best when it takes the best up and nothing chosen holds it.
 */
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import { refersBack } from './referents.ts';
import type { ScoredSentence } from './score.ts';

export interface SelectionOptions {
  /** A further sentence is quoted only when it scores this close to the best. */
  companionRatio: number;
  maxSentences: number;
  /** How far from the best sentence a neighbour holding the answer may stand. */
  neighbourDistance: number;
  /**
   * Quote the sentence after the best when it takes the best up ("Ils ont
   * saisi quatorze tonnes de cocaïne.") and no chosen sentence holds the
   * kind of answer asked for: the sentence that shares the question's words
   * often only sets up what the next one says.
   */
  continuation: boolean;
}

export function selectSentences(question: AnalyzedQuestion, ranked: readonly ScoredSentence[], options: SelectionOptions): ScoredSentence[] {
  const best = ranked[0];
  if (!best) return [];
  const chosen: ScoredSentence[] = [best];
  for (const candidate of ranked.slice(1)) {
    if (chosen.length >= options.maxSentences) break;
    if (candidate.score < options.companionRatio * best.score) break;
    if (candidate.coverage > 0 && !chosen.some((c) => sameText(c, candidate))) chosen.push(candidate);
  }
  if (question.answerType !== 'other' && !chosen.some((c) => c.holdsAnswerType) && chosen.length < options.maxSentences) {
    const neighbour = neighbourHoldingAnswer(best, ranked, options.neighbourDistance);
    if (neighbour) chosen.push(neighbour);
  }
  if (options.continuation && chosen.length < options.maxSentences && !chosen.some((c) => c.holdsAnswerType)) {
    const next = continuationOf(best, ranked);
    if (next && !chosen.includes(next)) chosen.push(next);
  }
  return chosen;
}

/** The sentence right after the best one, in its paragraph, when it refers back to it. */
function continuationOf(best: ScoredSentence, ranked: readonly ScoredSentence[]): ScoredSentence | null {
  const next = ranked.find((s) => s.chunk === best.chunk && s.index === best.index + 1);
  return next && refersBack(next.sentence.text) ? next : null;
}

/** The best-scoring sentence near the best one, in its paragraph, that holds the answer type. */
function neighbourHoldingAnswer(best: ScoredSentence, ranked: readonly ScoredSentence[], distance: number): ScoredSentence | null {
  // `ranked` is sorted by score, so the first match is the best one.
  const near = (s: ScoredSentence) => s.chunk === best.chunk && s.index !== best.index && Math.abs(s.index - best.index) <= distance;
  return ranked.find((s) => near(s) && s.holdsAnswerType) ?? null;
}

/** Two paragraphs may repeat a sentence word for word; quoting it twice says nothing new. */
function sameText(a: ScoredSentence, b: ScoredSentence): boolean {
  return a.sentence.text === b.sentence.text;
}
