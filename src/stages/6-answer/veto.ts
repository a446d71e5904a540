/**
 * The answerability veto's reading of a question (README, "Abstention"):
 * after the floors say yes, boosted trees fitted on questions asked with and
 * without their article may still say no.
 *
 * Its features are shares and flags, which mean the same in a corpus of 13
 * paragraphs and one of 761: how much of the question the best sentence, its
 * paragraph and the retrieved passages hold, what the ranking features of
 * the two best candidates say, and how many of its names the articles it
 * may be answered from never use. No cosine, rank, ranker score or IDF
 * enters: those are the corpus's own, and a veto fitted on them declined our
 * news questions (their seed corpus is small) that it answered on PIAF.
 */
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import type { AnswerabilityVeto } from '../../contracts/tuning.ts';
import { mentionsTerm } from '../4-query/question.ts';
import { FEATURES, WORD_FORM_FEATURES } from '../5-retrieve/features.ts';
import type { AbstentionInput } from './abstention.ts';
import { readsRow, treesLogOdds } from './boosted-trees.ts';

/** Ranking features on each corpus's own scale (scores, ranks, cosines): the veto reads none of them. */
const CORPUS_SCALED: readonly string[] = ['lexical', 'lexicalRank', 'dense', 'denseRank', 'denseSentence'];

/**
 * The word forms' shares are not read either. With them, the trees scored
 * one of our answered news questions lower than the 0.92 of PIAF's the
 * threshold answers otherwise, which sets the threshold: PIAF dev's
 * questions without their article declined 0.500 at 0.947 answered (0.488 at
 * 0.943 cross-validated), against 0.623 at 0.920 (0.599 at 0.909) without
 * them (npm run fit, and the same trees with those columns zeroed). Nor the
 * question's word pairs: with them, the same happened (measured with the
 * pairs read over the whole paragraph: in use 0.577 declined at 0.933
 * answered, out of fold 0.575 at 0.917), against 0.588 at 0.929 (0.607 at
 * 0.903) without them.
 */
const NOT_READ: readonly string[] = [...CORPUS_SCALED, ...WORD_FORM_FEATURES, 'wordPairs'];

/** The two best candidates' ranking features the veto reads: shares and flags only. */
const CANDIDATE_FEATURES = FEATURES.filter((name) => !NOT_READ.includes(name));

/** The veto's feature row, in order. */
export const VETO_FEATURES = [
  'coverage',
  'bestSentenceCoverage',
  ...CANDIDATE_FEATURES.map((name) => `top.${name}`),
  ...CANDIDATE_FEATURES.map((name) => `second.${name}`),
  'questionTerms',
  'asksTypedAnswer',
  'coverageInPassages',
  'bestHoldsAnswerType',
  'namesHeldNowhere',
];

/** What the veto reads beyond the abstention's own input: whether the best sentence holds the kind of answer asked for, and each passage's stems. */
export interface VetoContext {
  bestHoldsAnswerType: boolean;
  passageStems: readonly ReadonlySet<string>[];
}

export function vetoFeatures(input: AbstentionInput, context: VetoContext): Float64Array {
  const [top, second] = input.passages;
  const candidate = (features: Float64Array | undefined) => CANDIDATE_FEATURES.map((name) => features?.[FEATURES.indexOf(name)] ?? 0);
  return Float64Array.of(
    input.evidence.coverage,
    input.bestSentenceCoverage ?? 0,
    ...candidate(top?.ranking?.features),
    ...candidate(second?.ranking?.features),
    input.question.terms.length,
    input.question.answerType === 'other' ? 0 : 1,
    coverageInPassages(input.question, context.passageStems),
    context.bestHoldsAnswerType ? 1 : 0,
    namesHeldNowhere(input.question, heldStemsOf(input)),
  );
}

function heldStemsOf(input: AbstentionInput): ReadonlySet<string> {
  if (!input.heldStems) throw new Error('the veto reads which of the question\'s stems its articles hold, and none were given');
  return input.heldStems;
}

/**
 * How many of the question's names and numbers no paragraph it may be
 * answered from holds, retrieved or not. Written alike in any wording, a
 * name the articles never use says they are about something else; other
 * words may be paraphrased (measured: the share of all its words held, or
 * its weightiest word held, declined news questions written in other words
 * than their articles'; README, "Abstention").
 */
function namesHeldNowhere(question: AnalyzedQuestion, heldStems: ReadonlySet<string>): number {
  return question.terms.filter((term) => term.languageIndependent && !mentionsTerm(term, heldStems)).length;
}

/** The share of the question's term weight that some retrieved passage holds. */
function coverageInPassages(question: AnalyzedQuestion, passageStems: readonly ReadonlySet<string>[]): number {
  const total = question.terms.reduce((sum, term) => sum + term.weight, 0);
  if (total === 0) return 0;
  const found = question.terms.filter((term) => passageStems.some((stems) => mentionsTerm(term, stems)));
  return found.reduce((sum, term) => sum + term.weight, 0) / total;
}

/** Vetoes already found to read VETO_FEATURES: an answerer made per question (the PostgreSQL store's) checks its veto once. */
const checked = new WeakSet<AnswerabilityVeto>();

/** Throws unless the veto is trees fitted on the feature row this version reads, with a rate and a threshold. */
export function checkVeto(veto: AnswerabilityVeto): void {
  if (checked.has(veto)) return;
  if (!readsRow(veto, VETO_FEATURES)) {
    throw new Error('the answerability veto must name the features this version reads, in order, with a rate, trees over them and a threshold; refit it (npm run fit)');
  }
  checked.add(veto);
}

/** The veto's log-odds that the articles hold an answer, for a feature row in VETO_FEATURES' order (checkVeto: the row it was fitted on). */
export function vetoScore(veto: AnswerabilityVeto, row: Float64Array): number {
  return treesLogOdds(veto, row);
}
