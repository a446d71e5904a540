/**
 * The coverage floor's operating point (stages/6-answer/abstention.ts): the
 * share of the question's weighted terms the best sentence's paragraph must
 * hold. Chosen on questions asked with their article (answerable) and
 * without it (not): the highest floor that still answers the asked share of
 * answerable questions declines the most of the others.
 */
import { articleFolds } from './folds.ts';
import { roundedShare } from './share.ts';

export interface CoverageAsk {
  /** The article the question is about, for folds. */
  doc: string;
  answerable: boolean;
  coverage: number;
  /** Whether the other checks (the closest paragraph's cosine, a quote in the question's language) let it answer. */
  otherChecksPass: boolean;
}

export interface OperatingPoint {
  threshold: number;
  answered: number;
  declined: number;
}

const answers = (ask: CoverageAsk, threshold: number) => ask.otherChecksPass && ask.coverage >= threshold;

/** Share of answerable asks answered and of the others declined, at `threshold`. */
export function operatingPoint(asks: readonly CoverageAsk[], threshold: number): OperatingPoint {
  const positives = asks.filter((a) => a.answerable);
  const negatives = asks.filter((a) => !a.answerable);
  return {
    threshold,
    answered: roundedShare(positives, (a) => answers(a, threshold)),
    declined: roundedShare(negatives, (a) => !answers(a, threshold)),
  };
}

/** The highest floor (to 0.005) that answers at least `share` of the answerable asks. */
export function chooseFloor(asks: readonly CoverageAsk[], share: number): number {
  let floor = 0;
  for (let threshold = 0; threshold <= 1; threshold = Math.round((threshold + 0.005) * 1000) / 1000) {
    if (operatingPoint(asks, threshold).answered < share) break;
    floor = threshold;
  }
  return floor;
}

/** Each fold's asks judged by the floor chosen on the other folds (whole articles per fold), pooled. */
export function crossValidatedPoint(asks: readonly CoverageAsk[], share: number, folds: number): Omit<OperatingPoint, 'threshold'> {
  const foldOf = articleFolds(asks.map((a) => a.doc), folds);
  const judged: boolean[] = [];
  const held: CoverageAsk[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const floor = chooseFloor(asks.filter((a) => foldOf.get(a.doc) !== fold), share);
    for (const ask of asks.filter((a) => foldOf.get(a.doc) === fold)) {
      held.push(ask);
      judged.push(answers(ask, floor));
    }
  }
  const rate = (answerable: boolean, answered: boolean) => {
    return roundedShare(held.flatMap((a, i) => (a.answerable === answerable ? [judged[i] === answered] : [])));
  };
  return { answered: rate(true, true), declined: rate(false, false) };
}
