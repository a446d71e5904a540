/**
 * The embedded store, ancre's default: a folder per build holding vectra's
 * `index.json` for the paragraphs (vector, text, document, offsets), their
 * vectors again as a raw float32 matrix that a start reads (paragraph-file.ts),
 * the sentences' likewise, the manifest, and the vector lists (IVF) of a large index.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { IndexCorruptError } from '../../../contracts/errors.ts';
import type { ParagraphTerms } from '../../../contracts/shared-index.ts';
import type { IndexManifest, IndexStore, LoadedIndex, PreviousBuild, StoredItem, StoredTerms, VectorLists } from '../../../contracts/store.ts';
import { checkFormat, noIndex, readingBuild } from '../build-errors.ts';
import { INDEX_FORMAT, isParagraph, manifestParagraphs } from '../items.ts';
import { DEFAULT_VECTOR_LISTS, listsForBuild, readVectorLists, writeVectorLists, type ListsOfBuild, type VectorListOptions } from '../vector-lists.ts';
import { vectorMatrix } from '../vector-matrix.ts';
import { assembleIndex, sectionHeadings } from '../assemble.ts';
import { currentBuildDir, makeCurrent, newBuildDir, writingBuild } from './builds.ts';
import { checkSentenceFiles, readSentenceFile, writeSentenceFile } from './sentence-file.ts';
import { hasParagraphFile, readParagraphs, writeParagraphFile } from './paragraph-file.ts';
import { checkVectraFile, PART_CHARS, previousParts, writeVectraFile, type PreviousPart } from './vectra-file.ts';
import { loadVectraReader } from './vectra-items.ts';
import { acquireWriteLock } from './write-lock.ts';
import { readTermsFile, writeTermsFile } from './terms-file.ts';
import { hasManifestFile, MANIFEST_CHARS, readManifestFile, writeManifestFile } from './manifest-file.ts';
import { stemsOfArticle, stemsOfRow, storedTermsOf, termReading } from '../stored-terms.ts';
import { groupBy } from '../../../shared/group-by.ts';

export interface VectraStoreOptions {
  /** When the paragraph vectors are split into lists for approximate search, and how. */
  lists?: VectorListOptions;
  /**
   * How the lexical ranking reads a paragraph: a build written with it keeps
   * its paragraphs' stems, and opening it reads them rather than the texts.
   * Without it, no stems are written or read.
   * @default null
   */
  terms?: ParagraphTerms | null;
  /** The current build as `readAhead` read it, which `open` answers with while that build is still the current one. */
  ahead?: Promise<LoadedIndex | null> | null;
  /**
   * Characters of JSON in one part of the paragraphs' file at most: a part
   * is read as one string, which V8 bounds (vectra-file.ts).
   * @default PART_CHARS (128 Mi)
   */
  partChars?: number;
  /**
   * Characters the manifest may hold at most: it is read back as one string,
   * which V8 bounds (manifest-file.ts); past it an ingest stops before making
   * its build current.
   * @default MANIFEST_CHARS (V8's bound on one string, about 512 Mi)
   */
  manifestChars?: number;
}

export class VectraStore implements IndexStore {
  /**
   * The build `readPrevious` read last: its paragraph ids, in row order, and
   * its stems when it keeps them. The next write reuses its lists and the
   * kept paragraphs' stems without reading them again.
   */
  private previousRows: { buildDir: string; ids: string[]; terms: StoredTerms | null } | null = null;

  private readonly lists: VectorListOptions;
  private readonly terms: ParagraphTerms | null;
  private ahead: Promise<LoadedIndex | null> | null;
  private readonly partChars: number;
  private readonly manifestChars: number;

  constructor(
    readonly location: string,
    { lists = DEFAULT_VECTOR_LISTS, terms = null, ahead = null, partChars = PART_CHARS, manifestChars = MANIFEST_CHARS }: VectraStoreOptions = {},
  ) {
    this.lists = lists;
    this.terms = terms;
    this.ahead = ahead;
    this.partChars = partChars;
    this.manifestChars = manifestChars;
  }

  /**
   * Reads the current build now, code and files: a service does it while its
   * model loads on another thread, rather than after (at 13 paragraphs 0.1
   * s of a start; at 100,000, the model's whole load). Null when it cannot:
   * `open` then meets the failure again, where it is reported.
   * `offThread`: the paragraphs' file is read on a worker thread, for a
   * caller about to load its model on this one (`ancre ask`): vectra's
   * module alone takes 0.13 s to load, its English model for a BM25 ancre
   * does not use.
   */
  static async readAhead(location: string, { offThread = false, terms = null }: { offThread?: boolean; terms?: ParagraphTerms | null } = {}): Promise<LoadedIndex | null> {
    try {
      if (!offThread) await loadVectraReader();
      return await new VectraStore(location, { terms }).read(offThread);
    } catch {
      return null;
    }
  }

  async exists(): Promise<boolean> {
    const buildDir = await currentBuildDir(this.location).catch(() => null);
    return buildDir !== null && (await hasManifestFile(buildDir));
  }

  async readPrevious(): Promise<PreviousBuild | null> {
    const buildDir = await this.currentOrNull();
    if (!buildDir) return null;
    const what = `the index in ${buildDir}`;
    return readingBuild(what, async () => {
      const manifest = await readManifestFile(buildDir);
      // Items of another format are not reused; the manifest still says why.
      if (manifest.format !== INDEX_FORMAT) return { manifest, items: async () => [] };
      // Its items are read only if something changed; a build that lost one of its files is told now, and rebuilt whole.
      await checkVectraFile(buildDir);
      await checkSentenceFiles(buildDir, manifest.sentences, manifest.model.dimensions);
      const stored = this.terms ? await readTermsFile(buildDir, this.terms.version) : null;
      // Whether the stems' rows are the build's paragraphs is known for sure once these are read (readTerms); until then,
      // rows naming the manifest's paragraphs, each once, tell a build that keeps its stems from one that does not.
      const stale = this.terms && !(stored && rowsNameEach(stored.rows, manifest)) ? 'it keeps no paragraph stems read as this ancre reads them' : await paragraphFileMissing(buildDir, manifest);
      let items: Promise<StoredItem[]> | null = null;
      const readItems = () =>
        readingBuild(what, async () => {
          const paragraphs = await readParagraphs(buildDir, manifest);
          const { items: sentences } = await readSentenceFile(buildDir, manifest.model.dimensions);
          const terms = stored && sameRows(stored.rows, paragraphs) ? stored.terms : null;
          this.previousRows = { buildDir, ids: paragraphs.map((item) => item.id), terms };
          return [...paragraphs, ...sentences];
        });
      return { manifest, items: () => (items ??= readItems()), ...(stale ? { stale } : {}) };
    });
  }

  async write(manifest: IndexManifest, items: readonly StoredItem[], keptParagraphs: ReadonlySet<string>): Promise<string> {
    await mkdir(this.location, { recursive: true });
    const release = await acquireWriteLock(this.location);
    try {
      // The build kept paragraphs come from: its vector lists and its parts of the paragraphs' file are reused.
      const current = keptParagraphs.size > 0 ? await this.currentWithRows() : null;
      const previousLists = current ? await keptLists(current, manifest.model.dimensions) : null;
      const buildDir = await newBuildDir(this.location);
      await writingBuild(buildDir, async () => {
        const paragraphs = items.filter(isParagraph);
        const previous = current ? { parts: await keptParts(current), kept: keptParagraphs } : null;
        await writeVectraFile(buildDir, paragraphs, { partChars: this.partChars, previous });
        await writeParagraphFile(buildDir, paragraphs, new Map(manifest.documents.map((doc) => [doc.id, doc])), manifest.model.dimensions);
        await writeSentenceFile(buildDir, items.filter((item) => !isParagraph(item)), manifest.model.dimensions);
        if (this.terms) await this.writeTerms(buildDir, this.terms, manifest, paragraphs, keptParagraphs);
        if (paragraphs.length >= this.lists.minRows) {
          await writeVectorLists(buildDir, await this.vectorListsFor(paragraphs, manifest.model.dimensions, previousLists, keptParagraphs));
        }
        await writeManifestFile(buildDir, manifest, this.manifestChars);
      });
      await makeCurrent(this.location, buildDir);
      return buildDir;
    } finally {
      await release();
    }
  }

  async open(): Promise<LoadedIndex> {
    const ahead = await this.ahead;
    // Handed over once: the next open reads the build again (it may be another one by then).
    this.ahead = null;
    if (ahead && ahead.build === (await this.currentBuild())) return ahead;
    return this.read(false);
  }

  /** The current build; vectra's file, for a build without the paragraphs' own, read on a worker thread when `onWorker` (see `readVectraFile`). */
  private async read(onWorker: boolean): Promise<LoadedIndex> {
    const buildDir = await this.currentOrNull();
    if (!buildDir) throw noIndex(this.location);
    const parts = await readingBuild(`the index in ${buildDir}`, async () => {
      const manifest = await readManifestFile(buildDir);
      checkFormat(manifest, buildDir);
      const paragraphs = await readParagraphs(buildDir, manifest, onWorker);
      const sentences = await readSentenceFile(buildDir, manifest.model.dimensions);
      const vectorLists = await readVectorLists(buildDir, paragraphs.length, manifest.model.dimensions);
      const paragraphTerms = this.terms ? await this.readTerms(buildDir, this.terms, paragraphs) : null;
      return { manifest, location: buildDir, build: path.basename(buildDir), paragraphs, sentences, vectorLists, paragraphTerms };
    });
    return await assembleIndex(parts);
  }

  async currentBuild(): Promise<string | null> {
    const buildDir = await this.currentOrNull();
    return buildDir && path.basename(buildDir);
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }

  async drop(): Promise<void> {
    await rm(this.location, { recursive: true, force: true });
  }

  private async currentOrNull(): Promise<string | null> {
    try {
      return await currentBuildDir(this.location);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new IndexCorruptError(`cannot read ${path.join(this.location, 'CURRENT')} (${(error as Error).message})`);
    }
  }

  /**
   * The paragraphs' and articles' stems: kept from the current build for
   * kept paragraphs that read as they did there, and for articles whose
   * paragraphs were all kept; read from the texts otherwise.
   */
  private async writeTerms(buildDir: string, terms: ParagraphTerms, manifest: IndexManifest, paragraphs: readonly StoredItem[], kept: ReadonlySet<string>): Promise<void> {
    // The stems read with the kept items, from the same build (another process may have made a newer one current since).
    const previous = kept.size > 0 ? (this.previousRows?.terms ?? null) : null;
    const previousRow = new Map(previous ? this.previousRows!.ids.map((id, row) => [id, row]) : []);
    const previousArticle = new Map(previous?.articles.documents.map((doc, a) => [doc, a]));
    const texts = paragraphs.map((item) => String(item.metadata.text));
    const reading = termReading(terms, texts, previous?.context ?? null);
    const keptStems = (row: number) => {
      const before = kept.has(paragraphs[row]!.id) ? previousRow.get(paragraphs[row]!.id) : undefined;
      return before !== undefined && reading.readsAsBefore(texts[row]!) ? stemsOfRow(previous!, before) : null;
    };
    const byDoc = groupBy(paragraphs, (item) => String(item.metadata.doc));
    const documents = manifest.documents.filter((doc) => byDoc.has(doc.id));
    const sectionsOf = sectionHeadings();
    const articleStems = (a: number) => {
      const doc = documents[a]!;
      const items = byDoc.get(doc.id)!;
      const before = items.every((item) => kept.has(item.id)) ? previousArticle.get(doc.id) : undefined;
      if (before !== undefined) return stemsOfArticle(previous!, before);
      const numbers = new Set(items.map((item) => Number(item.metadata.paragraph)));
      return terms.article(doc.title, [...numbers].map((n) => ({ text: doc.paragraphs[n - 1]!.text, section: sectionsOf(doc)[n - 1] ?? null })));
    };
    const articles = { documents: documents.map((doc) => doc.id), stems: articleStems };
    await writeTermsFile(buildDir, terms.version, paragraphs.map((item) => item.id), await storedTermsOf(terms, texts, reading, keptStems, articles));
    // Handed over once: a service would otherwise hold the old build's stems until its next ingest.
    if (this.previousRows) this.previousRows.terms = null;
  }

  /** The build's stems, when they were read this way and are whole, and their rows are the paragraphs'. */
  private async readTerms(buildDir: string, terms: ParagraphTerms, paragraphs: readonly StoredItem[]): Promise<StoredTerms | null> {
    const stored = await readTermsFile(buildDir, terms.version);
    return stored && sameRows(stored.rows, paragraphs) ? stored.terms : null;
  }

  /** The current build, with its paragraph ids in row order when it is the build readPrevious read; null when there is none. */
  private async currentWithRows(): Promise<CurrentBuild | null> {
    const buildDir = await currentBuildDir(this.location).catch(() => null);
    if (!buildDir) return null;
    return { buildDir, ids: this.previousRows?.buildDir === buildDir ? this.previousRows.ids : null };
  }

  private async vectorListsFor(paragraphs: readonly StoredItem[], dimensions: number, previous: ListsOfBuild | null, kept: ReadonlySet<string>): Promise<VectorLists> {
    return listsForBuild({ ids: paragraphs.map((item) => item.id), dimensions, vectors: vectorMatrix(paragraphs, dimensions) }, previous, kept, this.lists);
  }
}

/** A store's current build, and its paragraph ids in row order when they are known (readPrevious read it). */
interface CurrentBuild {
  buildDir: string;
  ids: readonly string[] | null;
}

/**
 * The current build's lists with the paragraph ids of their rows, or null
 * (none, or unreadable: they are then built again). `dimensions`: the new
 * build's, the current one's too when it keeps its paragraphs (the same model).
 */
async function keptLists({ buildDir, ids: known }: CurrentBuild, dimensions: number): Promise<ListsOfBuild | null> {
  try {
    // Rows known: its manifest (every article's text) need not be read again. Otherwise another process's build became
    // current meanwhile, and is read for them.
    const manifest = known ? null : await readManifestFile(buildDir);
    const lists = await readVectorLists(buildDir, known?.length ?? manifestParagraphs(manifest!), dimensions);
    if (!lists) return null;
    return { lists, ids: known ?? (await readParagraphs(buildDir, manifest!)).map((item) => item.id) };
  } catch {
    return null;
  }
}

/** The current build's parts of the paragraphs' file, when its rows are known; none otherwise, or when they cannot be listed (all are then written again). */
async function keptParts({ buildDir, ids }: CurrentBuild): Promise<PreviousPart[]> {
  return ids ? previousParts(buildDir, ids).catch(() => []) : [];
}

/** Why a build is written again though nothing changed: it keeps its paragraphs only in vectra's file (paragraph-file.ts). */
async function paragraphFileMissing(buildDir: string, manifest: IndexManifest): Promise<string | undefined> {
  return (await hasParagraphFile(buildDir, manifest)) ? undefined : "it keeps its paragraphs only in vectra's file, slow to read";
}

/** Whether the stems' rows are these paragraphs, in order. */
function sameRows(rows: readonly string[], paragraphs: readonly StoredItem[]): boolean {
  return rows.length === paragraphs.length && rows.every((id, row) => id === paragraphs[row]!.id);
}

/** Whether the stems' rows name each of the manifest's paragraphs once (their order is the vectra file's, checked by `sameRows` when it is read). */
function rowsNameEach(rows: readonly string[], manifest: IndexManifest): boolean {
  const ids = new Set(Object.values(manifest.paragraphIds).flat());
  return rows.length === ids.size && rows.every((id) => ids.has(id));
}
