/** Temporary corpora and indexes for tests that change them. */
import { cp, rm, writeFile } from 'node:fs/promises';
import type { ArticleDocument } from '../../src/contracts/document.ts';
import { readCorpus } from '../../src/stages/1-ingest/corpus.ts';
import path from 'node:path';
import { startServeProcess } from '../../src/apps/bench/serve-process.ts';
import { Reindexer } from '../../src/apps/serve/reindexer.ts';
import { corpusParagraphs, syntheticArticles, type Engine, type Pipeline } from '../../src/pipeline/pipeline.ts';
import { fixtureConfig, fixturePipeline } from './runtime.ts';
import { tempDir } from './temp.ts';

/** A fresh copy of the seed corpus with an empty index folder beside it. */
export async function scratchCorpus(): Promise<{ corpusDir: string; indexDir: string; root: string }> {
  const root = await tempDir('scratch');
  const corpusDir = path.join(root, 'corpus');
  await cp(fixtureConfig().corpusDir, corpusDir, { recursive: true });
  return { root, corpusDir, indexDir: path.join(root, 'index') };
}

/** Adds `count` generated articles of `paragraphs` paragraphs each to a corpus folder. */
export async function addSyntheticArticles(corpusDir: string, count: number, paragraphs = 8): Promise<void> {
  const source = await corpusParagraphs(fixtureConfig().corpusDir);
  for (const article of syntheticArticles(source, { articles: count, paragraphsPerArticle: paragraphs })) {
    await writeFile(path.join(corpusDir, article.fileName), article.text);
  }
}

/** A short French news article of our own, on a subject the seed articles never mention. */
export const HAVRE_ARTICLE = `Saisie record de cocaïne au port du Havre

Les douaniers du Havre ont saisi quatorze tonnes de cocaïne cachées dans des conteneurs de bananes en provenance d'Équateur, a annoncé mardi le parquet de Rouen. Il s'agit de la plus importante saisie jamais réalisée dans un port français.

Selon les enquêteurs, la marchandise devait être récupérée par des dockers corrompus avant d'être acheminée vers la région parisienne. Six personnes ont été interpellées et placées en garde à vue.

La valeur de la cargaison à la revente est estimée à près de 900 millions d'euros.
`;

/** A scratch copy of the seed corpus, indexed, with its pipeline and an engine over it. */
export async function indexedScratchCorpus(pipeline: Pipeline) {
  const dirs = await scratchCorpus();
  const scratch = pipeline.at(dirs);
  await scratch.ingest();
  return { ...dirs, pipeline: scratch, engine: await scratch.openEngine() };
}

/** A re-indexer over a scratch corpus's pipeline that hands each new engine to `swap`. */
export function scratchReindexer(pipeline: Pipeline, swap: (engine: Engine) => void): Reindexer {
  return new Reindexer(pipeline, swap);
}

/** `ancre serve` as its own process over a scratch copy of the seed corpus, with the fixture's offline model. */
export async function scratchServeProcess(env: Record<string, string> = {}) {
  const { corpusDir, root } = await scratchCorpus();
  const service = await startServeProcess({
    ANCRE_MODEL: 'ancre-offline',
    ANCRE_OFFLINE_MODEL_DIR: fixtureConfig().offlineModelDir,
    ANCRE_CORPUS_DIR: corpusDir,
    ANCRE_INDEX_DIR: path.join(root, 'index'),
    ...env,
  });
  return { ...service, corpusDir };
}

/** The seed articles as the corpus reader reads them from the fixture's folder. */
export const seedDocuments = async (): Promise<ArticleDocument[]> => (await readCorpus(fixtureConfig().corpusDir)).documents;

/**
 * A scratch copy of the seed corpus whose article on the EMCO is a file of
 * another format (`write` makes its bytes from the article as read from
 * text), ingested, and asked a question that article answers.
 */
export async function seedArticleAs(extension: string, write: (document: ArticleDocument) => Uint8Array | Promise<Uint8Array>) {
  const dirs = await scratchCorpus();
  const document = (await readCorpus(dirs.corpusDir)).documents.find((d) => d.paragraphs.some((p) => p.text.includes('douze services')))!;
  await rm(path.join(dirs.corpusDir, document.file));
  await writeFile(path.join(dirs.corpusDir, `${document.id}${extension}`), await write(document));
  const pipeline = (await fixturePipeline()).at(dirs);
  const report = await pipeline.ingest();
  const answer = await (await pipeline.openEngine()).ask("Combien de services l'EMCO regroupe-t-il ?", { topK: 5 });
  return { document, report, answer };
}
