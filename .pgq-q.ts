import { PostgresStore } from './src/stages/3-store/postgres/postgres-store.ts';
import { PARAGRAPH_TERMS } from './src/stages/5-retrieve/paragraph-terms.ts';
import { Pipeline } from './src/pipeline/pipeline.ts';
async function main() {
  const schema = process.argv[2]!;
  const store = new PostgresStore({ url: 'postgres://postgres:x@127.0.0.1:55432/postgres', schema }, { terms: PARAGRAPH_TERMS });
  const shared = await store.openShared();
  const pipeline = await Pipeline.create({ corpusDir: '/tmp/pgq/synth10k', indexDir: '/tmp/pgq/index', offlineModelDir: process.argv[3]!, model: 'ancre-offline', modelsDir: undefined, modelLoadTimeoutMs: 1000, databaseUrl: 'postgres://postgres:x@127.0.0.1:55432/postgres', databaseSchema: schema } as never, () => {});
  const engine = await pipeline.openEngine();
  const question = await engine.analyze("Combien de services l'EMCO regroupe-t-il ?");
  console.log(question.terms.map((t) => `${t.stems.join('|')}:${t.weight.toFixed(2)}`).join(' '));
  const [vector] = await pipeline.embedder.embedQueries([question.text]);
  const time = async (name: string, f: () => Promise<unknown>) => { const t: number[] = []; for (let i = 0; i < 10; i++) { const s = performance.now(); await f(); t.push(performance.now() - s); } t.sort((a, b) => a - b); console.log(name, t[5]!.toFixed(2), 'ms'); };
  await time('lexical', () => shared.lexicalRanking(question.terms, 20, { k1: 1.2, b: 0.75 }));
  await time('dense', () => shared.denseRanking(vector!, 20));
  await time('ask', () => engine.ask("Combien de services l'EMCO regroupe-t-il ?", { topK: 5 }));
  await pipeline.close(); await store.close();
}
void main();
