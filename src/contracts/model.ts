/** What the stages above embedding know of the model: its identity, how to call it, and what it suggests for tuning. */
import type { AbstentionCalibration, AnswerabilityVeto, ExtraSentenceModel, FusionWeights, RankerWeights, SentenceWeights } from './tuning.ts';

export interface ModelIdentity {
  id: string;
  /** Changes whenever the model's weights or vocabulary change. */
  fingerprint: string;
  dimensions: number;
  /** True for the project's own offline stand-in model. */
  offline: boolean;
}

/**
 * Tuning a model suggests for the stages that use its vectors: cosines are
 * on a different scale for every model, and a lexical model's cosines say
 * less than a semantic one's. Read from the model's own configuration
 * (stages/2-embed/model-profile.ts); options set by the user win.
 */
export interface ModelTuning {
  fusion?: Partial<FusionWeights>;
  /** Weights of the learned ranker fitted for this model's vectors; without them, hybrid retrieval fuses ranks. */
  ranker?: RankerWeights;
  sentenceWeights?: Partial<SentenceWeights>;
  /** The cosine under which the closest paragraph is too far from the question to answer from. */
  minParagraphScore?: number;
  /** A calibrated answerability fitted for this model; without it, the floors above decide. */
  abstention?: AbstentionCalibration;
  /** Boosted trees fitted for this model that may still decline what the floors would answer. */
  veto?: AnswerabilityVeto;
  /** A model fitted for this one's sentence scores that quotes one more sentence where the answer likely stands. */
  extraSentence?: ExtraSentenceModel;
}

/** What a model family expects around the text it embeds (sentence-transformers' "prompts"). */
export interface ModelProfile {
  queryPrefix: string;
  passagePrefix: string;
  /** Which ONNX file to load: hub repositories ship a quantized one. */
  quantized: boolean;
  tuning: ModelTuning;
}

/** A passage and the spans inside it (character offsets, end excluded) that want vectors of their own: its sentences. */
export interface SpannedPassage {
  text: string;
  spans: readonly { start: number; end: number }[];
}

export interface Embedder {
  readonly model: ModelIdentity;
  readonly profile: ModelProfile;
  embedQueries(texts: readonly string[]): Promise<Float32Array[]>;
  embedPassages(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Each passage's vector followed by its spans' vectors, flat (passage 0,
   * its spans, passage 1…), from one forward pass per passage: a span's
   * vector is the mean of the passage's token states over it ("late
   * chunking"), so it also reads its context. A span the pass cannot cover
   * (past the model's window) is embedded alone.
   */
  embedPassagesWithSpans(passages: readonly SpannedPassage[]): Promise<Float32Array[]>;
  /**
   * The network's forward passes alone over passages batched as ingest
   * batches them (no pooling, no sentences): the runtime's limit, which the
   * bench sets the ingest rate against. Absent on an embedder that wraps a
   * model loaded later (lazily).
   */
  forwardPasses?(texts: readonly string[]): Promise<{ tokens: number; seconds: number }>;
  /**
   * The tokens each passage takes in a forward pass (prefix and special
   * tokens included): what a pool sorts passages by before it cuts them into
   * batches, as the embedder itself does. Absent where the tokenizer is on
   * another thread.
   */
  passageTokens?(texts: readonly string[]): number[];
  /** Frees what the embedder holds (a worker thread); absent when there is nothing to free. */
  close?(): Promise<void>;
}

/** Said when the offline model stands in for the model asked for. */
export interface FallbackNotice {
  requested: string;
  reason: string;
}

export interface LoadedEmbedder {
  embedder: Embedder;
  fallback: FallbackNotice | null;
  loadSeconds: number;
}

/** Where loading and building report; `warn` marks what operators must notice, such as the fallback. */
export type Logger = (line: string, level?: 'info' | 'warn') => void;

/** Supplies the corpus paragraphs the offline model takes its vocabulary and IDF from. */
export type ParagraphSource = () => Promise<string[]>;
