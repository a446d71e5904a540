/**
 * The answer stage behind POST /ask: embed the question, retrieve
 * paragraphs, score their sentences, then either quote the best ones with
 * citations or say that the articles hold no answer.
 */
import type { Embedder } from '../stages/2-embed/embedder.ts';
import { denseSearchFor, type DenseSearch } from '../stages/5-retrieve/dense-search.ts';
import { LexicalIndex } from '../stages/5-retrieve/lexical-index.ts';
import { retrieve, type RetrievalMode, type SearchSpace } from '../stages/5-retrieve/retriever.ts';
import { QueryVectorCache } from '../stages/2-embed/query-cache.ts';
import type { LoadedIndex, StoredChunk } from '../stages/3-store/records.ts';
import { groupBy } from '../shared/group-by.ts';
import { LruCache } from '../shared/lru-cache.ts';
import { contentStems } from '../text/words.ts';
import type { AnswerType } from '../stages/4-query/answer-type.ts';
import { assembleAnswer, round, type Citation } from '../stages/6-answer/assemble.ts';
import { extractGlossary, foldLongForms, withAcronyms, type Glossary } from '../stages/4-query/glossary.ts';
import { analyzeQuestion, termCoverage } from '../stages/4-query/question.ts';
import { scoreSentences, selectSentences, type SentenceContext } from '../stages/6-answer/select.ts';

export interface Passage {
  doc: string;
  title: string;
  paragraph: number;
  text: string;
  /** Cosine similarity between the question and the paragraph. */
  score: number;
  /** BM25 score of the paragraph for the question's terms. */
  lexical: number;
}

export interface AskOptions {
  topK: number;
  mode?: RetrievalMode;
}

export interface AskResult {
  question: string;
  answer: string;
  answerable: boolean;
  citations: Citation[];
  passages: Passage[];
  answerType: AnswerType;
  /** The figures the abstention decision was taken on. */
  evidence: { coverage: number; closestScore: number; inCorpusLanguage: boolean };
  mode: RetrievalMode;
  model: string;
  timings: { embedMs: number; searchMs: number; selectMs: number; totalMs: number };
}

/**
 * When to abstain (README, "Abstention"). The paragraph of the best
 * sentence, read with its article's title and section heading, must contain
 * enough of the question's weighted terms, and the closest paragraph must be
 * close enough to the question for the model in use.
 */
export const ABSTENTION = { minCoverage: 0.35 } as const;

export const NO_ANSWER = 'Je ne trouve pas de réponse à cette question dans les articles indexés.';

/** Paragraphs whose sentence stems are kept: a few hundred questions' worth. */
const STEM_CACHE_CHUNKS = 2000;

export class ModelMismatchError extends Error {}

export class AnswerEngine {
  private readonly glossary: Glossary;
  private readonly space: SearchSpace;
  private readonly sentences: SentenceContext;
  private readonly queryCache = new QueryVectorCache();

  constructor(
    readonly index: LoadedIndex,
    private readonly embedder: Embedder,
  ) {
    const built = index.manifest.model;
    const loaded = embedder.model;
    if (built.id !== loaded.id || built.fingerprint !== loaded.fingerprint) {
      throw new ModelMismatchError(
        `the index was built with the model "${built.id}" (${built.fingerprint}) but "${loaded.id}" (${loaded.fingerprint}) is loaded: ` +
          'rebuild the index with "npm run ingest" or load the model it was built with',
      );
    }
    this.glossary = extractGlossary(index.chunks.map((chunk) => chunk.text));
    const longForms = foldLongForms(this.glossary);
    const lexical = LexicalIndex.fromTexts(index.chunks.map((chunk) => withAcronyms(chunk.text, this.glossary, longForms)));
    this.space = {
      chunks: index.chunks,
      chunkVectors: index.chunkVectors,
      dense: denseSearchFor(index.chunkVectors, index.dimensions, index.vectorLists),
      lexical,
    };
    // Sentence stems are needed only for the few paragraphs a question retrieves:
    // computed then and remembered, rather than held for every paragraph.
    const sentenceStems = new LruCache<StoredChunk, ReadonlySet<string>[]>(STEM_CACHE_CHUNKS);
    const chunksByDoc = chunksInReadingOrder(index.chunks);
    this.sentences = {
      sentenceVectors: index.sentenceVectors,
      documentChunks: (doc) => chunksByDoc.get(doc) ?? [],
      sentenceStems: (chunk) => sentenceStems.getOrCompute(chunk, () => chunk.sentences.map((s) => new Set(contentStems(s.text)))),
    };
  }

  /** Stems of a paragraph read with its article's title and its section heading. */
  private contextStems(chunk: StoredChunk): ReadonlySet<string> {
    const stems = new Set(contentStems(`${chunk.title}\n${chunk.section ?? ''}`));
    for (const sentence of this.sentences.sentenceStems(chunk)) for (const stem of sentence) stems.add(stem);
    return stems;
  }

  private async queryVector(text: string): Promise<Float32Array> {
    const cached = this.queryCache.get(text);
    if (cached) return cached;
    const [vector] = await this.embedder.embedQueries([text]);
    this.queryCache.set(text, vector!);
    return vector!;
  }

  /** How dense search runs: through vector lists or exactly, in WebAssembly SIMD or not. */
  get denseSearch(): Pick<DenseSearch, 'approximate' | 'simd'> {
    return this.space.dense;
  }

  get modelId(): string {
    return this.embedder.model.id;
  }

  async ask(questionText: string, options: AskOptions): Promise<AskResult> {
    const mode = options.mode ?? 'hybrid';
    const started = performance.now();
    const question = analyzeQuestion(questionText, this.glossary, this.space.lexical);
    const vector = await this.queryVector(question.text);
    const embedded = performance.now();
    const passages = retrieve(this.space, { vector, terms: question.terms }, options.topK, mode, this.embedder.profile.fusion);
    const searched = performance.now();
    const ranked = scoreSentences(question, vector, passages, this.sentences, this.embedder.profile.sentenceWeights);
    const best = ranked[0];
    const closest = passages.length ? Math.max(...passages.map((p) => p.dense)) : 0;
    const coverage = best ? termCoverage(question, this.contextStems(best.chunk), best.holdsAnswerType) : 0;
    const chosen = selectSentences(question, ranked);
    // Across languages only names, numbers and cognates match, so the quote
    // must also hold the kind of answer asked for.
    const corroborated = question.inCorpusLanguage || (question.answerType !== 'other' && chosen.some((s) => s.holdsAnswerType));
    const answerable =
      best !== undefined &&
      coverage >= ABSTENTION.minCoverage &&
      corroborated &&
      (mode === 'lexical' || closest >= this.embedder.profile.minParagraphScore);
    const { answer, citations } = answerable ? assembleAnswer(chosen) : { answer: NO_ANSWER, citations: [] };
    const selected = performance.now();
    return {
      question: questionText,
      answer,
      answerable,
      citations,
      passages: passages.map(({ chunk, dense, lexical }) => ({
        doc: chunk.doc,
        title: chunk.title,
        paragraph: chunk.paragraph,
        text: chunk.paragraphText,
        score: round(dense),
        lexical: round(lexical),
      })),
      mode,
      answerType: question.answerType,
      evidence: { coverage: round(coverage), closestScore: round(closest), inCorpusLanguage: question.inCorpusLanguage },
      model: this.embedder.model.id,
      timings: {
        embedMs: round(embedded - started),
        searchMs: round(searched - embedded),
        selectMs: round(selected - searched),
        totalMs: round(selected - started),
      },
    };
  }
}

function chunksInReadingOrder(chunks: readonly StoredChunk[]): Map<string, StoredChunk[]> {
  const byDoc = groupBy(chunks, (chunk) => chunk.doc);
  // Array.sort is stable: the parts of a split paragraph keep their order.
  for (const list of byDoc.values()) list.sort((a, b) => a.paragraph - b.paragraph);
  return byDoc;
}
