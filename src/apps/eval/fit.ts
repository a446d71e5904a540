/**
 * `npm run fit`: fits, on PIAF's development questions, the weights of the
 * learned passage ranker and of the sentence scores, reports each
 * cross-validated (5 folds, whole articles per fold, so no article is both
 * fitted and scored), then fits on all the questions and writes the weights
 * where the offline model's profile reads them, with the figures they
 * reached: the weights always travel with the command and the scores that
 * chose them. The sentence weights in use are climbed from hand-set ones
 * with whole answers, our news questions as guard rails (sentence-ascent.ts).
 *
 * FIT_QUESTIONS (default ../shared/eval/piaf/dev.jsonl) and FIT_CORPUS
 * (default ../shared/eval/piaf/corpus) say what it fits on.
 */
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ABSTENTION_FEATURES,
  describeIngest,
  foldedIncludes,
  HAND_SET_SENTENCE_WEIGHTS,
  OFFLINE_MODEL_ID,
  Pipeline,
  RANKING_FEATURES,
  WORD_FORM_FEATURES,
  SENTENCE_FEATURES,
  layeredOverrides,
  type Engine,
  type OptionOverrides,
  type PipelineSettings,
} from '../../pipeline/pipeline.ts';
import { loadConfig, PROJECT_ROOT } from '../config.ts';
import { isGold, readQuestions, type EvalQuestion } from './questions.ts';
import { crossValidatedProbabilities, fitLogistic, probability, thresholdAnswering, type Example } from './logistic.ts';
import { FOLDS } from './folds.ts';
import { crossValidate, fitSoftmax, goldRank, type CandidateGroup } from './softmax.ts';
import { fittedExtraSentenceSource, fittedSource, fittedVetoSource } from './fitted-source.ts';
import { chooseFloor, crossValidatedPoint, operatingPoint, type CoverageAsk } from './coverage-floor.ts';
import { bm25Grid } from './bm25-grid.ts';
import { sentenceAscent, type QuestionSet } from './sentence-ascent.ts';
import { round } from '../../shared/round.ts';
import { roundedShare } from './share.ts';
import { fitVeto, vetoExamples } from './veto-fit.ts';
import { extraAsks, fitExtraSentence } from './extra-fit.ts';
import { withEngine } from './runs.ts';

const QUESTIONS = process.env.FIT_QUESTIONS ?? path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'piaf', 'dev.jsonl');
const CORPUS = process.env.FIT_CORPUS ?? path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'piaf', 'corpus');
/** Our own questions on the seed articles: news, not encyclopaedia; the sentence weights are fitted on both. */
const OWN_QUESTIONS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'questions.jsonl');
const OWN_CORPUS = path.join(PROJECT_ROOT, 'corpus');
/** The seed articles' smoke questions, and our conversations over the seed articles and PIAF's together: guard rails of the sentence weights. */
const SEED_QUESTIONS = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');
const CONVERSATIONS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'conversations.jsonl');
const WORK = path.join(PROJECT_ROOT, '.artifacts', 'fit');
const OUTPUT = path.join(PROJECT_ROOT, 'src', 'stages', '2-embed', 'offline', 'fitted-weights.ts');
const VETO_OUTPUT = path.join(PROJECT_ROOT, 'src', 'stages', '2-embed', 'offline', 'fitted-veto.ts');
const EXTRA_OUTPUT = path.join(PROJECT_ROOT, 'src', 'stages', '2-embed', 'offline', 'fitted-extra-sentence.ts');
/** Candidates per question: each ranking's top 30, as the ranker sees them in service. */
const DEPTH = 30;
/** Paragraphs an answer chooses its sentences from: the service's default topK. */
const TOP_K = 5;
/** The share of answerable questions the abstention must answer: the operating point, above the 0.90 asked for, for a margin on unseen questions. */
const ANSWERED_SHARE = 0.92;

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    ANCRE_MODEL: OFFLINE_MODEL_ID,
    ANCRE_CORPUS_DIR: CORPUS,
    ANCRE_INDEX_DIR: path.join(WORK, 'index'),
    ANCRE_OFFLINE_MODEL_DIR: path.join(WORK, 'models'),
  });
  const questions = (await readQuestions(QUESTIONS)).filter((q) => q.expect === 'answer' && q.doc);
  const ownAll = await readQuestions(OWN_QUESTIONS);
  const own = ownAll.filter((q) => q.expect === 'answer');
  const log = (line: string) => console.error(line);
  // First the ranker, on candidates gathered without one: a fit must not see its own previous weights.
  await bringUpToDate(config, log);
  // Nor the veto and the extra sentence fitted last time, which may read other features than this version (its engines would refuse them).
  const unfitted = { retrieval: { ranker: null }, answer: { abstention: { veto: null }, extraSentence: null } };
  const rankerGroups = await withEngine({ ...config, options: unfitted }, (engine) => passageGroups(engine, questions));
  const bm25 = await bm25Grid({ ...config, options: unfitted }, questions, FOLDS);
  const ranker = fitRanker(rankerGroups);
  // Then the sentences, chosen from the paragraphs the new ranker brings.
  // Nothing downstream may see the veto or the extra sentence fitted last time either: they are fitted last, on what the rest answers.
  const withRanker = layeredOverrides({ retrieval: { ranker: ranker.weights } }, { answer: { abstention: { veto: null }, extraSentence: null } });
  const rankedSettings = { ...config, options: withRanker };
  const seedSettings = { ...config, corpusDir: OWN_CORPUS, indexDir: path.join(WORK, 'seed-index'), offlineModelDir: path.join(WORK, 'seed-models'), options: withRanker };
  await bringUpToDate(seedSettings, log);
  const guardRails = await newsQuestionSets(seedSettings, ownAll, await conversationSettings(config, withRanker, log));
  const ascent = await sentenceAscent(HAND_SET_SENTENCE_WEIGHTS, { name: 'piaf', settings: rankedSettings, questions }, guardRails, FOLDS, TOP_K);
  const ownGroups = asOwnFold(await withEngine(seedSettings, (engine) => sentenceGroups(engine, own)));
  const sentenceSet = [...(await withEngine(rankedSettings, (engine) => sentenceGroups(engine, questions))), ...ownGroups];
  const sentences = fitAndReport(sentenceSet, SENTENCE_FEATURES, SENTENCE_FEATURES.map((name) => ascent.weights[name]));
  const climbed = layeredOverrides(withRanker, { answer: { sentenceWeights: ascent.weights } });
  const { floor, abstention } = await floorAndCalibration([config, seedSettings], climbed, questions, ownAll);
  const veto = await vetoFit([config, seedSettings], climbed, questions, ownAll);
  // Last, the extra sentence, on the answers all the rest gives as served.
  const served = layeredOverrides(climbed, { answer: { abstention: { veto: veto.veto } } });
  const extra = fitExtraSentence(await withEngine({ ...config, options: served }, (engine) => extraAsks(engine, questions, TOP_K)), FOLDS);
  const figures = {
    questions: questions.length,
    ownQuestions: own.length,
    bm25,
    passageRanker: ranker.figures,
    sentenceChoice: sentences.figures,
    sentenceAscent: ascent.figures,
    coverageFloor: floor.figures,
    abstention: abstention.figures,
    veto: veto.figures,
    extraSentence: extra.figures,
  };
  const weights = { ranker: ranker.weights, sentencesInUse: ascent.weights, sentences: sentences.weights, minCoverage: floor.threshold, abstention: abstention.calibration };
  await writeFile(OUTPUT, fittedSource(path.relative(PROJECT_ROOT, QUESTIONS), weights, figures));
  await writeFile(VETO_OUTPUT, fittedVetoSource(path.relative(PROJECT_ROOT, QUESTIONS), veto.veto));
  await writeFile(EXTRA_OUTPUT, fittedExtraSentenceSource(path.relative(PROJECT_ROOT, QUESTIONS), extra.model));
  console.log(JSON.stringify(figures, null, 2));
  console.error(`fit: wrote ${path.relative(PROJECT_ROOT, OUTPUT)}`);
}

/** Our news questions, each set over the corpus it asks: our own and the smoke set over the seed articles, our conversations over the seed's and PIAF's. */
async function newsQuestionSets(seed: PipelineSettings, own: readonly EvalQuestion[], conversations: PipelineSettings): Promise<QuestionSet[]> {
  return [
    { name: 'own', settings: seed, questions: own },
    { name: 'seed', settings: seed, questions: await readQuestions(SEED_QUESTIONS) },
    { name: 'conversations', settings: conversations, questions: await readQuestions(CONVERSATIONS) },
  ];
}

/** The seed articles and PIAF's in one corpus, as our conversations ask them, indexed with the ranker being fitted. */
async function conversationSettings(config: PipelineSettings, options: OptionOverrides, log: (line: string) => void): Promise<PipelineSettings> {
  const corpusDir = path.join(WORK, 'conversations-corpus');
  // Copied afresh: an article since removed from either folder must not linger here.
  await rm(corpusDir, { recursive: true, force: true });
  await mkdir(corpusDir, { recursive: true });
  for (const dir of [OWN_CORPUS, CORPUS]) for (const name of await readdir(dir)) await copyFile(path.join(dir, name), path.join(corpusDir, name));
  const settings = { ...config, corpusDir, indexDir: path.join(WORK, 'conversations-index'), offlineModelDir: path.join(WORK, 'conversations-models'), options };
  await bringUpToDate(settings, log);
  return settings;
}

/** The fit's own index of a corpus, brought up to date as `ancre ingest` would (a corpus changed since the last fit, or another FIT_CORPUS). */
async function bringUpToDate(settings: PipelineSettings, log: (line: string) => void): Promise<void> {
  const pipeline = await Pipeline.create(settings, log);
  try {
    log(describeIngest(await pipeline.ingest()));
  } finally {
    await pipeline.close();
  }
}

/** Our own questions form one more "article" of their own in the folds. */
function asOwnFold<T extends { doc: string }>(items: readonly T[]): T[] {
  return items.map((item) => ({ ...item, doc: 'own-questions' }));
}

/** Cross-validated and whole-set figures of a fit, and the weights fitted on every question. */
function fitAndReport(groups: readonly (CandidateGroup & { doc: string })[], names: readonly string[], inUse?: readonly number[]) {
  const cv = crossValidate(groups, names.length);
  const fitted = fitSoftmax(groups, names.length);
  const all = groups.map((g) => goldRank(g, fitted));
  return {
    weights: Object.fromEntries(names.map((name, d) => [name, round(fitted[d]!)])),
    figures: {
      goldAmongCandidates: roundedShare(groups, (g) => g.gold >= 0),
      crossValidatedHitAt1: roundedShare(cv, (r) => r === 1),
      crossValidatedHitAt5: roundedShare(cv, (r) => r >= 1 && r <= 5),
      fittedOnAllHitAt1: roundedShare(all, (r) => r === 1),
      ...(inUse ? { weightsInUseHitAt1: roundedShare(groups, (g) => goldRank(g, inUse) === 1) } : {}),
    },
  };
}

/** The passage ranker fitted and reported, with what the word forms add kept beside its figure: the same cross-validation without their features. */
function fitRanker(groups: readonly (CandidateGroup & { doc: string })[]) {
  const ranker = fitAndReport(groups, RANKING_FEATURES);
  return { ...ranker, figures: { ...ranker.figures, crossValidatedHitAt1WithoutWordForms: crossValidatedHitAt1Without(groups, RANKING_FEATURES, WORD_FORM_FEATURES) } };
}

/** The ranker's cross-validated hit@1 with the features `dropped` left out of every candidate's row. */
function crossValidatedHitAt1Without(groups: readonly (CandidateGroup & { doc: string })[], names: readonly string[], dropped: readonly string[]): number {
  const kept = names.flatMap((name, d) => (dropped.includes(name) ? [] : [d]));
  const narrowed = groups.map((g) => ({ ...g, features: g.features.map((row) => Float64Array.from(kept, (d) => row[d]!)) }));
  return roundedShare(crossValidate(narrowed, kept.length), (r) => r === 1);
}

async function passageGroups(engine: Engine, questions: readonly EvalQuestion[]) {
  const groups: (CandidateGroup & { doc: string })[] = [];
  for (const q of questions) {
    const candidates = await engine.rankingCandidates(q.question, DEPTH);
    groups.push({ doc: q.doc!, features: candidates.map((c) => c.features), gold: candidates.findIndex((c) => isGold(q, c.doc, c.text, foldedIncludes)) });
  }
  return groups;
}

/** The gold sentence: in the gold paragraph, holding the answer span. */
async function sentenceGroups(engine: Engine, questions: readonly EvalQuestion[]) {
  const groups: (CandidateGroup & { doc: string })[] = [];
  for (const q of questions) {
    const candidates = await engine.sentenceCandidates(q.question, { topK: TOP_K });
    const gold = candidates.findIndex((c) => isGold(q, c.doc, c.paragraph, foldedIncludes) && foldedIncludes(c.sentence, q.key!));
    groups.push({ doc: q.doc ?? '', features: candidates.map((c) => c.features), gold });
  }
  return groups;
}

/**
 * Examples for the abstention: each question asked as it is (answerable
 * unless it expects an abstention) and, when it names its article, asked
 * again without it (not answerable).
 */
async function abstentionExamples(engine: Engine, questions: readonly EvalQuestion[], leaveGoldOut: boolean): Promise<Example[]> {
  const examples: Example[] = [];
  for (const q of questions) {
    const label = q.expect === 'answer' ? 1 : 0;
    examples.push({ doc: q.doc ?? '', label, features: await engine.abstentionFeatures(q.question, { topK: TOP_K }) });
    if (leaveGoldOut && q.doc) examples.push({ doc: q.doc, label: 0, features: await engine.abstentionFeatures(q.question, { topK: TOP_K, filter: { exclude: [q.doc] } }) });
  }
  return examples;
}

/**
 * Each question asked with its article and, when it names one, without it,
 * by an engine whose coverage floor is 0: what the floor would decide, and
 * whether the other checks let it answer.
 */
async function coverageAsks(engine: Engine, questions: readonly EvalQuestion[]): Promise<CoverageAsk[]> {
  const asks: CoverageAsk[] = [];
  const ask = async (q: EvalQuestion, answerable: boolean, filter?: { exclude: string[] }) => {
    const result = await engine.ask(q.question, { topK: TOP_K, filter });
    asks.push({ doc: q.doc ?? '', answerable, coverage: result.evidence.coverage, otherChecksPass: result.answerable });
  };
  for (const q of questions) {
    await ask(q, q.expect === 'answer');
    if (q.doc && q.expect === 'answer') await ask(q, false, { exclude: [q.doc] });
  }
  return asks;
}

/** The coverage floor's curve and operating point, and the calibration, for the answers the climbed weights give (no floor: each ask says its coverage). */
async function floorAndCalibration([piafSettings, seedSettings]: [PipelineSettings, PipelineSettings], options: OptionOverrides, questions: readonly EvalQuestion[], own: readonly EvalQuestion[]) {
  const answering = layeredOverrides(options, { answer: { abstention: { minCoverage: 0, calibration: null } } });
  const [piaf, news] = [{ ...piafSettings, options: answering }, { ...seedSettings, options: answering }];
  const floor = fitFloor([
    ...(await withEngine(piaf, (engine) => coverageAsks(engine, questions))),
    ...asOwnFold(await withEngine(news, (engine) => coverageAsks(engine, own))),
  ]);
  const abstention = calibrate([
    ...(await withEngine(piaf, (engine) => abstentionExamples(engine, questions, true))),
    ...asOwnFold(await withEngine(news, (engine) => abstentionExamples(engine, own, false))),
  ]);
  return { floor, abstention };
}

/**
 * The answerability veto, on what the floors in use answer (engines with
 * those floors and no veto): PIAF's questions with and without their
 * article, and our news questions (our own and the smoke set) as its guard.
 */
async function vetoFit([piaf, seed]: [PipelineSettings, PipelineSettings], options: OptionOverrides, questions: readonly EvalQuestion[], own: readonly EvalQuestion[]) {
  const withFloors = layeredOverrides(options, { answer: { abstention: { calibration: null, veto: null } } });
  const news = [...own, ...(await readQuestions(SEED_QUESTIONS))];
  return fitVeto(
    await withEngine({ ...piaf, options: withFloors }, (engine) => vetoExamples(engine, questions, TOP_K, true)),
    await withEngine({ ...seed, options: withFloors }, (engine) => vetoExamples(engine, news, TOP_K, false)),
    ANSWERED_SHARE,
  );
}

/** The floor that answers ANSWERED_SHARE of the answerable asks, its cross-validated figures, and the curve around it. */
function fitFloor(asks: readonly CoverageAsk[]) {
  const threshold = chooseFloor(asks, ANSWERED_SHARE);
  const curve = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6].map((t) => operatingPoint(asks, t));
  return { threshold, figures: { asks: asks.length, chosen: operatingPoint(asks, threshold), crossValidated: crossValidatedPoint(asks, ANSWERED_SHARE, FOLDS), curve } };
}

/** The answerability's weights and the threshold that answers ANSWERED_SHARE of answerable questions, cross-validated. */
function calibrate(examples: readonly Example[]) {
  const dimensions = ABSTENTION_FEATURES.length;
  const cv = crossValidatedProbabilities(examples, dimensions, FOLDS);
  const cvThreshold = thresholdAnswering(cv, examples, ANSWERED_SHARE);
  const { weights, bias } = fitLogistic(examples, dimensions);
  const w = Float64Array.of(...weights, bias);
  const fitted = examples.map((e) => probability(e.features, w));
  const threshold = thresholdAnswering(fitted, examples, ANSWERED_SHARE);
  const rate = (probabilities: readonly number[], at: number, label: 0 | 1) => {
    return roundedShare(examples.flatMap((e, i) => (e.label === label ? [probabilities[i]! >= at] : [])));
  };
  return {
    calibration: { weights: Object.fromEntries(ABSTENTION_FEATURES.map((name, d) => [name, round(weights[d]!)])), bias: round(bias), threshold: round(threshold) },
    figures: {
      examples: examples.length,
      crossValidated: { answered: rate(cv, cvThreshold, 1), declinedWithoutAnswer: round(1 - rate(cv, cvThreshold, 0)) },
      fittedOnAll: { answered: rate(fitted, threshold, 1), declinedWithoutAnswer: round(1 - rate(fitted, threshold, 0)) },
    },
  };
}

await main();
