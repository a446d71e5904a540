/**
 * The ingest stage end to end: read and clean the corpus, cut paragraphs,
 * embed what is new or changed, reuse the vectors of what is not, and write
 * a new index build.
 */
import type { Embedder } from '../stages/2-embed/embedder.ts';
import type { FallbackNotice } from '../stages/2-embed/load.ts';
import { paragraphItem, readCurrentBuild, sentenceItem, writeIndex, type StoredItem } from '../stages/3-store/vectra/index-store.ts';
import { INDEX_FORMAT, type IndexManifest } from '../stages/3-store/records.ts';
import { groupBy } from '../shared/group-by.ts';
import { splitSentences } from '../text/sentences.ts';
import { CHUNKER_VERSION, chunkDocument, type Chunk } from '../stages/1-ingest/chunk.ts';
import { CorpusError, readCorpus, type CorpusFailure } from '../stages/1-ingest/corpus.ts';
import type { ArticleDocument } from '../stages/1-ingest/document.ts';

export interface IngestReport {
  documents: number;
  paragraphs: number;
  sentences: number;
  /** Document ids, by what this ingest did with them. */
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  paragraphsEmbedded: number;
  sentencesEmbedded: number;
  /** Why everything was embedded again, or null for an incremental ingest. */
  fullRebuild: string | null;
  failures: CorpusFailure[];
  model: string;
  fallback: FallbackNotice | null;
  seconds: number;
  buildDir: string;
}

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  fallback: FallbackNotice | null;
  /** Embed everything again even when nothing changed. */
  full?: boolean;
  /** Called as paragraphs are embedded. */
  onProgress?: (embedded: number, total: number) => void;
}

/** Paragraphs embedded per call: small enough for a steady progress bar, large enough to batch. */
const EMBED_BATCH = 64;

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const { documents, failures } = await readCorpus(options.corpusDir);
  if (documents.length === 0) {
    const why = failures.length ? `; unreadable: ${failures.map((f) => `${f.file} (${f.reason})`).join(', ')}` : '';
    throw new CorpusError(`no article to index in ${options.corpusDir}${why}: add .txt, .md or .html articles to it`);
  }
  const model = options.embedder.model;
  const previous = await readCurrentBuild(options.indexDir);
  const fullRebuild = options.full
    ? 'asked for (--full)'
    : !previous
      ? 'no previous index'
      : previous.manifest.format !== INDEX_FORMAT
        ? 'the index format changed'
        : previous.manifest.model.id !== model.id || previous.manifest.model.fingerprint !== model.fingerprint
        ? `the model changed (${previous.manifest.model.id} → ${model.id})`
        : previous.manifest.chunkerVersion !== CHUNKER_VERSION
          ? 'the chunker changed'
          : null;

  const previousHashes = new Map((previous?.manifest.documents ?? []).map((doc) => [doc.id, doc.hash]));
  const reusable = fullRebuild === null ? groupBy(previous?.items ?? [], (item) => String(item.metadata.doc)) : new Map<string, StoredItem[]>();
  const report = { added: [] as string[], changed: [] as string[], unchanged: [] as string[] };
  const toEmbed: ArticleDocument[] = [];
  const items: StoredItem[] = [];
  const keptParagraphs = new Set<string>();
  for (const doc of documents) {
    const before = previousHashes.get(doc.id);
    (before === undefined ? report.added : before === doc.hash ? report.unchanged : report.changed).push(doc.id);
    const kept = before === doc.hash ? reusable.get(doc.id) : undefined;
    if (kept) {
      items.push(...kept);
      for (const item of kept) if (item.metadata.kind === 'paragraph') keptParagraphs.add(item.id);
    } else toEmbed.push(doc);
  }
  const current = new Set(documents.map((doc) => doc.id));
  const removed = [...previousHashes.keys()].filter((id) => !current.has(id));

  const chunks = toEmbed.flatMap((doc) => chunkDocument(doc));
  const embedded = await embedChunks(chunks, options.embedder, options.onProgress);
  for (const item of embedded.items) items.push(item);

  const paragraphIds: Record<string, string[]> = Object.fromEntries(documents.map((doc) => [doc.id, [] as string[]]));
  for (const item of items) if (item.metadata.kind === 'paragraph') paragraphIds[String(item.metadata.doc)]!.push(item.id);
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    createdAt: new Date().toISOString(),
    model,
    chunkerVersion: CHUNKER_VERSION,
    documents,
    paragraphIds,
  };
  // A kept paragraph keeps its vector, and so its place in the previous build's vector lists.
  const previousLists = fullRebuild === null ? previous?.vectorLists : null;
  // The previous build's paragraph items, in the order of its lists' rows.
  const previousParagraphs = previous?.items.filter((item) => item.metadata.kind === 'paragraph') ?? [];
  const reuse = previousLists
    ? {
        lists: previousLists,
        listOfParagraph: new Map(
          previousParagraphs.flatMap(({ id }, row) => (keptParagraphs.has(id) ? [[id, previousLists.listOfRow[row]!] as const] : [])),
        ),
      }
    : undefined;
  const buildDir = await writeIndex(options.indexDir, manifest, items, reuse);
  const paragraphs = items.filter((item) => item.metadata.kind === 'paragraph').length;
  return {
    documents: documents.length,
    paragraphs,
    sentences: items.length - paragraphs,
    ...report,
    removed,
    paragraphsEmbedded: chunks.length,
    sentencesEmbedded: embedded.sentences,
    fullRebuild,
    failures,
    model: model.id,
    fallback: options.fallback,
    seconds: (performance.now() - started) / 1000,
    buildDir,
  };
}


async function embedChunks(
  chunks: readonly Chunk[],
  embedder: Embedder,
  onProgress?: (embedded: number, total: number) => void,
): Promise<{ items: StoredItem[]; sentences: number }> {
  const items: StoredItem[] = [];
  let sentences = 0;
  if (chunks.length > 0) onProgress?.(0, chunks.length);
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH);
    // Sentence offsets are kept in paragraph coordinates: citations quote paragraphs.
    const spans = batch.map((chunk) =>
      splitSentences(chunk.text).map((s) => ({ ...s, start: s.start + chunk.paragraphOffset, end: s.end + chunk.paragraphOffset })),
    );
    const vectors = await embedder.embedPassages([...batch.map((c) => c.text), ...spans.flat().map((s) => s.text)]);
    let next = batch.length;
    batch.forEach((chunk, index) => {
      items.push(paragraphItem(chunk, vectors[index]!));
      spans[index]!.forEach((span, sentence) => items.push(sentenceItem(chunk, sentence, span, vectors[next++]!)));
    });
    sentences += next - batch.length;
    onProgress?.(Math.min(start + EMBED_BATCH, chunks.length), chunks.length);
  }
  return { items, sentences };
}

/** The corpus paragraphs, for building the offline model's vocabulary. */
export async function corpusParagraphs(corpusDir: string): Promise<string[]> {
  const { documents } = await readCorpus(corpusDir);
  return documents.flatMap((doc) => chunkDocument(doc).map((chunk) => chunk.text));
}
