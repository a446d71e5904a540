/** Answering from a build loaded whole: one retriever and one answerer over all of it, for every question. */
import type { DocumentFilter } from '../contracts/retrieval.ts';
import type { TermContext } from '../contracts/shared-index.ts';
import type { LoadedIndex } from '../contracts/store.ts';
import type { WordFrequencies } from '../contracts/word-frequencies.ts';
import { CORPUS_LANGUAGE } from '../lang/index.ts';
import { analyzeQuestion } from '../stages/4-query/question.ts';
import { denseSearchFor } from '../stages/5-retrieve/dense-search.ts';
import { LexicalIndex } from '../stages/5-retrieve/lexical-index.ts';
import { contextGlossary, PARAGRAPH_TERMS } from '../stages/5-retrieve/paragraph-terms.ts';
import { stemRows } from '../stages/3-store/stored-terms.ts';
import { paragraphTermsCache, questionStems, Retriever, storedArticleStems, termSourcesCache, type RetrievalQuery } from '../stages/5-retrieve/retriever.ts';
import { Answerer } from '../stages/6-answer/answerer.ts';
import { documentReader } from '../stages/6-answer/document-reader.ts';
import type { AnswerSource, QuestionScope } from './answer-source.ts';
import type { StageOptions } from './options.ts';

/** Each loaded build's paragraphs as the lexical ranking reads them, until a source is made over it: their glossary's context and their stems. */
const termsOfBuild = new WeakMap<LoadedIndex, ParagraphStems>();

interface ParagraphStems {
  context: TermContext;
  /** Each paragraph's stems, in row order. */
  stems: Iterable<readonly string[]>;
}

/**
 * A build's paragraphs read into stems, once: those the build keeps, or
 * else its texts read (the most of making a source over it: 0.3 s of 0.4
 * at 761 paragraphs, the stemmer's first reading of their words). A service
 * reads them while its model loads.
 */
export function readParagraphTerms(index: LoadedIndex): ParagraphStems {
  let terms = termsOfBuild.get(index);
  if (!terms) {
    if (index.paragraphTerms) {
      const stored = index.paragraphTerms;
      terms = { context: stored.context, stems: { [Symbol.iterator]: () => stemRows(stored) } };
    } else {
      const texts = index.chunks.map((chunk) => chunk.text);
      const context = PARAGRAPH_TERMS.context(texts);
      terms = { context, stems: texts.map((text) => PARAGRAPH_TERMS.stems(PARAGRAPH_TERMS.expanded(text, context))) };
    }
    termsOfBuild.set(index, terms);
  }
  return terms;
}

export function loadedSource(index: LoadedIndex, options: StageOptions, words: WordFrequencies | null = null): AnswerSource {
  const { context, stems } = readParagraphTerms(index);
  // Stems a build keeps are counted by their ids (PIAF's 761 paragraphs: 0.17 s as strings).
  const lexical = new LexicalIndex(index.paragraphTerms ?? stems, options.bm25);
  const articles = index.paragraphTerms ? storedArticleStems(index.paragraphTerms) : undefined;
  // Kept no longer than the lexical index takes to read them (at 100,000 paragraphs, lists of some 6 million stems).
  termsOfBuild.delete(index);
  delete index.paragraphTerms;
  const glossary = contextGlossary(context);
  const dense = denseSearchFor(index.chunkVectors, index.dimensions, index.vectorLists, options.listProbes);
  // A paragraph a question brings up is read once, for the ranking features and the answer alike.
  const paragraphTerms = paragraphTermsCache();
  const reader = documentReader(index.chunks, paragraphTerms, options.answer.stemCacheChunks);
  const space = { chunks: index.chunks, chunkVectors: index.chunkVectors, sentenceVectors: index.sentenceVectors, dense, lexical, terms: termSourcesCache(paragraphTerms, articles, words) };
  const retriever = new Retriever(space, options.retrieval);
  const answerer = new Answerer({ ...reader, sentenceVectors: index.sentenceVectors }, CORPUS_LANGUAGE.messages.noAnswer, options.answer);
  const scope = ({ question }: RetrievalQuery, filter?: DocumentFilter): QuestionScope => ({
    retriever,
    answerer,
    heldStems: async () => lexical.held(questionStems(question), retriever.mask(filter)),
  });
  return {
    build: index.build,
    location: index.location,
    summary: () => ({
      documents: index.documents.size,
      paragraphs: index.chunks.length,
      sentences: index.chunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0),
      builtAt: index.manifest.createdAt,
      model: index.manifest.model.id,
      offline: index.manifest.model.offline,
      denseSearch: dense.approximate ? 'lists' : 'exact',
      simdScan: dense.simd,
    }),
    analyze: async (text) => analyzeQuestion(text, glossary, lexical),
    scope: async (query, _k, _mode, filter) => scope(query, filter),
    document: async (id) => index.documents.get(id),
    unknownDocuments: async (ids) => ids.filter((id) => !index.documents.has(id)),
    documents: async () => [...index.documents.values()],
  };
}
