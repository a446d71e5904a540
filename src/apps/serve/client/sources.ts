/**
 * The sources under an answer: one entry per cited paragraph. An answer may
 * quote two sentences of one paragraph that are not neighbours (each its own
 * citation, [1] and [2]); listing that paragraph twice would show the same
 * text twice, each time with half of what the answer took from it.
 */

/** A quoted range [start, end) of a paragraph's text. */
export type Range = readonly [start: number, end: number];

interface Cited {
  n: number;
  doc: string;
  paragraph: number;
  start: number;
  end: number;
}

export interface Source<C extends Cited> {
  /** The paragraph's first citation, in the answer's order: its title, text and place. */
  citation: C;
  /** The markers that point into this paragraph, in the answer's order. */
  numbers: number[];
  /** Every quoted range of the paragraph, by position. */
  ranges: Range[];
}

/** The cited paragraphs in the order the answer first cites them, each with all its markers and quotes. */
export function sourcesByParagraph<C extends Cited>(citations: readonly C[]): Source<C>[] {
  const byParagraph = new Map<string, Source<C>>();
  for (const citation of citations) {
    const key = `${citation.doc}\u0000${citation.paragraph}`;
    const source = byParagraph.get(key) ?? { citation, numbers: [], ranges: [] };
    source.numbers.push(citation.n);
    source.ranges.push([citation.start, citation.end]);
    byParagraph.set(key, source);
  }
  const sources = [...byParagraph.values()];
  for (const source of sources) source.ranges.sort((a, b) => a[0] - b[0]);
  return sources;
}

/**
 * The ranges that can be marked in a text of `length` characters, by position,
 * overlapping or touching ones joined: a range out of the text (a citation of
 * an older build) is dropped rather than marking the wrong words.
 */
export function markableRanges(ranges: readonly Range[], length: number): Range[] {
  const valid = ranges.filter(([start, end]) => Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= length);
  const joined: [number, number][] = [];
  for (const [start, end] of [...valid].sort((a, b) => a[0] - b[0])) {
    const last = joined.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else joined.push([start, end]);
  }
  return joined;
}

/** The `hl` parameter of an article link: `start-end`, comma-separated. */
export const highlightParameter = (ranges: readonly Range[]): string => ranges.map(([start, end]) => `${start}-${end}`).join(',');

/** The ranges an `hl` parameter names; none when it is malformed. */
export function parseHighlight(value: string | null): Range[] {
  if (!value || !/^\d+-\d+(,\d+-\d+)*$/.test(value)) return [];
  return value.split(',').map((pair) => pair.split('-').map(Number) as [number, number]);
}
