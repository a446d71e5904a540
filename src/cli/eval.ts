/** `npm run eval [-- FILE] [--json] [--verbose]`: score the answer engine on a question set. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../config.ts';
import { evaluate, readQuestions, type EvalSummary } from '../eval/evaluate.ts';
import { startRuntime } from '../runtime.ts';
import { runMain } from './run-main.ts';

await runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, verbose: { type: 'boolean', short: 'v', default: false } },
  });
  const file = path.resolve(positionals[0] ?? path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl'));
  const config = loadConfig();
  const { engine } = await startRuntime(config, (line) => console.error(line), { buildIfMissing: true });
  const questions = await readQuestions(file);
  const summary = await evaluate(questions, (question) => engine.ask(question, { topK: config.defaultTopK }));
  if (values.json) console.log(JSON.stringify({ file, model: engine.modelId, ...summary }, null, 2));
  else console.log(formatSummary(file, engine.modelId, summary, values.verbose));
});

function formatSummary(file: string, model: string, s: EvalSummary, verbose: boolean): string {
  const pct = (x: number) => x.toFixed(2);
  const lines = [
    `${file} — ${s.questions} questions (${s.answerableQuestions} answerable, ${s.abstainQuestions} to abstain), model ${model}`,
    '',
    '| metric | value |',
    '| --- | --- |',
    `| hit@1 | ${pct(s.hitAt1)} |`,
    `| hit@3 | ${pct(s.hitAt3)} |`,
    `| key-in-answer | ${pct(s.keyInAnswer)} |`,
    `| abstention accuracy | ${pct(s.abstentionAccuracy)} |`,
    `| false abstentions | ${s.falseAbstentions} |`,
    `| mean latency (ms) | ${s.meanMs.toFixed(1)} |`,
  ];
  const shown = verbose ? s.outcomes : s.outcomes.filter((o) => (o.expect === 'answer' ? !(o.hitAt1 && o.keyInAnswer) : o.answerable));
  if (shown.length) {
    lines.push('', verbose ? 'Answers:' : 'Misses:');
    for (const o of shown) {
      lines.push(
        `- ${o.id} [${o.expect}] ${o.question}`,
        `    hit@1=${o.hitAt1} key=${o.keyInAnswer} coverage=${o.evidence.coverage} closest=${o.evidence.closestScore} → ${o.answer.slice(0, 200)}`,
      );
    }
  }
  return lines.join('\n');
}
