import pg from 'pg';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres:x@127.0.0.1:55432/postgres' }); await c.connect();
  const S = 'synth10k';
  const [{ id }] = (await c.query(`SELECT generation AS id FROM ${S}.current_build`)).rows;
  const [{ n, tc }] = (await c.query(`SELECT paragraph_count n, term_count tc FROM ${S}.generations WHERE id=$1`, [id])).rows;
  const sql = `WITH q AS MATERIALIZED (SELECT u.term, u.stem, u.weight * ln(1 + ($5::float8 - s.df + 0.5) / (s.df + 0.5)) * ($6::float8 + 1) AS weight FROM unnest($2::int[], $3::text[], $4::float8[]) AS u(term, stem, weight) JOIN ${S}.stem_stats s ON s.generation = $1 AND s.stem = u.stem),
  best AS (SELECT x.row, sum(q.weight * x.tf / (x.tf + $6::float8 * (1 - $7::float8 + $7::float8 * x.length / $8::float8))) AS score FROM q JOIN ${S}.postings x ON x.generation = $1 AND x.stem = q.stem GROUP BY x.row ORDER BY score DESC, row LIMIT $9)
  SELECT p.id, p.doc, best.score FROM best JOIN ${S}.paragraphs p ON p.generation = $1 AND p.row = best.row ORDER BY best.score DESC, best.row`;
  const r = await c.query('EXPLAIN ANALYZE ' + sql, [id, [0, 1, 2], ['servic', 'emco', 'regroup'], [1.84, 2.3, 3.62], n, 1.2, 0.75, Number(tc) / n, 20]);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.end();
}
void main();
