/** How the fit reports a share: of the items for which `ok` holds (the true ones by default), rounded as every fitted figure is (four decimals; 0 of none). */
import { round } from '../../shared/round.ts';

export function roundedShare<T>(items: readonly T[], ok: (item: T) => boolean = (item) => Boolean(item)): number {
  return round(items.filter(ok).length / Math.max(1, items.length));
}
