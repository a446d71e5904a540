/**
 * A build's terms as stores keep them: which paragraphs read as they did in
 * the previous build (their stems are kept rather than read again), and the
 * stems of a build's paragraphs and articles as a vocabulary and runs of
 * ids (`StoredTerms`).
 */
import type { ParagraphTerms, TermContext } from '../../contracts/shared-index.ts';
import type { StoredTerms } from '../../contracts/store.ts';
import { yieldToEventLoop } from '../../shared/yield.ts';

/** Paragraphs stemmed between yields to the event loop: a service writing a build keeps answering. */
const PARAGRAPHS_PER_SLICE = 1000;

export interface TermReading {
  /** The build's context, from all its paragraphs' texts. */
  context: TermContext;
  /** Whether a text reads as it did in the previous build's context: unless an acronym it spells out was defined since. */
  readsAsBefore(text: string): boolean;
}

/** How a build's paragraphs read, against `before`: the previous build's context, when its terms were read the same way (else null). */
export function termReading(terms: ParagraphTerms, texts: readonly string[], before: TermContext | null): TermReading {
  const context = terms.context(texts);
  if (before === null) return { context, readsAsBefore: () => false };
  const sameContext = JSON.stringify(before) === JSON.stringify(context);
  return { context, readsAsBefore: sameContext ? () => true : terms.expandsAlike(before, context) };
}

/** The stems of row `row`. */
export function stemsOfRow({ vocabulary, offsets, ids }: StoredTerms, row: number): string[] {
  const stems = new Array<string>(offsets[row + 1]! - offsets[row]!);
  for (let i = 0; i < stems.length; i++) stems[i] = vocabulary[ids[offsets[row]! + i]!]!;
  return stems;
}

/** Every row's stems, in order, each list made when it is reached. */
export function* stemRows(stored: StoredTerms): Generator<string[]> {
  for (let row = 0; row + 1 < stored.offsets.length; row++) yield stemsOfRow(stored, row);
}

/** A build's articles and, for each, its stems (`ParagraphTerms.article`), kept or read. */
export interface ArticleReading {
  documents: readonly string[];
  stems(article: number): Iterable<string>;
}

/**
 * The stored terms of paragraphs, each either `kept(row)` (its stems from
 * the previous build, when it reads as it did there) or stemmed now in the
 * reading's context, and of the articles.
 */
export async function storedTermsOf(
  terms: ParagraphTerms,
  texts: readonly string[],
  reading: TermReading,
  kept: (row: number) => string[] | null,
  articles: ArticleReading,
): Promise<StoredTerms> {
  const index = new Map<string, number>();
  const idOf = (stem: string) => {
    let id = index.get(stem);
    if (id === undefined) index.set(stem, (id = index.size));
    return id;
  };
  const offsets = new Uint32Array(texts.length + 1);
  const ids: number[] = [];
  for (let row = 0; row < texts.length; row++) {
    if (row > 0 && row % PARAGRAPHS_PER_SLICE === 0) await yieldToEventLoop();
    for (const stem of kept(row) ?? terms.stems(terms.expanded(texts[row]!, reading.context))) ids.push(idOf(stem));
    offsets[row + 1] = ids.length;
  }
  const articleOffsets = new Uint32Array(articles.documents.length + 1);
  const articleIds: number[] = [];
  for (let a = 0; a < articles.documents.length; a++) {
    if (a > 0 && a % PARAGRAPHS_PER_SLICE === 0) await yieldToEventLoop();
    const own = [...new Set(Array.from(articles.stems(a), idOf))].sort((x, y) => x - y);
    for (const id of own) articleIds.push(id);
    articleOffsets[a + 1] = articleIds.length;
  }
  return {
    context: reading.context,
    vocabulary: [...index.keys()],
    offsets,
    ids: Uint32Array.from(ids),
    articles: { documents: articles.documents, offsets: articleOffsets, ids: Uint32Array.from(articleIds) },
  };
}

/** The stems of article `article`. */
export function stemsOfArticle({ vocabulary, articles }: StoredTerms, article: number): string[] {
  return Array.from(articles.ids.subarray(articles.offsets[article]!, articles.offsets[article + 1]!), (id) => vocabulary[id]!);
}
