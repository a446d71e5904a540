/**
 * A generation's vector lists (IVF, stages/3-store/vector-lists.ts) in the
 * database, for processes that load a build whole (`PostgresStore.open`):
 * extended from the previous generation's while they fit, as the folder
 * store does, or trained anew on every vector.
 */
import type { StoredItem, VectorLists } from '../../../contracts/store.ts';
import { listsForBuild, listsFromBytes, listsToBytes, type ListsOfBuild, type VectorListOptions } from '../vector-lists.ts';
import { vectorMatrix } from '../vector-matrix.ts';
import type { Database } from './database.ts';
import { readParagraphs } from './rows.ts';

/** Writes the new generation's lists; `previousIds`: the previous generation's paragraph ids by row, when the caller read them already. */
export async function writeVectorLists(
  db: Database,
  { generation, previous, previousIds }: { generation: string; previous: string | null; previousIds: string[] | null },
  dimensions: number,
  { paragraphs, kept }: { paragraphs: readonly StoredItem[]; kept: ReadonlySet<string> },
  options: VectorListOptions,
): Promise<void> {
  const previousLists = previous && kept.size > 0 ? await listsOfBuild(db, previous, previousIds, dimensions) : null;
  const lists = await listsForBuild(
    {
      ids: paragraphs.map((item) => item.id),
      dimensions,
      // Kept rows' vectors stayed in the database: zeros here, read back only if the lists are trained anew.
      vectors: vectorMatrix(paragraphs, dimensions),
      allVectors: async () => vectorMatrix(await readParagraphs(db, generation, true), dimensions),
    },
    previousLists,
    kept,
    options,
  );
  const { centroids, listOfRow } = listsToBytes(lists);
  await db.query(`INSERT INTO ${db.name('vector_lists')} (generation, centroids, list_of_row, trained_on) VALUES ($1, $2, $3, $4)`, [
    generation,
    centroids,
    listOfRow,
    lists.trainedOn,
  ]);
}

/** A generation's vector lists, or null when it has none (a small index). */
export async function readVectorLists(db: Database, generation: string, rows: number, dimensions: number): Promise<VectorLists | null> {
  const [record] = await db.query<{ centroids: Buffer; list_of_row: Buffer; trained_on: number }>(
    `SELECT centroids, list_of_row, trained_on FROM ${db.name('vector_lists')} WHERE generation = $1`,
    [generation],
  );
  return record ? listsFromBytes(record.centroids, record.list_of_row, record.trained_on, rows, dimensions) : null;
}

/** A generation's lists with its paragraphs' ids by row, or null (none, or unreadable: they are then trained anew). */
async function listsOfBuild(db: Database, generation: string, knownIds: string[] | null, dimensions: number): Promise<ListsOfBuild | null> {
  try {
    const ids = knownIds ?? (await db.query<{ id: string }>(`SELECT id FROM ${db.name('paragraphs')} WHERE generation = $1 ORDER BY row`, [generation])).map((r) => r.id);
    const lists = await readVectorLists(db, generation, ids.length, dimensions);
    return lists && { lists, ids };
  } catch {
    return null;
  }
}
