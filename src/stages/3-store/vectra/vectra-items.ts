/** Reading a build's vectra file through vectra itself, on whichever thread calls it (vectra-file.ts chooses). */
// The module alone: vectra's index also loads its OpenAI client, web fetcher and GPT tokenizers (0.3 s at every start).
import { LocalIndex } from 'vectra/lib/LocalIndex.js';
import type { ItemMetadata, StoredItem } from '../../../contracts/store.ts';

/** The items of the vectra file in `buildDir`, in the order they were written, each vector checked to have `dimensions` numbers. */
export async function listVectraItems(buildDir: string, dimensions: number): Promise<StoredItem[]> {
  const items = await new LocalIndex<ItemMetadata>(buildDir).listItems();
  const wrong = items.find((item) => item.vector.length !== dimensions);
  if (wrong) throw new Error(`item ${wrong.id} has ${wrong.vector.length} dimensions, the build ${dimensions}`);
  return items;
}
