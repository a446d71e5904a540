/**
 * The answer stage: from a question and its retrieved paragraphs to quoted
 * sentences with citations, or to the plain statement that the articles
 * hold no answer. Nothing here is generated: every word of an answer is cut
 * from a paragraph.
 */
import type { Citation } from '../../contracts/api.ts';
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import type { RetrievalContext, RetrievedPassage } from '../../contracts/retrieval.ts';
import type { ExtraSentenceModel, SentenceWeights } from '../../contracts/tuning.ts';
import { logistic } from '../../shared/logistic.ts';
import { round } from '../../shared/round.ts';
import { termCoverage } from '../4-query/question.ts';
import { checkVeto, vetoFeatures, vetoScore } from './veto.ts';
import { answerability, shouldAnswer, type AbstentionEvidence, type AbstentionInput, type AbstentionOptions } from './abstention.ts';
import { assembleAnswer } from './assemble.ts';
import { checkExtraSentenceModel, extraCandidates, extraSentenceRows, extraSentences } from './extra-sentence.ts';
import { withReferents } from './referents.ts';
import { scoreSentences, type ScoredSentence, type SentenceSource } from './score.ts';
import { selectSentences, type SelectionOptions } from './select.ts';

export interface AnswerOptions {
  /**
   * @default { sentence: 0.4, passage: 0.2, coverage: 0.3, answerType: 0.15, passageAnswerType: 0.05, introduction: 0.1, passageRank: 0, wordPairs: 0 }
   * — a semantic model's cosines say more than word overlap; the offline model suggests overlap-led weights instead.
   */
  sentenceWeights: SentenceWeights;
  /**
   * @default { companionRatio: 0.85, maxSentences: 3, neighbourDistance: 2, continuation: true } — short answers, a second
   * quote only when nearly as good; the sentence after the best when it takes it up (PIAF dev: gold span 0.630 → 0.648 for
   * 2.4 more words an answer; README, "Evaluation").
   */
  selection: SelectionOptions;
  /**
   * @default null — the model's to suggest: fitted on its sentence scores (npm run fit); without one, the selection alone is quoted.
   */
  extraSentence: ExtraSentenceModel | null;
  /**
   * @default { minCoverage: 0.35, minParagraphScore: 0.3, calibration: null, veto: null } — the paragraph floor, the
   * calibration and the veto are the model's to suggest (its cosine scale, its fitted answerability); the coverage floor
   * is set on our news questions (README, "Abstention").
   */
  abstention: AbstentionOptions;
  /** @default 4 — sentences of fewer words are fragments, not answers. */
  minWords: number;
  /** @default 100 — paragraphs read from an article's start when looking for where it introduces a name: introductions come early, and a question must stay cheap in a long document. */
  introductionSpan: number;
  /** @default 2000 — paragraphs whose sentences' answer cues and context stems are remembered (their stems are the retrieval stage's reading): a few hundred questions' worth. */
  stemCacheChunks: number;
}

export const DEFAULT_ANSWER: AnswerOptions = {
  sentenceWeights: { sentence: 0.4, passage: 0.2, coverage: 0.3, answerType: 0.15, passageAnswerType: 0.05, introduction: 0.1, passageRank: 0, wordPairs: 0 },
  selection: { companionRatio: 0.85, maxSentences: 3, neighbourDistance: 2, continuation: true },
  extraSentence: null,
  abstention: { minCoverage: 0.35, minParagraphScore: 0.3, calibration: null, veto: null },
  minWords: 4,
  introductionSpan: 100,
  stemCacheChunks: 2000,
};

export interface Answer {
  answer: string;
  answerable: boolean;
  citations: Citation[];
  evidence: AbstentionEvidence;
}

export interface Decision {
  ranked: ScoredSentence[];
  chosen: ScoredSentence[];
  input: AbstentionInput;
  answerable: boolean;
}

export class Answerer {
  constructor(
    private readonly source: SentenceSource,
    private readonly noAnswer: string,
    private readonly options: AnswerOptions = DEFAULT_ANSWER,
  ) {
    // A veto read with another feature row would answer at random: refused when the engine is made, not at each question.
    if (options.abstention.veto) checkVeto(options.abstention.veto);
    if (options.extraSentence) checkExtraSentenceModel(options.extraSentence);
  }

  /** The retrieved paragraphs' sentences, scored, best first. */
  rank(question: AnalyzedQuestion, queryVector: Float32Array, passages: readonly RetrievedPassage[]): ScoredSentence[] {
    const { options } = this;
    const scoring = { weights: options.sentenceWeights, minWords: options.minWords, introductionSpan: options.introductionSpan };
    return scoreSentences(question, queryVector, passages, this.source, scoring);
  }

  answer(question: AnalyzedQuestion, queryVector: Float32Array, passages: readonly RetrievedPassage[], retrieval: RetrievalContext): Answer {
    const { ranked, chosen, input, answerable } = this.decide(question, queryVector, passages, retrieval);
    const { answer, citations } = answerable ? assembleAnswer(this.quoted(question, ranked, chosen)) : { answer: this.noAnswer, citations: [] };
    const { coverage, closestScore, inCorpusLanguage, answerability } = input.evidence;
    return {
      answer,
      answerable,
      citations,
      evidence: { coverage: round(coverage), closestScore: round(closestScore), inCorpusLanguage, ...(answerability === undefined ? {} : { answerability: round(answerability) }) },
    };
  }

  /**
   * What an answer quotes: the chosen sentences with the neighbours they
   * point to and, when the model finds one likely enough, one more sentence
   * (with its own). The extra sentence does not enter the decision to answer.
   */
  quoted(question: AnalyzedQuestion, ranked: readonly ScoredSentence[], chosen: readonly ScoredSentence[]): ScoredSentence[] {
    const quoted = withReferents(chosen);
    const model = this.options.extraSentence;
    const extras = model ? extraSentences(question, ranked, chosen, quoted, model) : [];
    return extras.length ? withReferents([...chosen, ...extras]) : quoted;
  }

  /** The sentences an extra quote could add, each with the model's row (for fitting it), beside what is quoted without one. */
  extraCandidates(question: AnalyzedQuestion, ranked: readonly ScoredSentence[], chosen: readonly ScoredSentence[]) {
    const quoted = withReferents(chosen);
    const candidates = extraCandidates(ranked, quoted);
    const rows = extraSentenceRows(question, chosen, candidates);
    return { quoted, candidates: candidates.map((sentence, i) => ({ sentence, row: rows[i]! })) };
  }

  /** The sentences an answer would quote, what the abstention read, and whether to answer: all of an answer but its assembly. */
  decide(question: AnalyzedQuestion, queryVector: Float32Array, passages: readonly RetrievedPassage[], retrieval: RetrievalContext): Decision {
    const { options } = this;
    const ranked = this.rank(question, queryVector, passages);
    const chosen = selectSentences(question, ranked, options.selection);
    const input = this.abstentionInput(question, passages, ranked, retrieval);
    input.quoteHoldsAnswerType = chosen.some((s) => s.holdsAnswerType);
    return { ranked, chosen, input, answerable: shouldAnswer(input, options.abstention) };
  }

  /** What the abstention decision reads: the evidence, and the calibrated answerability when the model has one. */
  abstentionInput(question: AnalyzedQuestion, passages: readonly RetrievedPassage[], ranked: readonly ScoredSentence[], { mode, heldStems }: RetrievalContext): AbstentionInput {
    const best = ranked[0];
    const input: AbstentionInput = {
      question,
      mode,
      passages,
      heldStems,
      bestSentenceCoverage: best ? best.coverage : null,
      evidence: {
        coverage: best ? termCoverage(question, this.source.contextStems(best.chunk), best.holdsAnswerType) : 0,
        closestScore: passages.reduce((max, p) => Math.max(max, p.dense), passages.length ? -Infinity : 0),
        inCorpusLanguage: question.inCorpusLanguage,
      },
      quoteHoldsAnswerType: false,
    };
    const probability = answerability(input, this.options.abstention.calibration);
    if (probability !== null) input.evidence.answerability = probability;
    const { veto } = this.options.abstention;
    if (veto && this.readsHeldStems(passages)) {
      input.vetoScore = vetoScore(veto, this.vetoRow(input, ranked));
      input.evidence.answerability ??= logistic(input.vetoScore);
    }
    return input;
  }

  /**
   * Whether the answer to these passages reads which of the question's stems
   * its articles hold: when the veto decides. It reads the learned ranker's
   * features: in a mode without them (dense or lexical alone), the floors
   * decide.
   */
  readsHeldStems(passages: readonly RetrievedPassage[]): boolean {
    return this.options.abstention.veto !== null && passages[0]?.ranking !== undefined;
  }

  /** The veto's feature row for an abstention input (veto.ts). */
  vetoRow(input: AbstentionInput, ranked: readonly ScoredSentence[]): Float64Array {
    return vetoFeatures(input, { bestHoldsAnswerType: ranked[0]?.holdsAnswerType ?? false, passageStems: input.passages.map((p) => this.source.contextStems(p.chunk)) });
  }
}
