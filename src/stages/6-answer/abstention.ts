/**
 * Whether to answer at all: the one place that decides (README,
 * "Abstention"). The paragraph of the best sentence, read with its
 * article's title and section heading, must contain enough of the
 * question's weighted terms; the closest paragraph must be close enough to
 * the question for the model in use; and a question in another language
 * than the corpus's, which shares only names, numbers and cognates with
 * it, must also be answered by a quote holding the kind of answer asked for.
 */
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import type { RetrievalMode } from '../../contracts/retrieval.ts';

export interface AbstentionOptions {
  /** Share of the question's term weight the best sentence's paragraph must hold. */
  minCoverage: number;
  /** The cosine under which the closest paragraph is too far from the question (a model's scale: the model suggests it). */
  minParagraphScore: number;
}

/** The figures the decision is taken on; returned with every answer so a user can see why. */
export interface AbstentionEvidence {
  coverage: number;
  closestScore: number;
  inCorpusLanguage: boolean;
}

export interface AbstentionInput {
  question: AnalyzedQuestion;
  mode: RetrievalMode;
  /** Whether any sentence could be scored at all. */
  hasCandidate: boolean;
  evidence: AbstentionEvidence;
  /** Whether some chosen quote holds the kind of answer asked for. */
  quoteHoldsAnswerType: boolean;
}

export function shouldAnswer({ question, mode, hasCandidate, evidence, quoteHoldsAnswerType }: AbstentionInput, options: AbstentionOptions): boolean {
  // Across languages only names, numbers and cognates match, so the quote must also hold the kind of answer asked for.
  const corroborated = question.inCorpusLanguage || (question.answerType !== 'other' && quoteHoldsAnswerType);
  // Lexical retrieval has no cosine to judge by.
  const closeEnough = mode === 'lexical' || evidence.closestScore >= options.minParagraphScore;
  return hasCandidate && evidence.coverage >= options.minCoverage && corroborated && closeEnough;
}
