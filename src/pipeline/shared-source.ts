/**
 * Answering from a build kept in a database (contracts/store.ts
 * SharedIndex), of any size, holding nothing of it but caches. For each
 * question: the stems its analysis needs are fetched with their document
 * frequencies (stages/5-retrieve/stem-table.ts); the database ranks
 * paragraphs by BM25 and by vector; the candidates' articles are fetched
 * whole as a small index; and the same retriever and answerer as for a
 * loaded build run over it, BM25 scored with the whole build's statistics
 * and each ranking limited to the candidates the database found. So the
 * answers are those of the build loaded whole, as far as the database's
 * vector index finds the same nearest paragraphs as an exact scan.
 */
import type { AnalyzedQuestion } from '../contracts/query.ts';
import type { DocumentFilter, RetrievalMode } from '../contracts/retrieval.ts';
import type { ScoredParagraph, SharedIndex } from '../contracts/shared-index.ts';
import type { LoadedIndex, StoredChunk } from '../contracts/store.ts';
import type { WordFrequencies } from '../contracts/word-frequencies.ts';
import { CORPUS_LANGUAGE } from '../lang/index.ts';
import { analyzeQuestion } from '../stages/4-query/question.ts';
import { bothAllow, ExactSearch, type DenseSearch } from '../stages/5-retrieve/dense-search.ts';
import { LexicalIndex, type LexicalRanker } from '../stages/5-retrieve/lexical-index.ts';
import { contextGlossary, PARAGRAPH_TERMS } from '../stages/5-retrieve/paragraph-terms.ts';
import { paragraphTermsCache, questionStems, Retriever, termSourcesCache, type RetrievalQuery } from '../stages/5-retrieve/retriever.ts';
import { StemTable, stemsAsked, type StemRequest } from '../stages/5-retrieve/stem-table.ts';
import { Answerer } from '../stages/6-answer/answerer.ts';
import { documentReader } from '../stages/6-answer/document-reader.ts';
import type { AnswerSource, QuestionScope } from './answer-source.ts';
import type { StageOptions } from './options.ts';

export function sharedSource(shared: SharedIndex, options: StageOptions, words: WordFrequencies | null = null): AnswerSource {
  const glossary = contextGlossary(shared.termContext);
  // Outlive each question's retriever and reader: an article's stems are read once while it keeps coming up, and a
  // paragraph's once for the ranking features and the answer alike.
  const paragraphTerms = paragraphTermsCache();
  const terms = termSourcesCache(paragraphTerms, new Map(), words);
  /** The stem table each question was analysed with: its terms' frequencies, for BM25 over its candidates. */
  const tables = new WeakMap<AnalyzedQuestion, StemTable>();
  const stemTable = async ({ stems, prefixes }: StemRequest) => new StemTable(shared.counts.paragraphs, await shared.stemFrequencies(stems, prefixes));

  const scope = async ({ question, vector }: RetrievalQuery, k: number, mode: RetrievalMode, filter?: DocumentFilter): Promise<QuestionScope> => {
    const depth = Math.max(options.retrieval.fusionDepth, k);
    // A question analysed elsewhere (a conversation's follow-up read with an earlier turn) has its terms' stems fetched now.
    const table = tables.get(question) ?? (await stemTable({ stems: question.terms.flatMap((term) => term.stems), prefixes: [] }));
    const postings = question.terms.reduce((sum, term) => sum + term.stems.reduce((n, stem) => n + table.documentFrequency(stem), 0), 0);
    const [lexical, dense] = await Promise.all([
      mode === 'dense' ? [] : shared.lexicalRanking(question.terms, depth, options.bm25, filter, postings),
      mode === 'lexical' ? [] : shared.denseRanking(vector, depth, filter),
    ]);
    const found = [...lexical, ...dense];
    const index = await shared.articles([...new Set(found.map((p) => p.doc))], new Set(found.map((p) => p.id)));
    return {
      ...stagesOver(index, { lexical, dense }, { shared, table, terms, paragraphTerms }, options),
      // The small index holds only the candidates' articles: the database answers for the whole build and the filter.
      heldStems: () => shared.stemsHeld(questionStems(question), filter),
    };
  };

  return {
    build: shared.build,
    location: shared.location,
    summary: () => ({
      ...shared.counts,
      builtAt: shared.createdAt,
      model: shared.model.id,
      offline: shared.model.offline,
      denseSearch: 'database',
      simdScan: false,
    }),
    analyze: async (text) => {
      const table = await stemTable(stemsAsked((lexicon) => analyzeQuestion(text, glossary, lexicon)));
      const question = analyzeQuestion(text, glossary, table);
      tables.set(question, table);
      return question;
    },
    scope,
    document: (id) => shared.document(id),
    unknownDocuments: (ids) => shared.unknownDocuments(ids),
    documents: () => shared.documents(),
  };
}

/** The retriever and answerer over the candidates' articles, each ranking limited to the paragraphs the database found. */
function stagesOver(
  index: LoadedIndex,
  found: { lexical: readonly ScoredParagraph[]; dense: readonly ScoredParagraph[] },
  { shared, table, terms, paragraphTerms }: { shared: SharedIndex; table: StemTable; terms: ReturnType<typeof termSourcesCache>; paragraphTerms: ReturnType<typeof paragraphTermsCache> },
  options: StageOptions,
): Omit<QuestionScope, 'heldStems'> {
  const retriever = new Retriever(
    {
      chunks: index.chunks,
      chunkVectors: index.chunkVectors,
      sentenceVectors: index.sentenceVectors,
      dense: limitedDense(new ExactSearch(index.chunkVectors, index.dimensions), rowsOf(index.chunks, found.dense)),
      lexical: candidatesBm25(index.chunks, rowsOf(index.chunks, found.lexical), shared, table, options),
      terms,
    },
    options.retrieval,
  );
  const reader = documentReader(index.chunks, paragraphTerms, options.answer.stemCacheChunks);
  return { retriever, answerer: new Answerer({ ...reader, sentenceVectors: index.sentenceVectors }, CORPUS_LANGUAGE.messages.noAnswer, options.answer) };
}

/** The rows of a small index that a ranking found, as a mask. */
function rowsOf(chunks: readonly StoredChunk[], found: readonly ScoredParagraph[]): Uint8Array {
  const ids = new Set(found.map((p) => p.id));
  const rows = new Uint8Array(chunks.length);
  for (const chunk of chunks) if (ids.has(chunk.id)) rows[chunk.row] = 1;
  return rows;
}

/** The exact scan over the fetched vectors, limited to the paragraphs the database's vector search found: their scores as a loaded build gives them. */
function limitedDense(exact: ExactSearch, rows: Uint8Array): DenseSearch {
  return { approximate: false, simd: exact.simd, search: (vector, k, allowed) => exact.search(vector, k, bothAllow(rows, allowed ?? null)) };
}

/** BM25 over the paragraphs the database's BM25 found, scored with the whole build's statistics: the same scores as over the whole build. */
function candidatesBm25(chunks: readonly StoredChunk[], rows: Uint8Array, shared: SharedIndex, table: StemTable, options: StageOptions): LexicalRanker {
  const stems = chunks.map((chunk) => (rows[chunk.row] ? PARAGRAPH_TERMS.stems(PARAGRAPH_TERMS.expanded(chunk.text, shared.termContext)) : []));
  const corpus = { paragraphs: shared.counts.paragraphs, averageLength: shared.averageLength, documentFrequency: (stem: string) => table.documentFrequency(stem) };
  const index = new LexicalIndex(stems, options.bm25, corpus);
  return { search: (terms, k, allowed) => index.search(terms, k, bothAllow(rows, allowed ?? null)) };
}
