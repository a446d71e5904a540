import pg from 'pg';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres:x@127.0.0.1:55432/postgres' });
  await c.connect();
  const [{ id }] = (await c.query('SELECT generation AS id FROM piaftime.current_build')).rows;
  const q = process.argv[2]!;
  const r = await c.query(`EXPLAIN ANALYZE ${q}`, [id, ['polic', 'franc', 'marseil', 'trafic'], ['polic', 'franc', 'marse', 'trafi']].slice(0, Number(process.argv[3] ?? 3)));
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.end();
}
void main();
