/**
 * `ancre eval [FILE]`: score the answers on a question file, each retrieval
 * mode side by side (or one with --mode) beside plain BM25, as a table or JSON.
 */
import path from 'node:path';
import { RETRIEVAL_MODES, type RetrievalMode } from '../../../contracts/retrieval.ts';
import { ConfigError } from '../../../contracts/errors.ts';
import { checkedOverrides, startRuntime, type OptionOverrides } from '../../../pipeline/pipeline.ts';
import { PROJECT_ROOT, type AncreConfig } from '../../config.ts';
import { evaluateBaseline, type BaselineSummary } from '../../eval/baseline.ts';
import { evaluate, readQuestions, type EvalSummary } from '../../eval/evaluate.ts';
import { EXIT } from '../exit-codes.ts';

export const DEFAULT_EVAL_FILE = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');

export async function evalCommand(
  config: AncreConfig,
  file: string | undefined,
  options: { json: boolean; mode?: RetrievalMode; verbose: boolean; leaveGoldOut: boolean; history: boolean; stageOptions?: unknown },
): Promise<number> {
  const questionFile = path.resolve(file ?? DEFAULT_EVAL_FILE);
  const settings = options.stageOptions === undefined ? config : { ...config, options: stageOptionsOf(options.stageOptions) };
  const questions = await readQuestions(questionFile);
  const { engine } = await startRuntime(settings, (line) => console.error(line), { buildIfMissing: true });
  const modes = options.mode ? [options.mode] : [...RETRIEVAL_MODES];
  const results: Partial<Record<RetrievalMode, EvalSummary>> = {};
  for (const mode of modes) {
    results[mode] = await evaluate(questions, (question, filter, history) => engine.ask(question, { topK: config.defaultTopK, mode, filter, history }), {
      leaveGoldOut: options.leaveGoldOut,
      ignoreHistory: !options.history,
    });
  }
  const baseline = evaluateBaseline(questions, await engine.documents());
  if (options.json) {
    console.log(JSON.stringify({ file: questionFile, model: engine.modelId, results, baseline }, null, 2));
    return EXIT.ok;
  }
  console.log(formatTable(questionFile, engine.modelId, results, baseline));
  if (options.verbose) console.log(formatOutcomes(results));
  return EXIT.ok;
}

/** `--options` checked against the stage options' shape: a key that is none of them is named, before anything runs. */
function stageOptionsOf(value: unknown): OptionOverrides {
  try {
    return checkedOverrides(value);
  } catch (error) {
    throw new ConfigError(`--options: ${(error as Error).message}`);
  }
}

const figure = (x: number | null) => (x === null ? '—' : x.toFixed(2));

const METRICS: [string, (s: EvalSummary) => string, ((b: BaselineSummary) => string)?][] = [
  ['passage hit@1', (s) => figure(s.passageHitAt1), (b) => figure(b.passageHitAt1)],
  ['passage hit@5', (s) => figure(s.passageHitAt5), (b) => figure(b.passageHitAt5)],
  ['passage MRR', (s) => figure(s.passageMrr), (b) => figure(b.passageMrr)],
  ['citation hit@1', (s) => figure(s.citationHitAt1)],
  ['answer hit@1 (citations, then passages)', (s) => figure(s.hitAt1)],
  ['answer hit@3', (s) => figure(s.hitAt3)],
  ['answer MRR', (s) => figure(s.mrr)],
  ['gold span in the answer', (s) => figure(s.keyInAnswer)],
  ['words per answer (answered)', (s) => s.meanAnswerWords.toFixed(1)],
  ['answered (answerable questions)', (s) => figure(s.answered)],
  ['abstention accuracy (abstain questions)', (s) => (s.abstainQuestions ? figure(s.abstentionAccuracy) : '—')],
  ['leave-gold-out declined', (s) => figure(s.leaveGoldOutDeclined)],
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
    ...METRICS.map(([name, value, base]) => `| ${name} | ${modes.map((mode) => value(results[mode]!)).join(' | ')} | ${base ? base(baseline) : '—'} |`),
  ].join('\n');
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
