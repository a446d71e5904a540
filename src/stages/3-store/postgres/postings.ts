/**
 * A generation's postings: for each paragraph, its stems with their
 * frequency there and its length, from which BM25 is computed in SQL with
 * the generation's own statistics (shared-index.ts). Stored as frequencies,
 * not scores, so that a kept paragraph's rows stay right when other
 * articles change the corpus's statistics: they are copied inside the
 * database, like its vector. Only paragraphs whose reading changed (new,
 * edited, or naming an acronym an article now defines) are sent.
 */
import type { ParagraphTerms, TermContext } from '../../../contracts/shared-index.ts';
import type { StoredItem } from '../../../contracts/store.ts';
import type { Database } from './database.ts';
import { batches } from './rows.ts';

/** How a generation's paragraphs were read: the reading's version and the corpus's term context. */
export interface TermsOfBuild {
  version: string;
  context: TermContext;
}

/** Posting rows per INSERT: four small columns each. */
const POSTINGS_PER_BATCH = 5000;

/** Writes the postings of `paragraphs` (in row order) and the generation's statistics; the terms they were read with. */
export async function writePostings(
  db: Database,
  { generation, previous }: { generation: string; previous: { id: string; terms: TermsOfBuild | null } | null },
  paragraphs: readonly StoredItem[],
  kept: ReadonlySet<string>,
  terms: ParagraphTerms,
): Promise<void> {
  const texts = paragraphs.map((item) => String(item.metadata.text));
  const context = terms.context(texts);
  const before = previous?.terms?.version === terms.version ? previous.terms.context : null;
  const sameContext = before !== null && JSON.stringify(before) === JSON.stringify(context);
  const fresh: { stem: string[]; row: number[]; tf: number[]; length: number[] } = { stem: [], row: [], tf: [], length: [] };
  const copied: { id: string; row: number }[] = [];
  paragraphs.forEach((item, row) => {
    const expanded = terms.expanded(texts[row]!, context);
    if (previous && before && kept.has(item.id) && (sameContext || terms.expanded(texts[row]!, before) === expanded)) {
      return void copied.push({ id: item.id, row });
    }
    const stems = terms.stems(expanded);
    const counts = new Map<string, number>();
    for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    for (const [stem, tf] of counts) {
      fresh.stem.push(stem);
      fresh.row.push(row);
      fresh.tf.push(tf);
      fresh.length.push(stems.length);
    }
  });
  const postings = db.name('postings');
  for (let start = 0; start < fresh.stem.length; start += POSTINGS_PER_BATCH) {
    const end = start + POSTINGS_PER_BATCH;
    await db.query(`INSERT INTO ${postings} (generation, stem, row, tf, length) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[])`, [
      generation,
      fresh.stem.slice(start, end),
      fresh.row.slice(start, end),
      fresh.tf.slice(start, end),
      fresh.length.slice(start, end),
    ]);
  }
  for (const batch of batches(copied, POSTINGS_PER_BATCH)) {
    await db.query(
      `INSERT INTO ${postings} (generation, stem, row, tf, length)
       SELECT $1, x.stem, k.row, x.tf, x.length FROM unnest($3::text[], $4::int[]) AS k(id, row)
       JOIN ${db.name('paragraphs')} o ON o.generation = $2 AND o.id = k.id
       JOIN ${postings} x ON x.generation = $2 AND x.row = o.row`,
      [generation, previous!.id, batch.map((k) => k.id), batch.map((k) => k.row)],
    );
  }
  await writeStatistics(db, generation, { version: terms.version, context });
}

/** Document frequencies by stem and the summed paragraph length, counted inside the database once every posting is there. */
async function writeStatistics(db: Database, generation: string, terms: TermsOfBuild): Promise<void> {
  const postings = db.name('postings');
  await db.query(
    `INSERT INTO ${db.name('stem_stats')} (generation, stem, df) SELECT $1, stem, count(*) FROM ${postings} WHERE generation = $1 GROUP BY stem`,
    [generation],
  );
  await db.query(
    `UPDATE ${db.name('generations')} SET terms = $2,
       term_count = (SELECT coalesce(sum(length), 0) FROM (SELECT DISTINCT row, length FROM ${postings} WHERE generation = $1) AS lengths)
     WHERE id = $1`,
    [generation, JSON.stringify(terms)],
  );
}
