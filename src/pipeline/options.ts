/**
 * Every knob of every stage, typed, with its default and the reason for it
 * where the stage declares it (TSDoc `@default`). A model may suggest
 * values for the knobs its vectors bear on (its profile's tuning); options
 * the caller sets win over both.
 */
import type { ModelTuning } from '../contracts/model.ts';
import { DEFAULT_VECTOR_LISTS, type VectorListOptions } from '../stages/3-store/vector-lists.ts';
import { DEFAULT_LIST_PROBES, type ListProbes } from '../stages/5-retrieve/dense-search.ts';
import { DEFAULT_BM25, type Bm25Parameters } from '../contracts/shared-index.ts';
import { DEFAULT_RETRIEVAL, type RetrievalOptions } from '../stages/5-retrieve/retriever.ts';
import { DEFAULT_ANSWER, type AnswerOptions } from '../stages/6-answer/answerer.ts';

export interface StageOptions {
  /** Store (3): when and how the vector lists of a large index are built. */
  vectorLists: VectorListOptions;
  /** Retrieval (5): BM25's parameters. */
  bm25: Bm25Parameters;
  /** Retrieval (5): how many vector lists a question scans. */
  listProbes: ListProbes;
  /** Retrieval (5): fusion of the dense and lexical rankings. */
  retrieval: RetrievalOptions;
  /** Answer (6): sentence weights, selection, abstention. */
  answer: AnswerOptions;
  /** @default 1000 — question vectors remembered: a popular question, a retry, a reload skip the model. */
  queryCacheSize: number;
}

export const DEFAULT_OPTIONS: StageOptions = {
  vectorLists: DEFAULT_VECTOR_LISTS,
  bm25: DEFAULT_BM25,
  listProbes: DEFAULT_LIST_PROBES,
  retrieval: DEFAULT_RETRIEVAL,
  answer: DEFAULT_ANSWER,
  queryCacheSize: 1000,
};

/** Options as a caller gives them: any knob, at any depth, may be left out. */
export type OptionOverrides = { [K in keyof StageOptions]?: StageOptions[K] extends object ? DeepPartial<StageOptions[K]> : StageOptions[K] };
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Defaults, then what the model suggests, then what the caller set. */
export function resolveOptions(tuning: ModelTuning, overrides: OptionOverrides = {}): StageOptions {
  const fromModel: OptionOverrides = {
    retrieval: { fusion: tuning.fusion, ranker: tuning.ranker },
    answer: { sentenceWeights: tuning.sentenceWeights, extraSentence: tuning.extraSentence, abstention: { minParagraphScore: tuning.minParagraphScore, calibration: tuning.abstention, veto: tuning.veto } },
  };
  return merge(merge(DEFAULT_OPTIONS, fromModel), overrides);
}

/**
 * Overrides as a caller wrote them (JSON on the command line), checked
 * against the options' own shape: every key one the defaults have, every
 * value of the default's type. A knob whose default is null (the ranker's
 * weights, the calibration) takes any object. The error names the first
 * path that is wrong.
 */
export function checkedOverrides(value: unknown, base: unknown = DEFAULT_OPTIONS, at = 'options'): OptionOverrides {
  if (base === null || base === undefined) return value as OptionOverrides;
  if (typeof base !== 'object') {
    if (typeof value !== typeof base) throw new Error(`${at} must be a ${typeof base}`);
    return value as OptionOverrides;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${at} must be an object`);
  for (const [key, item] of Object.entries(value)) {
    if (!Object.hasOwn(base, key)) throw new Error(`${at}.${key} is not an option (${at} has ${Object.keys(base).join(', ')})`);
    checkedOverrides(item, (base as Record<string, unknown>)[key], `${at}.${key}`);
  }
  return value as OptionOverrides;
}

/** Two callers' overrides, `upper` laid over `lower` knob by knob (`ancre eval --compare` over `--options`). */
export function layeredOverrides(lower: OptionOverrides | undefined, upper: OptionOverrides): OptionOverrides {
  return merge(lower ?? {}, upper);
}

/** `base` with every defined value of `over` laid on it, objects merged key by key; an array (a veto's trees, a model's weights) is one value, replaced whole. */
function merge<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (typeof base !== 'object' || base === null || typeof over !== 'object' || over === null || Array.isArray(over)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) if (value !== undefined) out[key] = merge(out[key], value);
  return out as T;
}
