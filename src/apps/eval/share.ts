/** Shares of items for which `ok` holds (the true ones by default): as `ancre eval` reports them, and rounded as every fitted figure is. */
import { round } from '../../shared/round.ts';

/** The share of `items` that `ok` holds for; 0 of none. */
export function share<T>(items: readonly T[], ok: (item: T) => boolean = (item) => Boolean(item)): number {
  return items.filter(ok).length / Math.max(1, items.length);
}

/** The share, rounded to four decimals as `npm run fit` writes its figures. */
export function roundedShare<T>(items: readonly T[], ok: (item: T) => boolean = (item) => Boolean(item)): number {
  return round(share(items, ok));
}
