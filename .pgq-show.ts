import { PostgresStore } from './src/stages/3-store/postgres/postgres-store.ts';
async function main() { const s = new PostgresStore({ url: 'postgres://postgres:x@127.0.0.1:55432/postgres', schema: 'seedtime2' }); console.log(await s.db.query('SHOW hnsw.iterative_scan'), await s.db.query('SHOW hnsw.ef_search')); await s.close(); }
void main();
