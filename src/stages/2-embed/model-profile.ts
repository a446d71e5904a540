/**
 * What a model family expects around the text it embeds, kept apart from
 * the loading code the way sentence-transformers keeps its prompts apart
 * from the network.
 */
import { OFFLINE_MODEL_ID } from './offline/build.ts';

export interface ModelProfile {
  queryPrefix: string;
  passagePrefix: string;
  /** Which ONNX file to load: hub repositories ship a quantized one. */
  quantized: boolean;
  /**
   * The cosine under which the best paragraph is too far from the question
   * to answer from. Cosines are on a different scale for every model, so the
   * threshold belongs to the model (README: "Abstention").
   */
  minParagraphScore: number;
  /** Weights of the dense and lexical rankings in hybrid retrieval. */
  fusion: { dense: number; lexical: number };
  /** Weights of the signals that rank sentences (see answer/select.ts). */
  sentenceWeights: SentenceWeights;
}

export interface SentenceWeights {
  sentence: number;
  passage: number;
  coverage: number;
  answerType: number;
  passageAnswerType: number;
  /** For a question about a name, the sentence that first names it in its article. */
  introduction: number;
}

/** A semantic model's cosines say more than word overlap does. */
const SEMANTIC_WEIGHTS: SentenceWeights = { sentence: 0.4, passage: 0.2, coverage: 0.3, answerType: 0.15, passageAnswerType: 0.05, introduction: 0.1 };
/** The offline model's cosines are a noisy echo of word overlap, so overlap leads. */
const LEXICAL_WEIGHTS: SentenceWeights = { sentence: 0.2, passage: 0.1, coverage: 0.5, answerType: 0.15, passageAnswerType: 0.05, introduction: 0.1 };

export function profileFor(modelId: string): ModelProfile {
  if (modelId === OFFLINE_MODEL_ID) {
    // Its vectors are a noisy TF-IDF: BM25 over stems ranks better, so it leads the fusion.
    return { queryPrefix: '', passagePrefix: '', quantized: false, minParagraphScore: 0.05, fusion: { dense: 0.5, lexical: 1 }, sentenceWeights: LEXICAL_WEIGHTS };
  }
  if (/e5/i.test(modelId)) {
    // E5 was trained with these prefixes; without them its cosines are unreliable.
    return { queryPrefix: 'query: ', passagePrefix: 'passage: ', quantized: true, minParagraphScore: 0.8, fusion: { dense: 1, lexical: 1 }, sentenceWeights: SEMANTIC_WEIGHTS };
  }
  return { queryPrefix: '', passagePrefix: '', quantized: true, minParagraphScore: 0.3, fusion: { dense: 1, lexical: 1 }, sentenceWeights: SEMANTIC_WEIGHTS };
}
