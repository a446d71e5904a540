/**
 * The fetch loop's comparison of ancre with the plain answerer, from rounds
 * alternated between the two: each service's figures are those of its
 * median round, and each pair of rounds gives a ratio, so that the spread
 * of the machine shows beside the figure.
 */
import { round } from '../../shared/round.ts';
import type { CpuPerRequest } from './cpu.ts';
import type { LoadFigures } from './load.ts';
import type { Overhead } from './settings.ts';

/** Rounds of the fetch loop on each service, alternated: ancre, the plain answerer, ancre, … */
export const FETCH_LOOP_ROUNDS = 3;

type FetchLoopFigures = LoadFigures & { cpu: CpuPerRequest };

export interface FetchLoopRounds {
  ancre: FetchLoopFigures[];
  plain: FetchLoopFigures[];
}

export function fetchLoopOverhead(autocannon: { ancre: LoadFigures; plain: LoadFigures }, rounds: FetchLoopRounds): Overhead {
  return {
    ancre: { autocannon: autocannon.ancre, fetchLoop: medianRound(rounds.ancre) },
    plain: { autocannon: autocannon.plain, fetchLoop: medianRound(rounds.plain) },
    fetchLoopRatios: rounds.ancre.map((a, i) => round(a.requestsPerSecond / rounds.plain[i]!.requestsPerSecond, 2)),
  };
}

/** The round of median requests/s (the lower middle of an even count), whole: its CPU figures are that round's own. */
export function medianRound<T extends LoadFigures>(rounds: readonly T[]): T {
  if (rounds.length === 0) throw new Error('no round of the fetch loop was run');
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
