/**
 * How far a figure of `ancre eval` could move on other questions like these:
 * a percentile bootstrap interval that resamples whole clusters (all the
 * questions about one article together). Questions about one article
 * succeed or fail together (the article's wording, its length, its
 * headings), so resampling them one by one would claim the certainty of
 * 1,339 independent questions when PIAF's development set holds 67
 * articles. Seeded: the same outcomes give the same interval on every run.
 */
import { mulberry32 } from '../../shared/random.ts';
import { groupBy } from '../../shared/group-by.ts';

export interface Interval {
  low: number;
  high: number;
}

export interface BootstrapOptions {
  /** @default 2000 — resamples; the interval's ends move by about 0.002 between seeds at this count. */
  resamples: number;
  /** @default 0.95 — the share of resampled means the interval holds. */
  level: number;
  /** @default 1 — the generator's seed. */
  seed: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { resamples: 2000, level: 0.95, seed: 1 };

/**
 * The interval of the mean of `values` (one per question), resampling the
 * clusters `clusterOf` names (one per question, the same order); null when
 * there are no values.
 */
export function clusterBootstrap(values: readonly number[], clusterOf: readonly string[], options: BootstrapOptions = DEFAULT_BOOTSTRAP): Interval | null {
  if (values.length === 0) return null;
  const clusters = clusterSums(values, clusterOf);
  const random = mulberry32(options.seed);
  const means = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < clusters.length; i++) {
      const drawn = clusters[Math.floor(random() * clusters.length)]!;
      sum += drawn.sum;
      count += drawn.count;
    }
    means[r] = sum / count;
  }
  means.sort();
  const tail = (1 - options.level) / 2;
  return { low: means[Math.floor(tail * (options.resamples - 1))]!, high: means[Math.ceil((1 - tail) * (options.resamples - 1))]! };
}

/**
 * The interval of the difference between two systems on the same questions
 * (a minus b, each 1 for a success), resampled by cluster in pairs: a
 * difference is known more precisely than either figure, since both
 * systems find the same questions hard.
 */
export function pairedDifference(a: readonly boolean[], b: readonly boolean[], clusterOf: readonly string[], options: BootstrapOptions = DEFAULT_BOOTSTRAP): Interval | null {
  if (a.length !== b.length) throw new Error(`paired outcomes differ in number: ${a.length} and ${b.length}`);
  return clusterBootstrap(
    a.map((x, i) => Number(x) - Number(b[i])),
    clusterOf,
    options,
  );
}

function clusterSums(values: readonly number[], clusterOf: readonly string[]): { sum: number; count: number }[] {
  // In the clusters' order of first appearance, which the seeded resampling depends on.
  return [...groupBy(values.keys(), (i) => clusterOf[i]!).values()].map((members) => ({ sum: members.reduce((sum, i) => sum + values[i]!, 0), count: members.length }));
}
