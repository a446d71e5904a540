import { mkdir, cp, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { corpusParagraphs, syntheticArticles } from './src/pipeline/pipeline.ts';
async function main() {
  const [n, dir] = [Number(process.argv[2]), process.argv[3]!];
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp('../shared/seeds', dir, { recursive: true });
  const source = await corpusParagraphs('../shared/seeds');
  for (const a of syntheticArticles(source, { articles: Math.round((n - 13) / 10), paragraphsPerArticle: 10 })) await writeFile(path.join(dir, a.fileName), a.text);
}
void main();
