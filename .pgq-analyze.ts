import pg from 'pg';
async function main() { const c = new pg.Client({ connectionString: 'postgres://postgres:x@127.0.0.1:55432/postgres' }); await c.connect(); const t = performance.now(); await c.query('ANALYZE piaftime.stem_stats, piaftime.postings, piaftime.paragraphs, piaftime.sentences, piaftime.documents'); console.log('analyze', performance.now() - t); await c.end(); }
void main();
