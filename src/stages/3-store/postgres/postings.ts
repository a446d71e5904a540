/**
 * A generation's postings: for each paragraph, its stems with their
 * frequency there and its length, from which BM25 is computed in SQL with
 * the generation's own statistics (shared-index.ts). Stored as frequencies,
 * not scores, so that a kept paragraph's rows stay right when other
 * articles change the corpus's statistics: they are copied inside the
 * database, like its vector. Only paragraphs whose reading changed (new,
 * edited, or naming an acronym an article now defines) are sent.
 */
import type { Bm25Parameters, ParagraphTerms, TermContext } from '../../../contracts/shared-index.ts';
import type { StoredItem } from '../../../contracts/store.ts';
import type { Database } from './database.ts';
import { bm25TermFrequencyPart } from '../../../shared/idf.ts';
import { batches } from './rows.ts';
import { termReading } from '../stored-terms.ts';

/** How a generation's paragraphs were read: the reading's version and the corpus's term context, and how their `partial` was computed. */
export interface TermsOfBuild {
  version: string;
  context: TermContext;
  partial: PartialBasis;
}

/**
 * A posting's `partial` is BM25's term-frequency part, tf·(k1+1) / (tf +
 * k1·(1 − b + b·length/L)), with L the mean paragraph length known when it
 * was written: kept postings are copied, not recomputed, so L may be an
 * older generation's. The true part, with this generation's mean A, is at
 * most max(1, A / minAverageLength) times the stored one: what bounds the
 * score of the postings not read (shared-index.ts).
 */
export interface PartialBasis {
  k1: number;
  b: number;
  /** The smallest L any of the generation's postings was written with. */
  minAverageLength: number;
}

/** Posting rows per INSERT: four small columns each. */
const POSTINGS_PER_BATCH = 5000;

/** Writes the postings of `paragraphs` (in row order) and the generation's statistics; the terms they were read with. */
export async function writePostings(
  db: Database,
  { generation, previous }: { generation: string; previous: { id: string; terms: TermsOfBuild | null; averageLength: number | null } | null },
  paragraphs: readonly StoredItem[],
  kept: ReadonlySet<string>,
  { terms, bm25 }: { terms: ParagraphTerms; bm25: Bm25Parameters },
): Promise<void> {
  const texts = paragraphs.map((item) => String(item.metadata.text));
  // The previous generation's context, when its postings can be kept: read the same way, their `partial` computed with the same BM25 parameters.
  const basis = previous?.terms;
  const before = basis && basis.version === terms.version && basis.partial && sameBm25(basis.partial, bm25) ? basis.context : null;
  const reading = termReading(terms, texts, before);
  const context = reading.context;
  // A kept paragraph keeps its postings unless an acronym its text spells out was defined since.
  const keeps = (id: string, text: string) => kept.has(id) && reading.readsAsBefore(text);
  const copied: { id: string; row: number }[] = [];
  const freshStems: { row: number; stems: string[] }[] = [];
  paragraphs.forEach((item, row) => {
    const text = texts[row]!;
    if (keeps(item.id, text)) copied.push({ id: item.id, row });
    else freshStems.push({ row, stems: terms.stems(terms.expanded(text, context)) });
  });
  const previousMinimum = previous?.terms?.partial.minAverageLength;
  const mean = copied.length > 0 && previous?.averageLength ? previous.averageLength : freshStems.reduce((sum, p) => sum + p.stems.length, 0) / Math.max(1, freshStems.length);
  const partial: PartialBasis = { ...bm25, minAverageLength: Math.max(1e-9, copied.length > 0 && previousMinimum !== undefined ? Math.min(previousMinimum, mean) : mean) };
  const fresh = postingColumns(freshStems, bm25, mean);
  const postings = db.name('postings');
  for (let start = 0; start < fresh.stem.length; start += POSTINGS_PER_BATCH) {
    const end = start + POSTINGS_PER_BATCH;
    await db.query(
      `INSERT INTO ${postings} (generation, stem, row, tf, length, partial) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::real[])`,
      [generation, fresh.stem.slice(start, end), fresh.row.slice(start, end), fresh.tf.slice(start, end), fresh.length.slice(start, end), fresh.partial.slice(start, end)],
    );
  }
  for (const batch of batches(copied, POSTINGS_PER_BATCH)) {
    await db.query(
      `INSERT INTO ${postings} (generation, stem, row, tf, length, partial)
       SELECT $1, x.stem, k.row, x.tf, x.length, x.partial FROM unnest($3::text[], $4::int[]) AS k(id, row)
       JOIN ${db.name('paragraphs')} o ON o.generation = $2 AND o.id = k.id
       JOIN ${postings} x ON x.generation = $2 AND x.row = o.row`,
      [generation, previous!.id, batch.map((k) => k.id), batch.map((k) => k.row)],
    );
  }
  await writeStatistics(db, generation, { version: terms.version, context, partial });
}

const sameBm25 = (a: Bm25Parameters, b: Bm25Parameters) => a.k1 === b.k1 && a.b === b.b;

/** Fresh paragraphs' postings as the INSERT's columns. */
function postingColumns(paragraphs: readonly { row: number; stems: string[] }[], bm25: Bm25Parameters, averageLength: number) {
  const columns = { stem: [] as string[], row: [] as number[], tf: [] as number[], length: [] as number[], partial: [] as number[] };
  for (const { row, stems } of paragraphs) {
    const counts = new Map<string, number>();
    for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    for (const [stem, tf] of counts) {
      columns.stem.push(stem);
      columns.row.push(row);
      columns.tf.push(tf);
      columns.length.push(stems.length);
      columns.partial.push(bm25TermFrequencyPart(tf, stems.length, bm25, averageLength));
    }
  }
  return columns;
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
