/** The index store a pipeline's settings name, and its index read ahead while the model loads. */
import type { IndexStore, LoadedIndex } from '../contracts/store.ts';
import { DEFAULT_SCHEMA } from '../stages/3-store/postgres/database.ts';
import { PostgresStore } from '../stages/3-store/postgres/postgres-store.ts';
import { VectraStore } from '../stages/3-store/vectra/vectra-store.ts';
import { PARAGRAPH_TERMS } from '../stages/5-retrieve/paragraph-terms.ts';
import { readParagraphTerms } from './loaded-source.ts';
import type { StageOptions } from './options.ts';

export interface StoreSettings {
  indexDir: string;
  databaseUrl?: string | undefined;
  databaseSchema?: string | undefined;
}

/** The store the settings name: a PostgreSQL database when given one, the embedded vectra folder otherwise. */
export function storeFor(settings: StoreSettings, options: StageOptions, ahead: Promise<LoadedIndex | null> | null = null): IndexStore {
  if (settings.databaseUrl) {
    return new PostgresStore({ url: settings.databaseUrl, schema: settings.databaseSchema ?? DEFAULT_SCHEMA }, { terms: PARAGRAPH_TERMS, bm25: options.bm25 });
  }
  return new VectraStore(settings.indexDir, { lists: options.vectorLists, terms: PARAGRAPH_TERMS, ahead });
}

/** The folder store's index and its paragraphs' stems, read now (on a worker thread when `offThread`); a database's is read when opened. */
export function readIndexAhead(settings: StoreSettings, offThread: boolean): Promise<LoadedIndex | null> | null {
  if (settings.databaseUrl) return null;
  return VectraStore.readAhead(settings.indexDir, { offThread, terms: PARAGRAPH_TERMS }).then((index) => {
    if (index) readParagraphTerms(index);
    return index;
  });
}

/** The vectra indexes a folder build's paragraphs are written in, in order (the bench queries them with vectra itself). */
export { vectraFiles } from '../stages/3-store/vectra/vectra-file.ts';
