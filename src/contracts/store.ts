/**
 * The index as the stages around the store see it: what a build holds, what
 * is loaded to answer from, and the store interface any backend implements
 * (the embedded vectra store today).
 */
import type { ArticleDocument } from './document.ts';
import type { ModelIdentity } from './model.ts';

export interface IndexManifest {
  /** Bumped when what a build holds changes shape; an older build is then rebuilt whole. */
  format: number;
  createdAt: string;
  model: ModelIdentity;
  chunkerVersion: number;
  documents: ArticleDocument[];
  /** The ids of each document's paragraph items (`doc#n`, `doc#n.part`), by document id. */
  paragraphIds: Record<string, string[]>;
  /** How many sentence items the build holds; absent from an older ancre's builds. */
  sentences?: number;
}

/** Metadata as vector stores keep it: flat values only. */
export type ItemMetadata = Record<string, string | number | boolean>;

/** One embedded unit (a paragraph or a sentence) with its vector, as written to and read from a store. */
export interface StoredItem {
  id: string;
  vector: ArrayLike<number>;
  metadata: ItemMetadata;
}

export interface StoredSentence {
  /** Row of this sentence's vector in `sentenceVectors`. */
  row: number;
  /** Offsets in the paragraph's text. */
  start: number;
  end: number;
  text: string;
}

export interface StoredChunk {
  /** Row of this chunk's vector in `chunkVectors`. */
  row: number;
  id: string;
  doc: string;
  title: string;
  paragraph: number;
  /** The section heading the paragraph sits under, if any. */
  section: string | null;
  text: string;
  /** The whole paragraph the chunk belongs to (the chunk itself, unless it was split). */
  paragraphText: string;
  sentences: StoredSentence[];
}

/** Centroids (row-major, normalised) and, for each paragraph row, its list: approximate dense search (IVF). */
export interface VectorLists {
  centroids: Float32Array;
  listOfRow: Uint32Array;
  /** How many rows the index had when the centroids were trained. */
  trainedOn: number;
}

export interface LoadedIndex {
  manifest: IndexManifest;
  /** Where the build lives, for figures such as its size on disk. */
  location: string;
  /** Which build this is: what `IndexStore.currentBuild` said when it was current. */
  build: string;
  documents: Map<string, ArticleDocument>;
  chunks: StoredChunk[];
  dimensions: number;
  /** Row-major, one L2-normalised vector per chunk. */
  chunkVectors: Float32Array;
  /** Row-major, one L2-normalised vector per sentence. */
  sentenceVectors: Float32Array;
  /** The paragraph vectors' lists for approximate search, in a large index. */
  vectorLists: VectorLists | null;
  /**
   * The paragraphs' and articles' stems as the build keeps them, when it was read the way
   * this ancre reads (`ParagraphTerms.version`); absent otherwise, and then
   * read again from the texts. Handed over once: the lexical index made
   * from them lets them go.
   */
  paragraphTerms?: StoredTerms | undefined;
}

/**
 * The corpus-wide facts a paragraph's terms depend on besides its own text
 * (the acronyms the articles define, as [acronym, long form] pairs): kept
 * with a build, so that a paragraph whose terms did not change keeps them.
 */
export type TermContext = readonly (readonly [string, string])[];

/**
 * Each paragraph's stems as the lexical ranking reads them, and each
 * article's as the ranking features do, kept with a build so that opening
 * it does not stem every paragraph again (0.3-0.5 s at 761 paragraphs), nor
 * the first question every article it brings up: a vocabulary, and for each
 * row and each article a run of ids into it.
 */
export interface StoredTerms {
  /** The build's term context (the acronyms its articles define), which the stems were read in. */
  context: TermContext;
  vocabulary: readonly string[];
  /** Row r's stems are `ids[offsets[r]]` up to `ids[offsets[r + 1]]`, excluded; one more offset than rows. */
  offsets: Uint32Array;
  ids: Uint32Array;
  /** Each article's stems (`ParagraphTerms.article`), in the same vocabulary: article a's are `ids[offsets[a]]` up to `ids[offsets[a + 1]]`, ascending. */
  articles: { documents: readonly string[]; offsets: Uint32Array; ids: Uint32Array };
}

/** The current build, for an incremental ingest to reuse what did not change. */
export interface PreviousBuild {
  manifest: IndexManifest;
  /**
   * Paragraph items first, then sentence items; empty when the build's
   * format is not this one's. A store whose `write` copies kept items itself
   * (the PostgreSQL store, inside the database) may leave their vectors empty.
   * Read when first asked for, once: an ingest that finds nothing new, changed
   * or gone needs the manifest alone, and the items are most of a build
   * (15,220 paragraphs: 2.5 s of a 3.3 s ingest that had nothing to do).
   * Throws IndexCorruptError when they cannot be read.
   */
  items(): Promise<StoredItem[]>;
  /** Why the build must be written again though no article changed (it lacks what this ancre's store keeps beside it); absent when it need not. */
  stale?: string;
}

/**
 * Where builds are kept. A build is written whole and made current in one
 * step: readers see the previous build or the new one, never a mix.
 */
export interface IndexStore {
  /** Where the store lives, for messages. */
  readonly location: string;
  exists(): Promise<boolean>;
  /** The current build, or null when there is none. Throws IndexCorruptError when it cannot be read. */
  readPrevious(): Promise<PreviousBuild | null>;
  /**
   * Writes a new build and makes it current. `keptParagraphs`: the paragraph
   * items carried over unchanged from the previous build, whose place in any
   * search structure the store may keep.
   */
  write(manifest: IndexManifest, items: readonly StoredItem[], keptParagraphs: ReadonlySet<string>): Promise<string>;
  /** Loads the current build to answer from. */
  open(): Promise<LoadedIndex>;
  /**
   * Which build is current, or null when there is none: cheap enough to
   * ask every few seconds, so that a service sees a build another process
   * wrote.
   */
  currentBuild(): Promise<string | null>;
  /** Frees what the store holds open (connections). */
  close(): Promise<void>;
  /** Removes every build and the store's own place (its folder, its database schema): for scratch indexes only (`Pipeline.discardIndex`). */
  drop(): Promise<void>;
}
