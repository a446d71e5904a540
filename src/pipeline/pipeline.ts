/**
 * The composition root: the one place that picks each stage's
 * implementation and wires them together from a typed configuration. The
 * apps (serve, cli, eval, bench) start here; to swap BM25, the fusion or
 * the store, change the stage and this file, nothing else.
 */
import path from 'node:path';
import type { IngestReport } from '../contracts/api.ts';
import { IndexOutdatedError } from '../contracts/errors.ts';
import type { Embedder, FallbackNotice, LoadedEmbedder, Logger, ModelIdentity, ParagraphSource } from '../contracts/model.ts';
import { isSharedIndexStore } from '../contracts/shared-index.ts';
import type { IndexStore } from '../contracts/store.ts';
import type { WordFrequencies } from '../contracts/word-frequencies.ts';
import { CORPUS_LANGUAGE } from '../lang/index.ts';
import { readCorpus } from '../stages/1-ingest/corpus.ts';
import { loadEmbedder, type ModelChoice } from '../stages/2-embed/load.ts';
import { buildOfflineModel, type OfflineModelReport } from '../stages/2-embed/offline/build.ts';
import { OFFLINE_MODEL_ID } from '../stages/2-embed/offline/profile.ts';
import { offlineModelDrift } from '../stages/2-embed/offline/staleness.ts';
import { REBUILD } from '../stages/3-store/build-errors.ts';
import { loadThreadedEmbedder } from '../stages/2-embed/threaded/threaded-embedder.ts';
import { ingestPool } from '../stages/2-embed/pooled-embedder.ts';
import type { ModelWorker } from './model-worker.ts';
import { DEFAULT_SCHEMA } from '../stages/3-store/postgres/database.ts';
import type { Engine } from './engine.ts';
import { composeEngine, composeEngineOver, modelWords } from './compose.ts';
import { readIndexAhead as readIndexAheadOf, storeFor } from './stores.ts';
import { corpusParagraphs, corpusUnchangedSince, describeIngest, ingest, paragraphTexts, readPreviousBuild, reusableDocuments } from './indexing.ts';
import { resolveOptions, type OptionOverrides, type StageOptions } from './options.ts';

export interface PipelineSettings extends ModelChoice {
  corpusDir: string;
  indexDir: string;
  /** A PostgreSQL (pgvector) database to keep the index in, instead of the vectra folder `indexDir`. */
  databaseUrl?: string | undefined;
  /** The database schema of ancre's tables. @default "ancre" */
  databaseSchema?: string | undefined;
  /** Stage options the caller sets; defaults and the model's suggestions fill the rest. */
  options?: OptionOverrides;
  /**
   * Run the model on a worker thread, as the service does so that embedding
   * never stops its event loop; one-shot commands embed in place.
   */
  threaded?: boolean;
}

/** Loads a model for the pipeline: the first one's way (on its worker thread, or in place). */
type ModelLoader = (choice: ModelChoice, paragraphs: ParagraphSource) => Promise<LoadedEmbedder>;

export class Pipeline {
  /** Embedders replaced by a rebuilt offline model, freed once no engine answers with them (releaseRetired). */
  private retired: Embedder[] = [];
  /** The model on several threads for ingest, kept until the pipeline closes (ingestEmbedder). */
  private pool: { threads: number; base: Embedder; embedder: Embedder } | null = null;

  private constructor(
    readonly settings: PipelineSettings,
    private current: Embedder,
    /** The offline model's counts of the corpus's whole words, for the ranker (null with another model): read beside it. */
    private words: WordFrequencies | null,
    readonly fallback: FallbackNotice | null,
    readonly modelLoadSeconds: number,
    readonly options: StageOptions,
    readonly store: IndexStore,
    private readonly log: Logger,
    /** Loads the offline model again once it is rebuilt. */
    private readonly loadModel: ModelLoader,
    /** False for a pipeline made by `at`: the model is its parent's, built for the parent's corpus, and not rebuilt for this one. */
    private readonly ownsModel = true,
  ) {}

  get embedder(): Embedder {
    return this.current;
  }

  get wordFrequencies(): WordFrequencies | null {
    return this.words;
  }

  /**
   * Loads the embedding model (the offline one when the model asked for cannot be loaded) and opens the store.
   * `modelWorker`: the model's worker, started ahead for these `settings` (model-worker.ts; threaded only).
   * `readIndexAhead`: for a caller that opens the index next, the index is read while the model loads.
   */
  static async create(settings: PipelineSettings, log: Logger, { modelWorker, readIndexAhead = false }: { modelWorker?: ModelWorker | undefined; readIndexAhead?: boolean } = {}): Promise<Pipeline> {
    if (modelWorker && !settings.threaded) throw new Error('a model worker was started for a pipeline that embeds in place');
    const paragraphs = () => corpusParagraphs(settings.corpusDir);
    // While the model loads, the index and its paragraphs' stems are read (a failure shows where it is read again).
    // A model loading in place leaves this thread no time: the index's file is then read on a worker (ancre ask, medians
    // of 10 alternated: PIAF's index 1.67 -> 1.55 s with the offline model; the seed's 0.69 -> 0.67 s).
    const offThread = !settings.threaded;
    const ahead = readIndexAhead ? readIndexAheadOf(settings, offThread) : null;
    const threaded = settings.threaded ? await loadThreadedEmbedder(settings, paragraphs, log, modelWorker) : null;
    const loaded: LoadedEmbedder = threaded ?? (await loadEmbedder(settings, paragraphs, log));
    const { embedder, fallback, loadSeconds } = loaded;
    // A rebuilt offline model is loaded where the first model was: on its worker thread, or in place.
    const load: ModelLoader = threaded ? (choice, source) => threaded.embedder.reload(choice, source) : (choice, source) => loadEmbedder(choice, source, log);
    const options = resolveOptions(embedder.profile.tuning, settings.options);
    return new Pipeline(settings, embedder, await modelWords(settings.offlineModelDir, embedder), fallback, loadSeconds, options, storeFor(settings, options, ahead), log, load);
  }

  /**
   * The same model and options over another corpus and index folder (the
   * bench's scale points, tests' scratch corpora), or another schema of a
   * database. The model stays this pipeline's: it is not rebuilt for the
   * other corpus.
   */
  at(dirs: { corpusDir: string; indexDir: string; databaseUrl?: string | undefined }): Pipeline {
    // In a database, the other index is a schema of its own, named after its folder.
    const schema = `${this.settings.databaseSchema ?? DEFAULT_SCHEMA}_${path.basename(dirs.indexDir).toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
    const databaseUrl = dirs.databaseUrl ?? this.settings.databaseUrl;
    const settings = { ...this.settings, ...dirs, databaseUrl, ...(databaseUrl ? { databaseSchema: schema } : {}) };
    return new Pipeline(settings, this.embedder, this.words, this.fallback, this.modelLoadSeconds, this.options, storeFor(settings, this.options), this.log, this.loadModel, false);
  }

  /**
   * Removes this pipeline's index (its folder, or its schema in a database).
   * Only for the scratch indexes `at` makes: the configured index is never
   * removed this way.
   */
  async discardIndex(): Promise<void> {
    if (this.ownsModel) throw new Error(`refusing to remove the configured index ${this.store.location}; only an index made by Pipeline.at can be discarded`);
    await this.store.drop();
  }

  /**
   * Brings the index up to date with the corpus folder, embedding only what
   * changed (everything with `full`). With the offline model, the model is
   * first rebuilt when the corpus has moved past it, and everything embedded again.
   */
  async ingest(options: { full?: boolean; onProgress?: (embedded: number, total: number) => void; threads?: number } = {}): Promise<IngestReport> {
    // Read once: the offline model's check and the ingest both need it, and cleaning a large corpus is not free; files
    // unchanged since the current build are taken from it.
    const previous = await readPreviousBuild(this.store);
    const corpus = await readCorpus(this.settings.corpusDir, reusableDocuments(previous, options.full));
    // Stemming every paragraph to check the offline model's fit is the largest part of an ingest that finds nothing new
    // in a large corpus (PIAF's 761 paragraphs: 0.35 of 0.95 s), and the check's answer cannot have moved since the last.
    const checked = corpusUnchangedSince(previous, corpus, this.current.model);
    if (this.current.model.offline && this.ownsModel && !checked) await this.refreshOfflineModel(paragraphTexts(corpus));
    const { threads = 1, ...rest } = options;
    return ingest({ corpusDir: this.settings.corpusDir, corpus, previous, store: this.store, embedder: this.ingestEmbedder(threads), fallback: this.fallback, ...rest });
  }

  /**
   * The model as an ingest on `threads` threads embeds with (one: the
   * model itself). More threads only for a process that ends with this
   * pipeline (`ancre ingest`, the bench): their workers stay until it
   * closes, and no later thread could load the ONNX runtime's module again
   * (pooled-embedder.ts). The bench times its forward passes from here.
   */
  ingestEmbedder(threads: number): Embedder {
    if (this.pool?.threads === threads && this.pool.base === this.embedder) return this.pool.embedder;
    const embedder = ingestPool(this.embedder, this.settings, threads, this.log);
    // One thread, or the offline model: the model itself, which is not the pool's to close.
    if (embedder === this.embedder) return embedder;
    if (this.pool) this.retired.push(this.pool.embedder);
    this.pool = { threads, base: this.embedder, embedder };
    return embedder;
  }

  private async refreshOfflineModel(paragraphs: string[]): Promise<void> {
    const { staleBecause } = await offlineModelDrift(this.settings.offlineModelDir, paragraphs);
    if (!staleBecause) return;
    this.log(`ancre: rebuilding the offline model "${OFFLINE_MODEL_ID}": ${staleBecause}`, 'warn');
    await buildOfflineModel(paragraphs, this.settings.offlineModelDir);
    await this.reloadOfflineModel(async () => paragraphs);
  }

  /** Loads the offline model again from its folder, where this process or another rebuilt it. */
  private async reloadOfflineModel(paragraphs: () => Promise<string[]>): Promise<void> {
    const offline = { ...this.settings, model: OFFLINE_MODEL_ID };
    const reloaded = await this.loadModel(offline, paragraphs);
    this.retired.push(this.current);
    this.current = reloaded.embedder;
    this.words = await modelWords(this.settings.offlineModelDir, this.current);
  }

  /** Frees the embedders a rebuilt model replaced: call once the engines that used them are gone. */
  async releaseRetired(): Promise<void> {
    const retired = this.retired.splice(0);
    for (const embedder of retired) await embedder.close?.();
  }

  /** Builds the index when there is none; the report of that build, or null. */
  async ensureIndex(log: Logger): Promise<IngestReport | null> {
    if (await this.store.exists()) return null;
    log(`ancre: no index in ${this.store.location}; building it from ${this.settings.corpusDir} …`);
    const report = await this.ingest();
    log(describeIngest(report));
    return report;
  }

  /**
   * An engine over the store's current build. A build made with an offline
   * model another process rebuilt (a service following an `ancre ingest`,
   * or another instance on the same machine) reloads that model first.
   */
  async openEngine(): Promise<Engine> {
    if (isSharedIndexStore(this.store)) {
      // A database answers each question itself: nothing of the build is loaded.
      const shared = await this.store.openShared();
      await this.followOfflineModel(shared.model);
      return composeEngineOver({ shared, options: this.options, words: this.words }, shared.model, this.embedder);
    }
    const index = await this.store.open();
    await this.followOfflineModel(index.manifest.model);
    return composeEngine(index, this.embedder, this.options, this.words);
  }

  /**
   * Reloads the offline model when the build was made with one that another process rebuilt since this one loaded it.
   * When the model on disk still is not the build's (this ancre rebuilt the one an older ancre built, or `ancre
   * build-model` ran without an ingest), the build is outdated, as one an older ancre wrote: built again before
   * answering where the caller allows (openOrRebuild).
   */
  private async followOfflineModel(built: ModelIdentity): Promise<void> {
    if (!(this.ownsModel && built.offline && this.current.model.offline && built.fingerprint !== this.current.model.fingerprint)) return;
    await this.reloadOfflineModel(() => corpusParagraphs(this.settings.corpusDir));
    if (built.fingerprint !== this.current.model.fingerprint) {
      throw new IndexOutdatedError(`the index in ${this.store.location} was made with another build of the offline model than the one in ${this.settings.offlineModelDir}: ${REBUILD}`);
    }
  }

  /** Frees the model's worker thread and the store's connections. */
  async close(): Promise<void> {
    await this.releaseRetired();
    await this.store.close();
    // The pool's own threads; the model itself is closed next.
    await this.pool?.embedder.close?.();
    if (this.ownsModel) await this.embedder.close?.();
  }
}

/** A process that answers questions: the pipeline, the index built first when missing and asked for, and an engine over it. */
export async function startRuntime(
  settings: PipelineSettings,
  log: Logger,
  options: { buildIfMissing: boolean; modelWorker?: ModelWorker },
): Promise<{ pipeline: Pipeline; engine: Engine; ingest: IngestReport | null }> {
  const pipeline = await Pipeline.create(settings, log, { modelWorker: options.modelWorker, readIndexAhead: true });
  try {
    const built = options.buildIfMissing ? await pipeline.ensureIndex(log) : null;
    const { engine, rebuilt } = await openOrRebuild(pipeline, options.buildIfMissing, log);
    return { pipeline, engine, ingest: rebuilt ?? built };
  } catch (error) {
    // A worker thread would keep the process alive after the failure.
    await pipeline.close();
    throw error;
  }
}

/** The engine over the current build; one an older ancre wrote is built again first when `rebuild` allows, as a missing one would be. */
async function openOrRebuild(pipeline: Pipeline, rebuild: boolean, log: Logger): Promise<{ engine: Engine; rebuilt: IngestReport | null }> {
  try {
    return { engine: await pipeline.openEngine(), rebuilt: null };
  } catch (error) {
    if (!(rebuild && error instanceof IndexOutdatedError)) throw error;
    log(`ancre: ${error.message.replace(/: rebuild it.*$/, '')}; rebuilding it …`);
    // The ingest sees the format change and embeds everything again.
    const rebuilt = await pipeline.ingest();
    log(describeIngest(rebuilt));
    return { engine: await pipeline.openEngine(), rebuilt };
  }
}

/** (Re)builds the offline embedding model from the corpus. */
export async function rebuildOfflineModel(settings: Pick<PipelineSettings, 'corpusDir' | 'offlineModelDir'>): Promise<OfflineModelReport> {
  return buildOfflineModel(await corpusParagraphs(settings.corpusDir), settings.offlineModelDir);
}

export { corpusParagraphs, describeIngest, ingestCalls } from './indexing.ts';
export { composeEngine } from './compose.ts';
/** What ancre says, in its corpus's language: the answer when there is none, the pages' and the chat's words. */
export const messages = CORPUS_LANGUAGE.messages;
export const language = CORPUS_LANGUAGE.code;
export { syntheticArticles } from '../stages/1-ingest/synthetic-corpus.ts';
export { mediaTypeOf } from '../stages/1-ingest/formats.ts';
/** Accent-, case- and punctuation-insensitive containment: how the evaluation finds an answer key in a text. */
export { foldedIncludes } from '../text/fold.ts';
export { wordCount } from '../text/words.ts';
export type { AskOptions, IndexSummary } from './engine.ts';
export { checkedOverrides, layeredOverrides, type OptionOverrides } from './options.ts';
export type { Engine };
/** The offline model's name, and where `npm run fit` climbs its sentence weights from. */
export { OFFLINE_MODEL_ID, HAND_SET_SENTENCE_WEIGHTS } from '../stages/2-embed/offline/profile.ts';
/** The ranker's feature names, in the order of a candidate's feature row. */
export { FEATURES as RANKING_FEATURES, WORD_FORM_FEATURES } from '../stages/5-retrieve/features.ts';
/** BM25's parameters in use, which `npm run fit` measures against a grid. */
export { DEFAULT_BM25 } from '../contracts/shared-index.ts';
/** The sentence scores' feature names, in the order of a sentence's feature row. */
export { SENTENCE_FEATURES } from '../stages/6-answer/score.ts';
export { EXTRA_SENTENCE_FEATURES } from '../stages/6-answer/extra-sentence.ts';
/** The abstention calibration's feature names, in the order of its feature row. */
export { ABSTENTION_FEATURES } from '../stages/6-answer/abstention.ts';
export { VETO_FEATURES, vetoScore } from '../stages/6-answer/veto.ts';
export { treeValue, treesLogOdds } from '../stages/6-answer/boosted-trees.ts';
