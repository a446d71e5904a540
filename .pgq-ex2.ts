import pg from 'pg';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres:x@127.0.0.1:55432/postgres' }); await c.connect();
  const [{ id }] = (await c.query('SELECT generation AS id FROM SCH.current_build')).rows;
  const [{ n, tc }] = (await c.query('SELECT paragraph_count n, term_count tc FROM SCH.generations WHERE id=$1', [id])).rows;
  const sql = `WITH q AS (SELECT * FROM unnest($2::int[], $3::text[], $4::float8[]) AS q(term, stem, weight)),
     hits AS (
       SELECT x.row, q.term, max(q.weight * ln(1 + ($5::float8 - s.df + 0.5) / (s.df + 0.5)) * x.tf * ($6::float8 + 1)
                                 / (x.tf + $6::float8 * (1 - $7::float8 + $7::float8 * x.length / $8::float8))) AS score
       FROM q
       JOIN SCH.stem_stats s ON s.generation = $1 AND s.stem = q.stem
       JOIN SCH.postings x ON x.generation = $1 AND x.stem = q.stem
       GROUP BY x.row, q.term),
     ranked AS (SELECT row, sum(score) AS score FROM hits GROUP BY row)
     SELECT p.id, p.doc, r.score FROM ranked r JOIN SCH.paragraphs p ON p.generation = $1 AND p.row = r.row
     ORDER BY r.score DESC, r.row LIMIT $9`;
  const r = await c.query('EXPLAIN ANALYZE ' + sql, [id, [0, 1, 2], ['servic', 'emco', 'regroup'], [1.84, 2.3, 3.62], n, 1.2, 0.75, Number(tc) / n, 20]);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.end();
}
void main();
