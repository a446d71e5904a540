import { Pipeline } from './src/pipeline/pipeline.ts';
import { readQuestions } from './src/apps/eval/questions.ts';
async function main() {
  const [corpusDir, questionsFile, offlineModelDir, schema] = process.argv.slice(2) as [string, string, string, string];
  const pipeline = await Pipeline.create({ corpusDir, indexDir: '/tmp/pgq/index', offlineModelDir, model: 'ancre-offline', modelsDir: undefined, modelLoadTimeoutMs: 1000, databaseUrl: 'postgres://postgres:x@127.0.0.1:55432/postgres', databaseSchema: schema } as never, () => {});
  let t = performance.now();
  const report = await pipeline.ingest();
  console.log('ingest', report.paragraphs, ((performance.now() - t) / 1000).toFixed(1), 's');
  t = performance.now();
  const engine = await pipeline.openEngine();
  console.log('open', (performance.now() - t).toFixed(0), 'ms', engine.summary());
  const qs = (await readQuestions(questionsFile)).slice(0, 200);
  for (const pass of ['cold', 'warm']) {
    const times: number[] = [];
    for (const q of qs) { const s = performance.now(); await engine.ask(q.question, { topK: 5 }); times.push(performance.now() - s); }
    times.sort((a, b) => a - b);
    console.log(pass, 'ask p50', times[times.length >> 1]!.toFixed(1), 'ms p90', times[Math.floor(times.length * 0.9)]!.toFixed(1));
  }
  await pipeline.close();
}
void main();
