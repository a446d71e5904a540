/** Searches in typed arrays sorted ascending. */

/** The first place in `sorted` whose value is not below `value` (its length when none). */
export function lowerBound(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many times `value` stands in `sorted` (repeats kept): two binary searches. */
export function occurrences(sorted: Uint32Array, value: number): number {
  return lowerBound(sorted, value + 1) - lowerBound(sorted, value);
}
