import { PostgresStore } from './src/stages/3-store/postgres/postgres-store.ts';
import { PARAGRAPH_TERMS } from './src/stages/5-retrieve/paragraph-terms.ts';
async function main() {
  const store = new PostgresStore({ url: 'postgres://postgres:x@127.0.0.1:55432/postgres', schema: process.argv[2] ?? 'piaftime' }, { terms: PARAGRAPH_TERMS });
  const shared = await store.openShared();
  const time = async (name: string, f: () => Promise<unknown>) => { const t: number[] = []; let r: unknown; for (let i = 0; i < 20; i++) { const s = performance.now(); r = await f(); t.push(performance.now() - s); } t.sort((a, b) => a - b); console.log(name, t[10]!.toFixed(2), 'ms'); return r; };
  await time('stems', () => shared.stemFrequencies(['polic', 'franc', 'marseil', 'trafic'], ['polic', 'franc', 'marse', 'trafi']));
  const terms = [{ stems: ['polic'], weight: 2 }, { stems: ['franc', 'franca'], weight: 1.5 }, { stems: ['guerr'], weight: 3 }];
  const lex = (await time('lexical', () => shared.lexicalRanking(terms, 20, { k1: 1.2, b: 0.75 }))) as { id: string; doc: string }[];
  const v = new Float32Array(shared.model.dimensions); v[0] = 1;
  const dense = (await time('dense', () => shared.denseRanking(v, 20))) as { id: string; doc: string }[];
  const found = [...lex, ...dense];
  const docs = [...new Set(found.map((p) => p.doc))];
  console.log('docs', docs.length);
  await time('articles', () => shared.articles(docs, new Set(found.map((p) => p.id))));
  await time('select 1', () => store.db.query('SELECT 1'));
  await store.close();
}
void main();
