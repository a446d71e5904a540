/**
 * `ancre eval [FILE]`: score the answers on a question file, each retrieval
 * mode side by side (or one with --mode) beside plain BM25, as a table or JSON.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RETRIEVAL_MODES, type RetrievalMode } from '../../../contracts/retrieval.ts';
import { ConfigError } from '../../../contracts/errors.ts';
import { checkedOverrides, layeredOverrides, type Engine, type OptionOverrides } from '../../../pipeline/pipeline.ts';
import { PROJECT_ROOT, type AncreConfig } from '../../config.ts';
import { evaluateBaseline, gainOverBaseline, type BaselineSummary } from '../../eval/baseline.ts';
import type { Interval } from '../../eval/bootstrap.ts';
import { compareRuns, evaluate, readQuestions, type EvalQuestion, type EvalSummary, type ComparedFigure, type FigureComparison, type IntervalFigure } from '../../eval/evaluate.ts';
import { withEngine } from '../../eval/runs.ts';
import { EXIT } from '../exit-codes.ts';

export const DEFAULT_EVAL_FILE = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');

export async function evalCommand(
  config: AncreConfig,
  file: string | undefined,
  options: {
    json: boolean;
    mode?: RetrievalMode;
    verbose: boolean;
    leaveGoldOut: boolean;
    history: boolean;
    stageOptions?: unknown;
    compareOptions?: unknown;
    againstReport?: string;
  },
): Promise<number> {
  const questionFile = path.resolve(file ?? DEFAULT_EVAL_FILE);
  if (options.compareOptions !== undefined && options.againstReport !== undefined) throw new ConfigError('--compare and --against: give one of them');
  const saved = options.againstReport === undefined ? undefined : await savedResults(options.againstReport);
  const base = options.stageOptions === undefined ? undefined : stageOptionsOf(options.stageOptions, '--options');
  const compared = options.compareOptions === undefined ? undefined : layeredOverrides(base, stageOptionsOf(options.compareOptions, '--compare'));
  const questions = await readQuestions(questionFile);
  if (saved) checkSameQuestions(saved, questions);
  // Each run's runtime is closed once measured: with --compare, the second does not share the machine with the first's worker.
  const run = (stageOptions: OptionOverrides | undefined) =>
    withEngine(
      stageOptions === undefined ? config : { ...config, options: stageOptions },
      async (engine) => ({ modelId: engine.modelId, documents: await engine.documents(), results: await evaluateModes(engine, questions, config.defaultTopK, options) }),
      { log: (line) => console.error(line), buildIfMissing: true },
    );
  const { modelId, documents, results } = await run(base);
  const comparison = compared !== undefined ? comparedRuns(results, (await run(compared)).results) : saved !== undefined ? againstSaved(saved, results) : undefined;
  const baseline = evaluateBaseline(questions, documents);
  if (options.json) {
    const gainOverPlainBm25 = Object.fromEntries(Object.entries(results).map(([mode, summary]) => [mode, gainOverBaseline(summary, baseline)]));
    console.log(JSON.stringify({ file: questionFile, model: modelId, results, baseline, gainOverPlainBm25, ...(comparison ? { comparison } : {}) }, null, 2));
    return EXIT.ok;
  }
  console.log(formatTable(questionFile, modelId, results, baseline));
  if (comparison) {
    const against = options.againstReport !== undefined;
    const heading = against ? `Against ${options.againstReport}` : `With --compare ${JSON.stringify(options.compareOptions)}`;
    console.log(formatComparison(heading, against ? ['in the report', 'now'] : ['as run', 'with --compare'], comparison));
  }
  if (options.verbose) console.log(formatOutcomes(results));
  return EXIT.ok;
}

type ModeResults = Partial<Record<RetrievalMode, EvalSummary>>;

async function evaluateModes(engine: Engine, questions: readonly EvalQuestion[], topK: number, options: { mode?: RetrievalMode; leaveGoldOut: boolean; history: boolean }): Promise<ModeResults> {
  const results: ModeResults = {};
  for (const mode of options.mode ? [options.mode] : RETRIEVAL_MODES) {
    results[mode] = await evaluate(questions, (question, filter, history) => engine.ask(question, { topK, mode, filter, history }), {
      leaveGoldOut: options.leaveGoldOut,
      ignoreHistory: !options.history,
    });
  }
  return results;
}

function comparedRuns(base: ModeResults, other: ModeResults) {
  return Object.fromEntries(Object.entries(base).map(([mode, summary]) => [mode, compareRuns(summary, other[mode as RetrievalMode]!)]));
}

/** Each mode both the saved report and this run hold, the report as the base. */
function againstSaved(saved: ModeResults, now: ModeResults) {
  const modes = (Object.keys(now) as RetrievalMode[]).filter((mode) => saved[mode] !== undefined);
  if (modes.length === 0) throw new ConfigError(`--against: the report holds none of the modes run now (${Object.keys(now).join(', ')})`);
  return Object.fromEntries(modes.map((mode) => [mode, compareRuns(saved[mode]!, now[mode]!)]));
}

/** A report is compared question by question: it must have asked this file's questions, in this order. */
function checkSameQuestions(saved: ModeResults, questions: readonly EvalQuestion[]): void {
  for (const summary of Object.values(saved)) {
    const differs = questions.findIndex((q, i) => summary.outcomes[i]?.id !== q.id);
    if (summary.outcomes.length !== questions.length || differs >= 0) {
      throw new ConfigError(`--against: the report asked other questions than this file (${summary.outcomes.length} against ${questions.length}; first difference at row ${Math.max(differs, 0) + 1})`);
    }
  }
}

/** The results of a report `ancre eval --json` wrote, its outcomes holding what the comparison reads. */
async function savedResults(file: string): Promise<ModeResults> {
  let report: { results?: Record<string, { outcomes?: { id?: unknown; cluster?: unknown }[] }> };
  try {
    report = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`--against: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const results = Object.entries(report?.results ?? {});
  const usable = results.length > 0 && results.every(([, summary]) => Array.isArray(summary?.outcomes) && summary.outcomes.every((o) => typeof o.id === 'string' && typeof o.cluster === 'string'));
  if (!usable) throw new ConfigError(`--against: ${file} is not a report of \`ancre eval --json\` from this version (results with their outcomes, each with its id and cluster)`);
  return Object.fromEntries(results) as ModeResults;
}

/** `--options` checked against the stage options' shape: a key that is none of them is named, before anything runs. */
function stageOptionsOf(value: unknown, flag: string): OptionOverrides {
  try {
    return checkedOverrides(value);
  } catch (error) {
    throw new ConfigError(`${flag}: ${(error as Error).message}`);
  }
}

const figure = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const range = (interval: Interval | null | undefined) => (interval ? ` (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})` : '');
/** A share with its 95 % interval. */
const withInterval = (s: EvalSummary, name: IntervalFigure) => figure(s[name]) + range(s.intervals[name]);
const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

const METRICS: [string, (s: EvalSummary, b: BaselineSummary) => string, ((b: BaselineSummary) => string)?][] = [
  ['passage hit@1', (s) => withInterval(s, 'passageHitAt1'), (b) => figure(b.passageHitAt1) + range(b.intervals.passageHitAt1)],
  [
    'passage hit@1 − plain BM25 (paired)',
    (s, b) => {
      const gain = gainOverBaseline(s, b);
      return signed(gain.difference) + (gain.interval ? ` (${signed(gain.interval.low)} to ${signed(gain.interval.high)})` : '');
    },
  ],
  ['passage hit@5', (s) => figure(s.passageHitAt5), (b) => figure(b.passageHitAt5)],
  ['passage MRR', (s) => figure(s.passageMrr), (b) => figure(b.passageMrr)],
  ['citation hit@1', (s) => withInterval(s, 'citationHitAt1')],
  ['answer hit@1 (citations, then passages)', (s) => figure(s.hitAt1)],
  ['answer hit@3', (s) => figure(s.hitAt3)],
  ['answer MRR', (s) => figure(s.mrr)],
  ['gold span in the answer', (s) => withInterval(s, 'keyInAnswer')],
  ['words per answer (answered)', (s) => s.meanAnswerWords.toFixed(1)],
  ['answered (answerable questions)', (s) => withInterval(s, 'answered')],
  ['abstention accuracy (abstain questions)', (s) => (s.abstainQuestions ? figure(s.abstentionAccuracy) : '—')],
  ['leave-gold-out declined', (s) => withInterval(s, 'leaveGoldOutDeclined')],
  ['mean latency (ms)', (s) => s.meanMs.toFixed(2)],
];

function formatTable(file: string, model: string, results: Partial<Record<RetrievalMode, EvalSummary>>, baseline: BaselineSummary): string {
  const modes = Object.keys(results) as RetrievalMode[];
  const first = results[modes[0]!]!;
  return [
    `${file} — ${first.questions} questions (${first.answerableQuestions} answerable, ${first.abstainQuestions} to abstain), model ${model}`,
    '',
    `| metric | ${modes.join(' | ')} | plain BM25 |`,
    `| --- | ${modes.map(() => '---').join(' | ')} | --- |`,
    ...METRICS.map(([name, value, base]) => `| ${name} | ${modes.map((mode) => value(results[mode]!, baseline)).join(' | ')} | ${base ? base(baseline) : '—'} |`),
    '',
    'In brackets: 95 % intervals, resampling the questions by their gold article (a question naming none stands alone).',
  ].join('\n');
}

const FIGURE_NAMES: Record<ComparedFigure, string> = {
  passageHitAt1: 'passage hit@1',
  citationHitAt1: 'citation hit@1',
  keyInAnswer: 'gold span in the answer',
  answered: 'answered (answerable questions)',
  leaveGoldOutDeclined: 'leave-gold-out declined',
  meanAnswerWords: 'words per answer (answered)',
};

function formatComparison(heading: string, [base, other]: [string, string], comparison: Record<string, Partial<Record<ComparedFigure, FigureComparison>>>): string {
  const lines = ['', `${heading}, on the same questions (difference paired by question, 95 % interval by article):`];
  for (const [mode, figures] of Object.entries(comparison)) {
    lines.push('', `| ${mode} | ${base} | ${other} | difference |`, '| --- | --- | --- | --- |');
    for (const [name, c] of Object.entries(figures) as [ComparedFigure, FigureComparison][]) {
      const digits = name === 'meanAnswerWords' ? 1 : 3;
      const interval = c.interval ? ` (${signed(c.interval.low, digits)} to ${signed(c.interval.high, digits)})` : '';
      lines.push(`| ${FIGURE_NAMES[name]} | ${c.base.toFixed(digits)} | ${c.other.toFixed(digits)} | ${signed(c.difference, digits)}${interval} |`);
    }
  }
  return lines.join('\n');
}

function formatOutcomes(results: Partial<Record<RetrievalMode, EvalSummary>>): string {
  const lines: string[] = [];
  for (const [mode, summary] of Object.entries(results)) {
    lines.push('', `${mode}:`);
    for (const o of summary.outcomes) {
      const ok = o.expect === 'answer' ? o.hitAt1 && o.keyInAnswer : !o.answerable;
      lines.push(
        `${ok ? '  ok  ' : '  MISS'} ${o.id} [${o.expect}] ${o.question}`,
        `         coverage=${o.evidence.coverage} closest=${o.evidence.closestScore} → ${o.answer.slice(0, 160)}`,
      );
    }
  }
  return lines.join('\n');
}
