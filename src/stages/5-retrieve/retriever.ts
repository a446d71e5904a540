/**
 * Finds the paragraphs to answer from: a dense ranking (cosine between the
 * question's and the paragraphs' embeddings), a lexical one (BM25 over
 * stems), or both joined by reciprocal-rank fusion. Each ranking is a
 * component handed in by the pipeline, so either can be replaced alone.
 */
import { filterRestricts, type DocumentFilter, type RetrievalMode, type RetrievedPassage } from '../../contracts/retrieval.ts';
import type { StoredChunk, StoredTerms } from '../../contracts/store.ts';
import type { WordFrequencies } from '../../contracts/word-frequencies.ts';
import type { AnalyzedQuestion } from '../../contracts/query.ts';
import type { FusionWeights, RankerWeights } from '../../contracts/tuning.ts';
import { dot, type ScoredRow } from '../../kernel/top-k.ts';
import { groupBy } from '../../shared/group-by.ts';
import type { DenseSearch, RowMask } from './dense-search.ts';
import { reciprocalRankFusion, RRF_K } from './fusion.ts';
import { LruCache } from '../../shared/lru-cache.ts';
import { ArticleStems, articleStems, chunkTermsCache, type ChunkTermsOf } from './chunk-terms.ts';
import { FEATURES, rankingFeatures, type CandidateScores, type TermSources } from './features.ts';
import type { LexicalRanker } from './lexical-index.ts';

export interface RetrievalOptions {
  /** @default 20 — how deep each ranking is read before fusion (never less than the passages asked for). */
  fusionDepth: number;
  /** @default 60 — reciprocal-rank fusion's k (Cormack et al.): how fast a ranking's later places fade. */
  rrfK: number;
  /** @default { dense: 1, lexical: 1 } — or what the model suggests: a lexical model's cosines say less than BM25. */
  fusion: FusionWeights;
  /**
   * Hybrid retrieval ranks the union of both rankings' candidates by these
   * fitted weights instead of fusing ranks.
   * @default null — or what the model suggests: weights fitted for its vectors (npm run fit).
   */
  ranker: RankerWeights | null;
}

export const DEFAULT_RETRIEVAL: RetrievalOptions = { fusionDepth: 20, rrfK: RRF_K, fusion: { dense: 1, lexical: 1 }, ranker: null };

export interface RetrievalSpace {
  chunks: readonly StoredChunk[];
  chunkVectors: Float32Array;
  sentenceVectors: Float32Array;
  dense: DenseSearch;
  lexical: LexicalRanker;
  /**
   * Where the ranking features read paragraphs' and articles' stems, given
   * the chunks of an article.
   * @default caches of this retriever's own — a retriever made per question passes caches that outlive it.
   */
  terms?: (chunksOf: (doc: string) => readonly StoredChunk[]) => TermSources;
}

/** Paragraphs' terms remembered for the last TERM_CACHE_CHUNKS paragraphs: one reading for the ranking features and the answer stage. */
export function paragraphTermsCache(): ChunkTermsOf {
  return chunkTermsCache(TERM_CACHE_CHUNKS);
}

/**
 * Stems the ranking features read: paragraphs' from `chunk`; articles' from
 * `stored` (those a build keeps, all of them), else read from their
 * paragraphs and remembered for the last TERM_CACHE_ARTICLES articles.
 */
export function termSourcesCache(
  chunk: ChunkTermsOf = paragraphTermsCache(),
  stored: ReadonlyMap<string, ArticleStems> = new Map(),
  words: WordFrequencies | null = null,
): (chunksOf: (doc: string) => readonly StoredChunk[]) => TermSources {
  const vocabulary = new Map<string, number>();
  const articles = new LruCache<string, ArticleStems>(TERM_CACHE_ARTICLES);
  const read = (doc: string, chunksOf: (doc: string) => readonly StoredChunk[]) => articles.getOrCompute(doc, () => ArticleStems.of(articleStems(chunksOf(doc)), vocabulary));
  return (chunksOf) => ({ chunk, article: (doc) => stored.get(doc) ?? read(doc, chunksOf), words });
}

/** The article stems a build keeps, each over the build's vocabulary. */
export function storedArticleStems({ vocabulary, articles }: StoredTerms): Map<string, ArticleStems> {
  const ids = new Map(vocabulary.map((stem, id) => [stem, id]));
  // One copy of the articles' ids: views into the build's whole file would keep every paragraph's ids alive too.
  const own = new Int32Array(articles.ids);
  return new Map(articles.documents.map((doc, a) => [doc, ArticleStems.ofIds(own.subarray(articles.offsets[a]!, articles.offsets[a + 1]!), ids)]));
}

export interface RetrievalQuery {
  vector: Float32Array;
  /** The analysed question: BM25 reads its weighted terms, the learned ranker's features the rest. */
  question: AnalyzedQuestion;
}

/** A candidate paragraph with its features, for the ranker and for fitting it. */
export interface RankedCandidate extends CandidateScores {
  features: Float64Array;
}

/** Paragraphs whose stems the ranking features keep at hand. */
const TERM_CACHE_CHUNKS = 2000;
/**
 * Articles whose stems the ranking features keep at hand: about 1 KB each
 * as ids (300 stems), 20 MB in all. With 2,000, a 100,000-paragraph index
 * (10,000 articles) read most candidates' articles from their text again:
 * measured, half of the features' time.
 */
const TERM_CACHE_ARTICLES = 20_000;

export class Retriever {
  private rowsByDoc: Map<string, StoredChunk[]> | null = null;
  private readonly terms: TermSources;
  private readonly rankerWeights: Float64Array | null;

  constructor(
    private readonly space: RetrievalSpace,
    private readonly options: RetrievalOptions = DEFAULT_RETRIEVAL,
  ) {
    this.terms = (space.terms ?? termSourcesCache())((doc) => this.chunksOf(doc));
    const ranker = options.ranker;
    this.rankerWeights = ranker ? Float64Array.from(FEATURES, (name) => ranker[name] ?? 0) : null;
  }

  retrieve(query: RetrievalQuery, k: number, mode: RetrievalMode, filter?: DocumentFilter): RetrievedPassage[] {
    if (mode === 'hybrid' && this.rankerWeights) return this.ranked(query, k, filter);
    const { space, options } = this;
    const depth = Math.max(options.fusionDepth, k);
    const allowed = this.mask(filter);
    const dense = mode === 'lexical' ? [] : space.dense.search(query.vector, depth, allowed);
    const lexical = mode === 'dense' ? [] : space.lexical.search(query.question.terms, depth, allowed);
    const ranking: ScoredRow[] =
      mode === 'dense'
        ? dense
        : mode === 'lexical'
          ? lexical
          : reciprocalRankFusion([{ ranking: dense, weight: options.fusion.dense }, { ranking: lexical, weight: options.fusion.lexical }], options.rrfK);
    const denseScore = new Map(dense.map(({ row, score }) => [row, score]));
    const lexicalScore = new Map(lexical.map(({ row, score }) => [row, score]));
    return firstParagraphs(ranking, k, ({ row }) => space.chunks[row]!).map(({ row }) => ({
      chunk: space.chunks[row]!,
      // The dense ranking already scored its rows; only rows found by BM25 alone are scored here.
      dense: denseScore.get(row) ?? dot(space.chunkVectors, row, query.vector),
      lexical: lexicalScore.get(row) ?? 0,
    }));
  }

  private chunksOf(doc: string): readonly StoredChunk[] {
    this.rowsByDoc ??= groupBy(this.space.chunks, (chunk) => chunk.doc);
    return this.rowsByDoc.get(doc) ?? [];
  }

  /** The rows a filter allows, or null when it allows every row. */
  mask(filter: DocumentFilter | undefined): RowMask {
    if (!filterRestricts(filter)) return null;
    const allowed = new Uint8Array(this.space.chunks.length);
    const set = (docs: Iterable<string>, value: 0 | 1) => {
      for (const doc of docs) for (const chunk of this.chunksOf(doc)) allowed[chunk.row] = value;
    };
    if (filter.include) set(filter.include, 1);
    else allowed.fill(1);
    set(filter.exclude ?? [], 0);
    if (!filter.paragraphs) return allowed;
    // Only the ranges' rows, of those the articles allow: visited through their articles, never the whole index.
    const ranged = new Uint8Array(allowed.length);
    for (const { doc, from, to } of filter.paragraphs) {
      for (const chunk of this.chunksOf(doc)) if (chunk.paragraph >= from && chunk.paragraph <= to) ranged[chunk.row] = allowed[chunk.row]!;
    }
    return ranged;
  }

  /** Both rankings' candidates with their ranking features: what the learned ranker scores, and what `npm run fit` fits it on. */
  candidates(query: RetrievalQuery, depth: number, filter?: DocumentFilter): RankedCandidate[] {
    const { space } = this;
    const allowed = this.mask(filter);
    const dense = space.dense.search(query.vector, depth, allowed);
    const lexical = space.lexical.search(query.question.terms, depth, allowed);
    const byRow = new Map<number, CandidateScores>();
    // The dense ranking already scored its rows; only rows BM25 alone brought are scored here.
    const entry = (row: number, denseScore?: number) => {
      let candidate = byRow.get(row);
      if (!candidate) {
        const chunk = space.chunks[row]!;
        const denseSentence = chunk.sentences.reduce((best, s) => Math.max(best, dot(space.sentenceVectors, s.row, query.vector)), -1);
        const denseOf = denseScore ?? dot(space.chunkVectors, row, query.vector);
        candidate = { chunk, dense: denseOf, denseSentence, lexical: 0, denseRank: -1, lexicalRank: -1 };
        byRow.set(row, candidate);
      }
      return candidate;
    };
    dense.forEach(({ row, score }, rank) => (entry(row, score).denseRank = rank));
    lexical.forEach(({ row, score }, rank) => {
      const candidate = entry(row);
      candidate.lexical = score;
      candidate.lexicalRank = rank;
    });
    const candidates = [...byRow.values()];
    const features = rankingFeatures(query.question, candidates, this.terms);
    // Written out rather than spread: a spread copy is several times slower, for every candidate of every question.
    return candidates.map(({ chunk, dense, denseSentence, lexical, denseRank, lexicalRank }, i) => ({ chunk, dense, denseSentence, lexical, denseRank, lexicalRank, features: features[i]! }));
  }

  /** The candidates ordered by the learned ranker's score (ties to the earlier row). */
  private ranked(query: RetrievalQuery, k: number, filter?: DocumentFilter): RetrievedPassage[] {
    const weights = this.rankerWeights!;
    const score = (x: Float64Array) => {
      let sum = 0;
      for (let i = 0; i < x.length; i++) sum += x[i]! * weights[i]!;
      return sum;
    };
    const ordered = this.candidates(query, Math.max(this.options.fusionDepth, k), filter)
      .map((candidate) => ({ candidate, score: score(candidate.features) }))
      .sort((a, b) => b.score - a.score || a.candidate.chunk.row - b.candidate.chunk.row);
    return firstParagraphs(ordered, k, ({ candidate }) => candidate.chunk).map(({ candidate: { chunk, dense, lexical, features }, score }) => ({ chunk, dense, lexical, ranking: { score, features } }));
  }
}

/**
 * The best-ranked passages up to the k-th distinct paragraph: `topK` counts
 * paragraphs, what a reader is shown. A paragraph too long for one
 * embedding is retrieved as parts; those of its parts that rank before the
 * next paragraph's first come with it, for the answer stage to read their
 * sentences, and take no other paragraph's place.
 */
export function firstParagraphs<T>(ranked: readonly T[], k: number, chunkOf: (item: T) => Pick<StoredChunk, 'doc' | 'paragraph'>): T[] {
  const paragraphs = new Set<string>();
  const taken: T[] = [];
  for (const item of ranked) {
    const key = paragraphKey(chunkOf(item));
    if (!paragraphs.has(key)) {
      if (paragraphs.size === k) break;
      paragraphs.add(key);
    }
    taken.push(item);
  }
  return taken;
}

/** Which paragraph a chunk is of: its parts, when a paragraph was too long for one embedding, share it. */
export function paragraphKey({ doc, paragraph }: Pick<StoredChunk, 'doc' | 'paragraph'>): string {
  return `${doc}#${paragraph}`;
}

/** Every stem a question's terms may be found by (their own, and their long forms' words'): what RetrievalContext.heldStems is asked of. */
export function questionStems(question: AnalyzedQuestion): string[] {
  return question.terms.flatMap((term) => [...term.stems, ...(term.longForm ?? []).flat()]);
}
