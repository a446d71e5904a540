/** Reading a build's vectra file through vectra itself, on whichever thread calls it (vectra-file.ts chooses). */
import type { ItemMetadata, StoredItem } from '../../../contracts/store.ts';

/** The items of the vectra file `file` in `buildDir`, in the order they were written, each vector checked to have `dimensions` numbers. */
export async function listVectraItems(buildDir: string, dimensions: number, file: string): Promise<StoredItem[]> {
  // The module alone: vectra's index also loads its OpenAI client, web fetcher and GPT tokenizers (0.3 s at every start).
  // And only when a build is read: the module loads an English language model for its own BM25 (0.11 s), which a
  // command that reads no vectors, such as an ingest with nothing to do, need not wait for.
  const { LocalIndex } = await loadVectraReader();
  const items = await new LocalIndex<ItemMetadata>(buildDir, file).listItems();
  const wrong = items.find((item) => item.vector.length !== dimensions);
  if (wrong) throw new Error(`item ${wrong.id} has ${wrong.vector.length} dimensions, the build ${dimensions}`);
  return items;
}

type VectraIndexModule = typeof import('vectra/lib/LocalIndex.js');

/**
 * vectra's index module (the runtime loads it once): `listVectraItems` reads with it, and a service loads it ahead
 * (VectraStore.readAhead). From the command line's bundle (bin/compile.mjs), which holds it, a CommonJS module's
 * exports are its default export only; from node_modules, Node also names them.
 */
export async function loadVectraReader(): Promise<VectraIndexModule> {
  const module = await import('vectra/lib/LocalIndex.js');
  return 'LocalIndex' in module ? module : (module as { default: VectraIndexModule }).default;
}
