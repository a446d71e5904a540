/** Four decimals: what a score or a time in a response needs, and no noise beyond. */
export function round(value: number, digits = 4): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
