/**
 * The ingest flow, stage after stage: read and clean the corpus (1), cut
 * paragraphs and embed what is new or changed (2), reuse the vectors of
 * what is not, and write a new build to the store (3).
 */
import type { IngestReport } from '../contracts/api.ts';
import type { ArticleDocument, Chunk } from '../contracts/document.ts';
import { CorpusError, IndexCorruptError } from '../contracts/errors.ts';
import type { Embedder, FallbackNotice, ModelIdentity } from '../contracts/model.ts';
import type { IndexManifest, IndexStore, PreviousBuild, StoredItem } from '../contracts/store.ts';
import { groupBy } from '../shared/group-by.ts';
import { listed } from '../shared/listed.ts';
import { splitSentences } from '../text/sentences.ts';
import { CHUNKER_VERSION, chunkDocument } from '../stages/1-ingest/chunk.ts';
import { readCorpus, sameSource, type Corpus } from '../stages/1-ingest/corpus.ts';
import { sameArticle } from '../stages/1-ingest/document.ts';
import { SUPPORTED_EXTENSIONS } from '../stages/1-ingest/formats.ts';
import { INDEX_FORMAT, isParagraph, manifestParagraphs, paragraphItem, sentenceItem } from '../stages/3-store/items.ts';

export interface IngestOptions {
  corpusDir: string;
  /** The corpus, when the caller has read it already (it is read from `corpusDir` otherwise, against the previous build). */
  corpus?: Corpus;
  /** The current build, when the caller has read it already (readPreviousBuild: null when there is none, why when it cannot be read). */
  previous?: PreviousBuild | null | IndexCorruptError;
  store: IndexStore;
  embedder: Embedder;
  fallback: FallbackNotice | null;
  /** Embed everything again even when nothing changed. */
  full?: boolean;
  /** Called as paragraphs are embedded. */
  onProgress?: (embedded: number, total: number) => void;
}

/**
 * Paragraphs embedded per call. Each call's paragraphs are sorted by tokens
 * and cut into forward batches, each padded to its longest: over PIAF's
 * paragraphs and the default model's tokenizer, calls of 128 padded to
 * 1.135 times the real tokens, calls of 512 to 1.051. Large enough for
 * that, small enough for a steady progress bar; the next call
 * is asked for while one is embedded (embedChunks), so the threads of a
 * pool never wait between calls.
 */
const EMBED_BATCH = 512;

/** Texts in the calls an ingest embeds them in: the bench times the forward passes alone over the same. */
export function ingestCalls<T>(texts: readonly T[]): T[][] {
  const calls: T[][] = [];
  for (let start = 0; start < texts.length; start += EMBED_BATCH) calls.push(texts.slice(start, start + EMBED_BATCH));
  return calls;
}

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const { previous, fullRebuild: rebuildBecause } = await previousBuild(options);
  const corpus = options.corpus ?? (await readCorpus(options.corpusDir, reusableDocuments(previous, options.full)));
  const { documents, failures, notices } = keepUnreadable(corpus, previous);
  if (documents.length === 0) {
    const why = failures.length ? `; unreadable: ${failures.map((f) => `${f.file} (${f.reason})`).join(', ')}` : '';
    throw new CorpusError(`no article to index in ${options.corpusDir}${why}: add articles to it (${SUPPORTED_EXTENSIONS.join(', ')})`);
  }
  const previousDocuments = new Map((previous?.manifest.documents ?? []).map((doc) => [doc.id, doc]));
  const current = new Set(documents.map((doc) => doc.id));
  const removed = [...previousDocuments.keys()].filter((id) => !current.has(id));
  const outcome = { documents: documents.length, removed, failures: failures.map(({ file, reason }) => ({ file, reason })), notices, model: options.embedder.model.id, fallback: options.fallback };
  const seconds = () => (performance.now() - started) / 1000;
  // Nothing new, changed or gone, and every file as the build saw it: the current build is this one already, and
  // services following it need not reload. (A file touched but not changed is written down, or it is read at every ingest.)
  const upToDate = rebuildBecause === null && removed.length === 0 && !previous?.stale && sameFiles(documents, previous?.manifest.documents ?? []);
  // Then the build's items are not read at all: they are most of it (15,220 paragraphs: 2.5 s of such an ingest's 3.3 s).
  const counted = upToDate ? builtCounts(previous!.manifest) : null;
  if (counted) return { ...outcome, ...counted, added: [], changed: [], unchanged: [...current], paragraphsEmbedded: 0, sentencesEmbedded: 0, fullRebuild: null, rewritten: null, seconds: seconds() };
  // An older ancre's build does not count its sentences: written again once, so that the next ingest need not read it whole.
  const stale = previous?.stale ?? (upToDate ? 'it does not count its sentences' : null);

  const { items: previousItems, fullRebuild } = await reusableItems(previous, rebuildBecause);
  const { report, items, keptParagraphs, toEmbed } = keptOrNew(documents, previousDocuments, groupBy(previousItems, (item) => String(item.metadata.doc)));
  const chunks = toEmbed.flatMap((doc) => chunkDocument(doc));
  const embedded = await embedChunks(chunks, options.embedder, options.onProgress);
  for (const item of embedded.items) items.push(item);

  const paragraphIds: Record<string, string[]> = Object.fromEntries(documents.map((doc) => [doc.id, [] as string[]]));
  for (const item of items) if (isParagraph(item)) paragraphIds[String(item.metadata.doc)]!.push(item.id);
  const paragraphs = items.filter(isParagraph).length;
  const sentences = items.length - paragraphs;
  const manifest: IndexManifest = { format: INDEX_FORMAT, createdAt: new Date().toISOString(), model: options.embedder.model, chunkerVersion: CHUNKER_VERSION, documents, paragraphIds, sentences };
  await options.store.write(manifest, items, keptParagraphs);
  return {
    ...outcome,
    paragraphs,
    sentences,
    ...report,
    paragraphsEmbedded: chunks.length,
    sentencesEmbedded: embedded.sentences,
    fullRebuild,
    rewritten: fullRebuild === null ? stale : null,
    seconds: seconds(),
  };
}

/**
 * Each document added, changed or unchanged since the previous build; the
 * items of the unchanged taken as they are, the others to embed. Judged by
 * the article, not the file's bytes: a page whose clutter changed is not
 * embedded again, and a file an older ancre read differently
 * (`readingVersion`) is, though its bytes are the same.
 */
function keptOrNew(documents: readonly ArticleDocument[], previousDocuments: ReadonlyMap<string, ArticleDocument>, reusable: ReadonlyMap<string, StoredItem[]>) {
  const report = { added: [] as string[], changed: [] as string[], unchanged: [] as string[] };
  const items: StoredItem[] = [];
  const keptParagraphs = new Set<string>();
  const toEmbed = documents.filter((doc) => {
    const before = previousDocuments.get(doc.id);
    const same = before !== undefined && sameArticle(before, doc);
    (before === undefined ? report.added : same ? report.unchanged : report.changed).push(doc.id);
    const kept = same ? reusable.get(doc.id) : undefined;
    for (const item of kept ?? []) {
      items.push(item);
      if (isParagraph(item)) keptParagraphs.add(item.id);
    }
    return kept === undefined;
  });
  return { report, items, keptParagraphs, toEmbed };
}

/** A build's paragraphs and sentences as its manifest counts them; null for a build of an older ancre, which did not count its sentences. */
function builtCounts(manifest: IndexManifest): { paragraphs: number; sentences: number } | null {
  if (manifest.sentences === undefined) return null;
  return { paragraphs: manifestParagraphs(manifest), sentences: manifest.sentences };
}

/** The previous build's items, for what did not change to be kept; none when everything is embedded again, or when they cannot be read (which says why). */
async function reusableItems(previous: PreviousBuild | null, rebuildBecause: string | null): Promise<{ items: StoredItem[]; fullRebuild: string | null }> {
  if (rebuildBecause !== null || !previous) return { items: [], fullRebuild: rebuildBecause };
  try {
    return { items: await previous.items(), fullRebuild: null };
  } catch (error) {
    if (!(error instanceof IndexCorruptError)) throw error;
    return { items: [], fullRebuild: unreadable(error) };
  }
}

/**
 * Whether the corpus is, file for file, the one the previous build indexed
 * with this model: then whatever was checked of the model against the corpus
 * at that ingest (the offline model's fit, staleness.ts) still holds, and
 * need not be read again from every paragraph.
 */
export function corpusUnchangedSince(previous: PreviousBuild | null | IndexCorruptError, corpus: Corpus, model: ModelIdentity): boolean {
  if (!previous || previous instanceof IndexCorruptError || corpus.failures.length > 0) return false;
  const before = previous.manifest;
  return before.model.id === model.id && before.model.fingerprint === model.fingerprint && sameFiles(corpus.documents, before.documents);
}

/** The same documents in the same order, each from a file of the same size and modification time, read by the same version of the readers. */
function sameFiles(documents: readonly ArticleDocument[], before: readonly ArticleDocument[]): boolean {
  return documents.length === before.length && documents.every((doc, i) => doc.id === before[i]!.id && sameSource(doc.source, before[i]!.source));
}

/**
 * A file that cannot be read now but was indexed before (a permission
 * mistake, an editor truncating it mid-save) keeps its previous version:
 * it is not taken for a deletion, and the failure says so.
 */
function keepUnreadable(corpus: Corpus, previous: PreviousBuild | null): Corpus {
  const before = new Map((previous?.manifest.documents ?? []).map((doc) => [doc.id, doc]));
  const read = new Set(corpus.documents.map((doc) => doc.id));
  const kept = corpus.failures.flatMap((f) => (f.doc && before.has(f.doc) && !read.has(f.doc) ? [before.get(f.doc)!] : []));
  if (kept.length === 0) return corpus;
  const keptIds = new Set(kept.map((doc) => doc.id));
  return {
    documents: [...corpus.documents, ...kept].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    failures: corpus.failures.map((f) => (f.doc && keptIds.has(f.doc) ? { ...f, reason: `${f.reason}; its previous version is kept` } : f)),
    notices: corpus.notices,
  };
}

/**
 * The previous build's documents by file, for the corpus to be read against
 * (corpus.ts): none when everything is read again (`full`), or when the
 * build was cut or cleaned by another version.
 */
export function reusableDocuments(previous: PreviousBuild | null | IndexCorruptError, full = false): Map<string, ArticleDocument> | undefined {
  const manifest = previous instanceof IndexCorruptError ? undefined : previous?.manifest;
  if (full || !manifest || manifest.format !== INDEX_FORMAT || manifest.chunkerVersion !== CHUNKER_VERSION) return undefined;
  return new Map(manifest.documents.map((doc) => [doc.file, doc]));
}

/** The store's current build; a build that cannot be read is the ingest's to report (and to replace), not to stop at. */
export async function readPreviousBuild(store: IndexStore): Promise<PreviousBuild | null | IndexCorruptError> {
  return store.readPrevious().catch((error: unknown) => {
    if (error instanceof IndexCorruptError) return error;
    throw error;
  });
}

function unreadable(error: IndexCorruptError): string {
  return `the previous index could not be read (${error.message})`;
}

/** The build to reuse, and why everything is embedded again when nothing can be (null: an incremental ingest). */
async function previousBuild(options: IngestOptions): Promise<{ previous: PreviousBuild | null; fullRebuild: string | null }> {
  const previous = options.previous !== undefined ? options.previous : await readPreviousBuild(options.store);
  if (previous instanceof IndexCorruptError) return { previous: null, fullRebuild: unreadable(previous) };
  const model = options.embedder.model;
  const before = previous?.manifest;
  const fullRebuild = options.full
    ? 'asked for (--full)'
    : !before
      ? 'no previous index'
      : before.format !== INDEX_FORMAT
        ? 'the index format changed'
        : before.model.id !== model.id || before.model.fingerprint !== model.fingerprint
          ? `the model changed (${before.model.id === model.id ? `${model.id} rebuilt: ${before.model.fingerprint} → ${model.fingerprint}` : `${before.model.id} → ${model.id}`})`
          : before.chunkerVersion !== CHUNKER_VERSION
            ? 'the chunker changed'
            : null;
  return { previous, fullRebuild };
}

async function embedChunks(
  chunks: readonly Chunk[],
  embedder: Embedder,
  onProgress?: (embedded: number, total: number) => void,
): Promise<{ items: StoredItem[]; sentences: number }> {
  const items: StoredItem[] = [];
  let sentences = 0;
  if (chunks.length > 0) onProgress?.(0, chunks.length);
  const calls = ingestCalls(chunks);
  const embedCall = (batch: readonly Chunk[]) => {
    const spans = batch.map((chunk) => splitSentences(chunk.text));
    // One pass per paragraph gives its vector and its sentences' (late chunking): 1.6 times faster with the default model.
    const vectors = embedder.embedPassagesWithSpans(batch.map((chunk, index) => ({ text: chunk.text, spans: spans[index]! })));
    // Awaited in its turn; a failure of the call ahead while this one's is awaited must not go unhandled.
    vectors.catch(() => {});
    return { batch, spans, vectors };
  };
  let embedded = 0;
  let ahead = calls.length > 0 ? embedCall(calls[0]!) : null;
  for (let call = 1; ahead; call++) {
    const { batch, spans, vectors: embedding } = ahead;
    // The next call is asked for before this one's vectors are read: the threads of a pool go on to it rather than wait
    // for the slowest of them at the end of each call.
    ahead = call < calls.length ? embedCall(calls[call]!) : null;
    const vectors = await embedding;
    let next = 0;
    batch.forEach((chunk, index) => {
      items.push(paragraphItem(chunk, vectors[next++]!));
      // Sentence offsets are kept in paragraph coordinates: citations quote paragraphs.
      spans[index]!.forEach((span, sentence) => {
        const inParagraph = { ...span, start: span.start + chunk.paragraphOffset, end: span.end + chunk.paragraphOffset };
        items.push(sentenceItem(chunk, sentence, inParagraph, vectors[next++]!));
      });
    });
    sentences += next - batch.length;
    embedded += batch.length;
    onProgress?.(embedded, chunks.length);
  }
  return { items, sentences };
}

/** The corpus paragraphs, for building the offline model's vocabulary. */
export async function corpusParagraphs(corpusDir: string): Promise<string[]> {
  return paragraphTexts(await readCorpus(corpusDir));
}

export function paragraphTexts({ documents }: Corpus): string[] {
  return documents.flatMap((doc) => chunkDocument(doc).map((chunk) => chunk.text));
}

/** An ingest report in a few lines, for terminals and logs. */
export function describeIngest(report: IngestReport): string {
  const lines = [
    `ancre: indexed ${report.documents} documents, ${report.paragraphs} paragraphs (${report.sentences} sentences) ` +
      `with ${report.model} in ${report.seconds.toFixed(2)} s`,
    `ancre: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ` +
      `${report.unchanged.length} unchanged; ${report.paragraphsEmbedded} paragraphs embedded (${report.sentencesEmbedded} sentences)` +
      (report.fullRebuild ? ` — full rebuild: ${report.fullRebuild}` : '') +
      (report.rewritten ? ` — written again: ${report.rewritten}` : ''),
  ];
  if (report.fallback) lines.push(`ancre: model: offline fallback (${report.fallback.requested} unavailable: ${report.fallback.reason})`);
  for (const failure of report.failures) lines.push(`ancre: skipped ${failure.file}: ${failure.reason}`);
  for (const notice of report.notices.filter((n) => n.kind === 'encoding')) lines.push(`ancre: ${notice.file}: ${notice.message}`);
  // One line for each reason: a corpus folder may hold many other files, and they stay there at every ingest.
  for (const [message, notices] of groupBy(report.notices.filter((n) => n.kind === 'unsupported'), (n) => n.message)) {
    lines.push(`ancre: ${listed(notices.map((n) => n.file), 5)} ${message}`);
  }
  return lines.join('\n');
}
