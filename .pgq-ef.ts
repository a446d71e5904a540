import pg from 'pg';
import { readQuestions } from './src/apps/eval/questions.ts';
import { Pipeline } from './src/pipeline/pipeline.ts';
async function main() {
  const schema = process.argv[2]!;
  const pipeline = await Pipeline.create({ corpusDir: '/tmp/pgq/synth10k', indexDir: '/tmp/pgq/index', offlineModelDir: process.argv[3]!, model: 'ancre-offline', modelsDir: undefined, modelLoadTimeoutMs: 1000 } as never, () => {});
  const qs = (await readQuestions('../shared/eval/piaf/dev.jsonl')).slice(0, 100).map((q) => q.question);
  const vectors = await pipeline.embedder.embedQueries(qs);
  const c = new pg.Client({ connectionString: 'postgres://postgres:x@127.0.0.1:55432/postgres' }); await c.connect();
  const [{ id }] = (await c.query(`SELECT generation AS id FROM ${schema}.current_build`)).rows;
  const dims = vectors[0]!.length;
  const lit = (v: Float32Array) => `[${Array.from(v).join(',')}]`;
  const sql = `SELECT p.id FROM ${schema}.paragraphs p WHERE p.generation = $1 AND vector_dims(p.embedding) = ${dims} ORDER BY p.embedding::vector(${dims}) <#> $2::vector(${dims}) LIMIT 20`;
  await c.query('SET hnsw.iterative_scan = strict_order');
  await c.query('SET enable_indexscan = off');
  const exact = [];
  for (const v of vectors) exact.push(new Set((await c.query(sql, [id, lit(v)])).rows.map((r) => r.id)));
  await c.query('SET enable_indexscan = on');
  for (const ef of [40, 100, 200, 400]) {
    await c.query(`SET hnsw.ef_search = ${ef}`);
    let hits = 0; const t: number[] = [];
    for (const [i, v] of vectors.entries()) { const s = performance.now(); const rows = (await c.query(sql, [id, lit(v)])).rows; t.push(performance.now() - s); hits += rows.filter((r) => exact[i]!.has(r.id)).length; }
    t.sort((a, b) => a - b);
    console.log(`ef_search ${ef}: recall@20 ${(hits / (20 * vectors.length)).toFixed(3)}, p50 ${t[t.length >> 1]!.toFixed(2)} ms`);
  }
  const plan = await c.query('EXPLAIN ' + sql, [id, lit(vectors[0]!)]); console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n').slice(0, 300));
  await c.end(); await pipeline.close();
}
void main();
