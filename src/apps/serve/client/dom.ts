/** Small DOM helpers shared by the page scripts: elements from text only. */

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

/** A paragraph's text with the range [start, end) wrapped in <mark>, as nodes. */
export function markedParagraph(text: string, start: number, end: number): Child[] {
  if (!(start >= 0 && end > start && end <= text.length)) return [text];
  return [text.slice(0, start), el('mark', {}, [text.slice(start, end)]), text.slice(end)];
}

/** The article page, scrolled to the paragraph, with the quote's range to highlight. */
export function sourceHref(citation: { doc: string; paragraph: number; start: number; end: number }): string {
  return `/docs/${encodeURIComponent(citation.doc)}?p=${citation.paragraph}&hl=${citation.start}-${citation.end}#p-${citation.paragraph}`;
}
