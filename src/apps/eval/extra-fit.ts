/**
 * The extra sentence's model (stages/6-answer/extra-sentence.ts), fitted on
 * the answers everything else gives: for each development question answered
 * without its answer span, the sentences no quote holds, labelled by whether
 * they hold it. Boosted trees, cross-validated by article; their rounds,
 * their threshold, and how many sentences an answer may take at most, are
 * where, on the out-of-fold probabilities, quoting further sentences stops
 * paying more gold spans per word than quoting more companions would.
 */
import { EXTRA_SENTENCE_FEATURES, foldedIncludes, treesLogOdds, wordCount, type Engine } from '../../pipeline/pipeline.ts';
import type { ExtraSentenceModel } from '../../contracts/tuning.ts';
import { round } from '../../shared/round.ts';
import { logistic } from '../../shared/logistic.ts';
import { DEFAULT_BOOSTING, fitBoostedTrees, roundedLeaves } from './boosted-trees.ts';
import { outOfFold } from './folds.ts';
import type { Example } from './logistic.ts';
import { isGold, type EvalQuestion } from './questions.ts';

/**
 * The gold span a word of answer must buy, as a share of the questions: what
 * quoting more companions buys (PIAF dev, `ancre eval --compare` with
 * companionRatio 0.75 rather than 0.85: gold span +0.022 for 9.0 more words
 * an answer; README, "Evaluation"), a step the selection did not take. A
 * sentence is added only where it buys more.
 */
export const SPAN_PER_WORD = 0.0024;

/** One development question's answer: whether its quotes hold the span, and the sentences that could be added. */
export interface ExtraAsk {
  doc: string;
  answered: boolean;
  spanQuoted: boolean;
  answerWords: number;
  candidates: { row: Float64Array; holdsSpan: boolean; words: number }[];
}

/** Each question asked as served, with the extra sentence's candidates and whether each holds the gold span. */
export async function extraAsks(engine: Engine, questions: readonly EvalQuestion[], topK: number): Promise<ExtraAsk[]> {
  const asks: ExtraAsk[] = [];
  for (const q of questions) {
    const { answerable, quoted, candidates } = await engine.extraSentenceCandidates(q.question, { topK });
    asks.push({
      doc: q.doc!,
      answered: answerable,
      spanQuoted: answerable && foldedIncludes(quoted.join(' '), q.key!),
      answerWords: quoted.reduce((sum, sentence) => sum + wordCount(sentence), 0),
      candidates: candidates.map((c) => ({ row: c.row, holdsSpan: isGold(q, c.doc, c.paragraph, foldedIncludes) && foldedIncludes(c.sentence, q.key!), words: wordCount(c.sentence) })),
    });
  }
  return asks;
}

/** The most further sentences one answer may be given that the fit weighs. */
const MOST_PICKS = 3;

/**
 * Boosting rounds the fit chooses among, by the value they reach out of
 * fold (depth 2, leaves of 50, as the veto's). Logistic weights reached
 * less (0.0201, against 0.021–0.029 for trees of 20 to 200 rounds over the
 * same rows, and 0.025–0.031 with the question's words the quotes lack;
 * README, "Evaluation"): whether a sentence holds the answer turns
 * on pairs of features. The trees in use split mostly on whether it stands
 * in the paragraph ranked first, how much of the question it holds, alone
 * and beside the best sentence, and the question's words it brings that the
 * quotes lack.
 */
export const EXTRA_ROUNDS = [25, 50, 100, 200] as const;

/**
 * The model fitted on every candidate, with the boosting rounds, the
 * threshold and the number of picks an answer may take (chosen together,
 * on the out-of-fold probabilities), and the figures they reach.
 */
export function fitExtraSentence(asks: readonly ExtraAsk[], folds: number): { model: ExtraSentenceModel; figures: object } {
  const examples: Example[] = asks.flatMap((ask) => ask.candidates.map((c) => ({ features: c.row, label: c.holdsSpan && !ask.spanQuoted ? 1 : 0, doc: ask.doc }) as const));
  const tried = EXTRA_ROUNDS.map((rounds) => {
    const boosting = { ...DEFAULT_BOOSTING, rounds };
    const probabilities = outOfFold(examples, folds, (training) => {
      const model = { rate: boosting.rate, trees: fitBoostedTrees(training, boosting) };
      return (e) => logistic(treesLogOdds(model, e.features));
    });
    const likely = likeliest(asks, probabilities);
    const choices = Array.from({ length: MOST_PICKS }, (_, i) => chooseThreshold(likely, asks, i + 1));
    // More picks only where they buy more: of equal values, the fewer.
    return { boosting, choices, choice: choices.reduce((best, next) => (next.value > best.value ? next : best)) };
  });
  // Of equal values, the fewer rounds.
  const { boosting, choices, choice } = tried.reduce((best, next) => (next.choice.value > best.choice.value ? next : best));
  const trees = fitBoostedTrees(examples, boosting).map(roundedLeaves);
  const model = { features: EXTRA_SENTENCE_FEATURES, rate: boosting.rate, trees, threshold: round(choice.threshold, 6), picks: choice.picks };
  const byPicks = choices.map(({ picks, value, figures: { goldSpanAfter, wordsAdded } }) => ({ picks, value: round(value), goldSpanAfter, wordsAdded }));
  const byRounds = tried.map(({ boosting: { rounds }, choice: { picks, value, figures: { goldSpanAfter, wordsAdded } } }) => ({ rounds, picks, value: round(value), goldSpanAfter, wordsAdded }));
  return {
    model,
    figures: { examples: examples.length, spansAmongCandidates: examples.filter((e) => e.label === 1).length, rounds: boosting.rounds, crossValidated: choice.figures, byPicks, byRounds },
  };
}

/** A candidate sentence as the threshold's sweep reads it: which question's, and its place among that question's, likeliest first. */
interface Likely {
  probability: number;
  /** It holds the gold span the answer lacks. */
  holdsSpan: boolean;
  words: number;
  question: number;
  pick: number;
}

/** Each answered question's MOST_PICKS likeliest candidates under the out-of-fold probabilities (in the candidates' order), all likeliest first. */
function likeliest(asks: readonly ExtraAsk[], probabilities: readonly number[]): Likely[] {
  const out: Likely[] = [];
  let at = 0;
  asks.forEach((ask, question) => {
    const scored = ask.candidates.map((c) => ({ probability: probabilities[at++]!, holdsSpan: c.holdsSpan && !ask.spanQuoted, words: c.words, question }));
    // Stable, as the answerer's own sort: of equally likely candidates, the first in the sentences' order.
    scored.sort((a, b) => b.probability - a.probability);
    scored.slice(0, MOST_PICKS).forEach((c, pick) => out.push({ ...c, pick }));
  });
  return out.sort((a, b) => b.probability - a.probability);
}

/**
 * For answers given at most `picks` further sentences: the threshold that
 * maximises the gold span gained less SPAN_PER_WORD for each word added an
 * answer, sentences taken likeliest first; with the span and words before
 * and after, out of fold.
 */
function chooseThreshold(all: readonly Likely[], asks: readonly ExtraAsk[], picks: number) {
  const sorted = all.filter((s) => s.pick < picks);
  const answered = Math.max(1, asks.filter((a) => a.answered).length);
  const gaining = new Set<number>();
  let [added, best, bestAt] = [0, 0, 0];
  sorted.forEach((s, i) => {
    if (s.holdsSpan) gaining.add(s.question);
    added += s.words;
    // A threshold cannot part equal probabilities: a cut is counted only after the last of them.
    if (sorted[i + 1]?.probability === s.probability) return;
    const value = gaining.size / asks.length - (SPAN_PER_WORD * added) / answered;
    if (value > best) [best, bestAt] = [value, i + 1];
  });
  const taken = sorted.slice(0, bestAt);
  // Halfway to the next candidate's probability: the last one taken stays in.
  const threshold = bestAt === 0 ? 1 : (taken.at(-1)!.probability + (sorted[bestAt]?.probability ?? 0)) / 2;
  const spans = asks.filter((a) => a.spanQuoted).length;
  const gained = new Set(taken.filter((s) => s.holdsSpan).map((s) => s.question)).size;
  return {
    picks,
    value: best,
    threshold,
    figures: {
      goldSpanBefore: round(spans / asks.length),
      goldSpanAfter: round((spans + gained) / asks.length),
      answerWordsBefore: round(asks.reduce((sum, a) => sum + a.answerWords, 0) / answered, 1),
      wordsAdded: round(taken.reduce((sum, s) => sum + s.words, 0) / answered, 1),
      answersGivenSome: round(new Set(taken.map((s) => s.question)).size / answered),
      sentencesAdded: round(taken.length / answered),
    },
  };
}
