import { describe, expect, it } from 'vitest';
import { highlightParameter, markableRanges, parseHighlight, sourcesByParagraph } from '../src/apps/serve/client/sources.ts';

const cite = (n: number, doc: string, paragraph: number, start: number, end: number) => ({ n, doc, paragraph, start, end });

describe('the sources under an answer', () => {
  it('lists each cited paragraph once, in the order the answer first cites it, with all its markers and quotes', () => {
    const sources = sourcesByParagraph([cite(1, 'a', 2, 0, 40), cite(2, 'b', 1, 10, 30), cite(3, 'a', 2, 90, 120), cite(4, 'a', 3, 0, 5)]);
    expect(sources.map(({ citation, numbers, ranges }) => [citation.doc, citation.paragraph, numbers, ranges])).toEqual([
      ['a', 2, [1, 3], [[0, 40], [90, 120]]],
      ['b', 1, [2], [[10, 30]]],
      ['a', 3, [4], [[0, 5]]],
    ]);
  });

  it('tells paragraphs of the same number in different articles apart', () => {
    expect(sourcesByParagraph([cite(1, 'a', 1, 0, 4), cite(2, 'b', 1, 0, 4)])).toHaveLength(2);
  });

  it('orders a paragraph’s quotes by position, whatever the answer’s order', () => {
    expect(sourcesByParagraph([cite(1, 'a', 1, 50, 60), cite(2, 'a', 1, 0, 10)])[0]!.ranges).toEqual([[0, 10], [50, 60]]);
  });

  it('marks only ranges inside the text, joining those that overlap or touch', () => {
    expect(markableRanges([[20, 30], [0, 10], [25, 40], [40, 45], [90, 120], [5, 5], [-1, 3]], 100)).toEqual([[0, 10], [20, 45]]);
  });

  it('writes the ranges into a link and reads them back; a malformed one marks nothing', () => {
    const ranges = [[0, 40], [90, 120]] as const;
    expect(highlightParameter(ranges)).toBe('0-40,90-120');
    expect(parseHighlight(highlightParameter(ranges))).toEqual(ranges);
    expect(parseHighlight('12-30')).toEqual([[12, 30]]);
    for (const bad of [null, '', '1-', '1-2,', 'a-b', '1-2;3-4']) expect(parseHighlight(bad)).toEqual([]);
  });
});
