/**
 * `ancre eval [FILE]`: score the answers on a question file, for each
 * retrieval mode side by side (or one with --mode), as a table or JSON.
 */
import path from 'node:path';
import { RETRIEVAL_MODES, type RetrievalMode } from '../../../contracts/retrieval.ts';
import { startRuntime } from '../../../pipeline/pipeline.ts';
import { PROJECT_ROOT, type AncreConfig } from '../../config.ts';
import { evaluate, readQuestions, type EvalSummary } from '../../eval/evaluate.ts';
import { EXIT } from '../exit-codes.ts';

export const DEFAULT_EVAL_FILE = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');

export async function evalCommand(
  config: AncreConfig,
  file: string | undefined,
  options: { json: boolean; mode?: RetrievalMode; verbose: boolean },
): Promise<number> {
  const questionFile = path.resolve(file ?? DEFAULT_EVAL_FILE);
  const questions = await readQuestions(questionFile);
  const { engine } = await startRuntime(config, (line) => console.error(line), { buildIfMissing: true });
  const modes = options.mode ? [options.mode] : [...RETRIEVAL_MODES];
  const results: Partial<Record<RetrievalMode, EvalSummary>> = {};
  for (const mode of modes) {
    results[mode] = await evaluate(questions, (question) => engine.ask(question, { topK: config.defaultTopK, mode }));
  }
  if (options.json) {
    console.log(JSON.stringify({ file: questionFile, model: engine.modelId, results }, null, 2));
    return EXIT.ok;
  }
  console.log(formatTable(questionFile, engine.modelId, results));
  if (options.verbose) console.log(formatOutcomes(results));
  return EXIT.ok;
}

const METRICS: [string, (s: EvalSummary) => string][] = [
  ['hit@1', (s) => s.hitAt1.toFixed(2)],
  ['hit@3', (s) => s.hitAt3.toFixed(2)],
  ['MRR', (s) => s.mrr.toFixed(2)],
  ['key-in-answer', (s) => s.keyInAnswer.toFixed(2)],
  ['abstention accuracy', (s) => s.abstentionAccuracy.toFixed(2)],
  ['false abstentions', (s) => String(s.falseAbstentions)],
  ['mean latency (ms)', (s) => s.meanMs.toFixed(2)],
];

function formatTable(file: string, model: string, results: Partial<Record<RetrievalMode, EvalSummary>>): string {
  const modes = Object.keys(results) as RetrievalMode[];
  const first = results[modes[0]!]!;
  return [
    `${file} — ${first.questions} questions (${first.answerableQuestions} answerable, ${first.abstainQuestions} to abstain), model ${model}`,
    '',
    `| metric | ${modes.join(' | ')} |`,
    `| --- | ${modes.map(() => '---').join(' | ')} |`,
    ...METRICS.map(([name, value]) => `| ${name} | ${modes.map((mode) => value(results[mode]!)).join(' | ')} |`),
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
