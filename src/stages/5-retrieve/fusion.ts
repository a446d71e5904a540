/**
 * Reciprocal-rank fusion: each ranking gives a row weight/(k + rank), summed.
 * It needs no score calibration between rankers, which is why it is the
 * usual way to join a dense and a lexical ranking.
 */
import type { ScoredRow } from '../../kernel/top-k.ts';

/** Cormack, Clarke and Büttcher's k: how fast a ranking's later places fade. */
export const RRF_K = 60;

export interface WeightedRanking {
  ranking: readonly ScoredRow[];
  weight: number;
}

export function reciprocalRankFusion(rankings: readonly WeightedRanking[], k = RRF_K): ScoredRow[] {
  const fused = new Map<number, number>();
  for (const { ranking, weight } of rankings) {
    ranking.forEach(({ row }, rank) => fused.set(row, (fused.get(row) ?? 0) + weight / (k + rank + 1)));
  }
  return [...fused].map(([row, score]) => ({ row, score })).sort((a, b) => b.score - a.score || a.row - b.row);
}
