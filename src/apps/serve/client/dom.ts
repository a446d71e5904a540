/** Small DOM helpers shared by the page scripts: elements from text only. */
import { highlightParameter, markableRanges, type Range } from './sources.ts';

type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A paragraph's text with each range [start, end) wrapped in <mark>, as nodes. */
export function markedParagraph(text: string, ranges: readonly Range[]): Child[] {
  const nodes: Child[] = [];
  let at = 0;
  for (const [start, end] of markableRanges(ranges, text.length)) {
    if (start > at) nodes.push(text.slice(at, start));
    nodes.push(el('mark', {}, [text.slice(start, end)]));
    at = end;
  }
  if (at < text.length || nodes.length === 0) nodes.push(text.slice(at));
  return nodes;
}

/** The article page, scrolled to the paragraph, with the quoted ranges to highlight (the citation's own by default). */
export function sourceHref(citation: { doc: string; paragraph: number; start: number; end: number }, ranges: readonly Range[] = [[citation.start, citation.end]]): string {
  return `/docs/${encodeURIComponent(citation.doc)}?p=${citation.paragraph}&hl=${highlightParameter(ranges)}#p-${citation.paragraph}`;
}
