import pg from 'pg';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres:x@127.0.0.1:55432/postgres' }); await c.connect();
  const [{ id }] = (await c.query('SELECT generation AS id FROM piaftime.current_build')).rows;
  const docs = (await c.query('SELECT id FROM piaftime.documents WHERE generation=$1 LIMIT 30', [id])).rows.map((r) => r.id);
  const chunks = (await c.query('SELECT id FROM piaftime.paragraphs WHERE generation=$1 AND doc = ANY($2) LIMIT 40', [id, docs])).rows.map((r) => r.id);
  const t = async (name: string, sql: string, params: unknown[]) => { const ts: number[] = []; let n = 0; for (let i = 0; i < 10; i++) { const s = performance.now(); n = (await c.query(sql, params)).rows.length; ts.push(performance.now() - s); } ts.sort((a, b) => a - b); console.log(name, n, ts[5]!.toFixed(2)); };
  await t('docs', 'SELECT article, paragraph_ids FROM piaftime.documents WHERE generation = $1 AND id = ANY($2::text[]) ORDER BY position', [id, docs]);
  await t('docs-noarticle', 'SELECT paragraph_ids FROM piaftime.documents WHERE generation = $1 AND id = ANY($2::text[]) ORDER BY position', [id, docs]);
  await t('paras', 'SELECT id, doc, paragraph, part, start_offset, end_offset, text, CASE WHEN id = ANY($3::text[]) THEN vector_send(embedding) END AS embedding FROM piaftime.paragraphs WHERE generation = $1 AND doc = ANY($2::text[]) ORDER BY row', [id, docs, chunks]);
  await t('paras-novec', 'SELECT id, doc, paragraph, part, start_offset, end_offset, text FROM piaftime.paragraphs WHERE generation = $1 AND doc = ANY($2::text[]) ORDER BY row', [id, docs]);
  await t('sents', 'SELECT chunk, doc, sentence, start_offset, end_offset, CASE WHEN chunk = ANY($3::text[]) THEN vector_send(embedding) END AS embedding FROM piaftime.sentences WHERE generation = $1 AND doc = ANY($2::text[]) ORDER BY row', [id, docs, chunks]);
  await t('sents-novec', 'SELECT chunk, doc, sentence, start_offset, end_offset FROM piaftime.sentences WHERE generation = $1 AND doc = ANY($2::text[]) ORDER BY row', [id, docs]);
  await c.end();
}
void main();
