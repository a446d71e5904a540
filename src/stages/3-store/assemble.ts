/** A build's raw parts, as any store reads them, joined into the index the rest of ancre answers from. */
import type { ArticleDocument } from '../../contracts/document.ts';
import { IndexCorruptError } from '../../contracts/errors.ts';
import type { IndexManifest, LoadedIndex, StoredChunk, StoredItem, StoredTerms, VectorLists } from '../../contracts/store.ts';
import { REBUILD_WHOLE } from './build-errors.ts';
import { vectorMatrix } from './vector-matrix.ts';
import { yieldToEventLoop } from '../../shared/yield.ts';

export interface BuildParts {
  manifest: IndexManifest;
  location: string;
  build: string;
  paragraphs: readonly StoredItem[];
  sentences: { vectors: Float32Array; items: readonly StoredItem[] };
  vectorLists: VectorLists | null;
  paragraphTerms?: StoredTerms | null;
}

/** Items between yields to the event loop: a service opening a large build keeps answering meanwhile. */
const ITEMS_PER_SLICE = 5000;

export async function assembleIndex({ manifest, location, build, paragraphs, sentences, vectorLists, paragraphTerms }: BuildParts): Promise<LoadedIndex> {
  const dimensions = manifest.model.dimensions;
  const documents = new Map(manifest.documents.map((doc) => [doc.id, doc]));
  const sectionsOf = sectionHeadings();
  const chunksById = new Map<string, StoredChunk>();
  const assembly: Assembly = { documents, dimensions, sectionsOf, chunksById };
  const chunks: StoredChunk[] = [];
  for (const [row, item] of paragraphs.entries()) {
    if (row > 0 && row % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
    chunks.push(chunkOf(item, row, assembly));
  }
  for (const [row, item] of sentences.items.entries()) {
    if (row > 0 && row % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
    const m = item.metadata;
    const chunk = chunksById.get(String(m.chunk));
    if (!chunk) throw new IndexCorruptError(`sentence ${item.id} has no paragraph: ${REBUILD_WHOLE}`);
    const start = Number(m.start);
    const end = Number(m.end);
    chunk.sentences[Number(m.sentence)] = { row, start, end, text: chunk.paragraphText.slice(start, end) };
  }
  // Every item's vector length was checked above, so the rows line up.
  const chunkVectors = vectorMatrix(paragraphs, dimensions);
  const index: LoadedIndex = { manifest, location, build, documents, chunks, dimensions, chunkVectors, sentenceVectors: sentences.vectors, vectorLists };
  if (paragraphTerms) index.paragraphTerms = paragraphTerms;
  return index;
}

interface Assembly {
  documents: ReadonlyMap<string, ArticleDocument>;
  dimensions: number;
  sectionsOf: (doc: ArticleDocument) => (string | null)[];
  chunksById: Map<string, StoredChunk>;
}

/** The chunk of a paragraph item, checked against its manifest. */
function chunkOf(item: StoredItem, row: number, { documents, dimensions, sectionsOf, chunksById }: Assembly): StoredChunk {
  const m = item.metadata;
  const doc = documents.get(String(m.doc));
  const paragraph = doc?.paragraphs[Number(m.paragraph) - 1];
  if (!doc || !paragraph || item.vector.length !== dimensions) {
    throw new IndexCorruptError(`index item ${item.id} does not match its manifest: ${REBUILD_WHOLE}`);
  }
  const chunk: StoredChunk = {
    row,
    id: item.id,
    doc: doc.id,
    title: doc.title,
    paragraph: paragraph.number,
    section: sectionsOf(doc)[paragraph.number - 1] ?? null,
    text: String(m.text),
    paragraphText: paragraph.text,
    sentences: [],
  };
  chunksById.set(item.id, chunk);
  return chunk;
}

/**
 * The heading each paragraph of a document sits under, found in one pass
 * per document (looking back from every paragraph made opening a long
 * article quadratic in its length).
 */
export function sectionHeadings(): (doc: ArticleDocument) => (string | null)[] {
  const cache = new Map<string, (string | null)[]>();
  return (doc) => {
    let sections = cache.get(doc.id);
    if (!sections) {
      let heading: string | null = null;
      sections = doc.paragraphs.map((p) => {
        const before = heading;
        if (p.kind === 'heading') heading = p.text;
        return before;
      });
      cache.set(doc.id, sections);
    }
    return sections;
  };
}
