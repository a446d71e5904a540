/** An abstention input as the answer stage builds one: one ranked passage, the best sentence's and its paragraph's coverage alike. */
import type { AnalyzedQuestion } from '../../src/contracts/query.ts';
import type { StoredChunk } from '../../src/contracts/store.ts';
import { FEATURES } from '../../src/stages/5-retrieve/features.ts';
import type { AbstentionInput } from '../../src/stages/6-answer/abstention.ts';

export function abstentionInput(question: AnalyzedQuestion, coverage: number): AbstentionInput {
  return {
    question,
    mode: 'hybrid',
    passages: [{ chunk: {} as StoredChunk, dense: 0.2, lexical: 1, ranking: { score: 1, features: new Float64Array(FEATURES.length) } }],
    heldStems: new Set(question.terms.flatMap((term) => term.stems)),
    bestSentenceCoverage: coverage,
    evidence: { coverage, closestScore: 0.2, inCorpusLanguage: true },
    quoteHoldsAnswerType: true,
  };
}
