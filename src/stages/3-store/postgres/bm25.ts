/**
 * BM25 in SQL over a generation's postings, exact, without reading every
 * posting of a common stem. Each stem's postings are read best first (by
 * their stored term-frequency part, `postings.ts`), a few hundred at a
 * time; the paragraphs found are scored exactly; and the reading stops as
 * soon as no paragraph left unread could beat the k-th score found: its
 * score is at most the sum, over the question's terms, of what the next
 * unread posting of each stem could bring (the threshold algorithm of
 * Fagin, Lotem and Naor). A filter that allows few paragraphs (some
 * articles, some paragraphs) scores those directly.
 */
import type { Bm25Parameters, ScoredParagraph } from '../../../contracts/shared-index.ts';
import type { LexicalTerm } from '../../../contracts/query.ts';
import type { DocumentFilter } from '../../../contracts/retrieval.ts';
import { bm25Idf } from '../../../shared/idf.ts';
import type { Database } from './database.ts';
import { filterSql } from './filter-sql.ts';
import type { PartialBasis } from './postings.ts';

export interface SqlBm25Options {
  /**
   * Postings the question's stems may hold together and still be scored all
   * at once.
   * @default 20000 — about 12 ms in PGlite for 8,000 (an index-only scan and
   * one aggregation), where a round of reading best first costs a few ms and
   * a flat corpus needs several; rounds pay only past this, and only while
   * they read a tenth of the postings or less.
   */
  scoreAllBelow: number;
  /** @default 100 — postings read per stem in the first round (at least as many as paragraphs asked for: five times a question's 20); four times more each round after. */
  firstDepth: number;
  /** @default 0.1 — the share of the stems' postings a round may read; a deeper round would read too many of them, and every posting is scored instead. */
  maxRoundShare: number;
}

export const DEFAULT_SQL_BM25: SqlBm25Options = { scoreAllBelow: 20_000, firstDepth: 100, maxRoundShare: 0.1 };

/** Past this many postings per stem in a round, every posting is scored. */
const MAX_DEPTH = 6400;

export interface CorpusOfBuild {
  paragraphs: number;
  averageLength: number;
  partial: PartialBasis;
}

interface QueryStem {
  term: number;
  stem: string;
  weight: number;
}

interface Request {
  terms: readonly LexicalTerm[];
  k: number;
  bm25: Bm25Parameters;
  filter?: DocumentFilter | undefined;
  /** How many postings the terms' stems hold together, when the caller knows (their document frequencies). */
  postings?: number | undefined;
}

export async function bm25Ranking(
  db: Database,
  generation: string,
  corpus: CorpusOfBuild,
  { terms, k, bm25, filter, postings }: Request,
  options: SqlBm25Options = DEFAULT_SQL_BM25,
): Promise<ScoredParagraph[]> {
  const query = terms.flatMap((term, index) => term.stems.map((stem): QueryStem => ({ term: index, stem, weight: term.weight })));
  if (query.length === 0) return [];
  const score = (rows: number[] | null) => exactScores(db, generation, { corpus, query, k, bm25, filter }, rows);
  const narrow = filter?.include !== undefined || filter?.paragraphs !== undefined;
  if (narrow || (postings ?? Infinity) <= options.scoreAllBelow || corpus.partial.k1 !== bm25.k1 || corpus.partial.b !== bm25.b) return score(null);
  // How much more than its stored part a posting's true part can be: the mean length moved since it was written, and the part was stored as a float4.
  const drift = Math.max(1, corpus.averageLength / corpus.partial.minAverageLength) * (1 + 1e-6);
  for (let depth = Math.max(options.firstDepth, k); depth <= MAX_DEPTH; depth *= 4) {
    const read = await bestPostings(db, generation, [...new Set(query.map((q) => q.stem))], depth);
    const scored = await score([...new Set(read.rows)]);
    const kth = scored.length >= k ? scored[k - 1]!.score : -Infinity;
    // What a paragraph none of the stems' read postings holds could score, at most: per term, its best stem's next posting.
    const unread = terms.reduce((sum, term) => {
      const next = term.stems.map((stem) => {
        const stats = read.byStem.get(stem);
        if (!stats || stats.count < depth) return 0;
        return bm25Idf(corpus.paragraphs, stats.df) * Math.min(bm25.k1 + 1, stats.last * drift);
      });
      return sum + term.weight * Math.max(0, ...next);
    }, 0);
    if (unread < kth || unread === 0) return scored;
    // Reading deeper would read much of the postings anyway (a corpus whose scores are flat): score them all at once.
    const held = [...read.byStem.values()].reduce((sum, stats) => sum + stats.df, 0);
    if (4 * depth * read.byStem.size > held * options.maxRoundShare) break;
  }
  return score(null);
}

/** Each stem's `depth` best postings (by stored part), with the stem's document frequency and the last part read. */
async function bestPostings(db: Database, generation: string, stems: string[], depth: number) {
  const found = await db.query<{ stem: string; row: number; partial: number; df: number }>(
    `SELECT q.stem, x.row, x.partial, s.df FROM unnest($2::text[]) AS q(stem)
     JOIN ${db.name('stem_stats')} s ON s.generation = $1 AND s.stem = q.stem
     CROSS JOIN LATERAL (SELECT row, partial FROM ${db.name('postings')} WHERE generation = $1 AND stem = q.stem ORDER BY partial DESC LIMIT $3) x`,
    [generation, stems, depth],
  );
  const byStem = new Map<string, { count: number; last: number; df: number }>();
  for (const { stem, partial, df } of found) {
    const stats = byStem.get(stem) ?? { count: 0, last: Infinity, df };
    stats.count++;
    stats.last = Math.min(stats.last, partial);
    byStem.set(stem, stats);
  }
  return { rows: found.map((f) => f.row), byStem };
}

/** The k best paragraphs by exact BM25 with the generation's statistics, among `rows` (every paragraph when null) and what the filter allows. */
function exactScores(
  db: Database,
  generation: string,
  { corpus, query, k, bm25, filter }: { corpus: CorpusOfBuild; query: readonly QueryStem[]; k: number; bm25: Bm25Parameters; filter: DocumentFilter | undefined },
  rows: number[] | null,
): Promise<ScoredParagraph[]> {
  const params: unknown[] = [generation, query.map((q) => q.term), query.map((q) => q.stem), query.map((q) => q.weight), corpus.paragraphs, bm25.k1, bm25.b, corpus.averageLength, k];
  const only = rows ? `AND x.row = ANY(${`$${params.push(rows)}`}::int[])` : '';
  const paragraphs = db.name('paragraphs');
  // The rows a filter allows (few: some articles) or those it leaves out (few too: an article or two).
  const allowed =
    filter?.include || filter?.paragraphs
      ? `AND x.row IN (SELECT p.row FROM ${paragraphs} p WHERE p.generation = $1 AND ${filterSql(filter, params)})`
      : filter?.exclude?.length
        ? `AND x.row NOT IN (SELECT p.row FROM ${paragraphs} p WHERE p.generation = $1 AND p.doc = ANY($${params.push(filter.exclude)}::text[]))`
        : '';
  // Each term scores a paragraph by the best of its stems, as the in-memory BM25 does (stages/5-retrieve/lexical-index.ts); a term of one stem needs no max.
  const oneStemEach = new Set(query.map((q) => q.term)).size === query.length;
  const score = `q.weight * x.tf / (x.tf + $6::float8 * (1 - $7::float8 + $7::float8 * x.length / $8::float8))`;
  const ranked = oneStemEach
    ? `SELECT x.row, sum(${score}) AS score FROM q JOIN ${db.name('postings')} x ON x.generation = $1 AND x.stem = q.stem ${only} ${allowed} GROUP BY x.row`
    : `SELECT row, sum(score) AS score FROM (
         SELECT x.row, max(${score}) AS score FROM q JOIN ${db.name('postings')} x ON x.generation = $1 AND x.stem = q.stem ${only} ${allowed} GROUP BY x.row, q.term
       ) AS terms GROUP BY row`;
  // The stems' IDF folded into their weight once (MATERIALIZED: inlined, it was computed again for every posting, half the time), and the paragraphs' ids read for the k best only.
  return db.query<ScoredParagraph>(
    `WITH q AS MATERIALIZED (
       SELECT u.term, u.stem, u.weight * ln(1 + ($5::float8 - s.df + 0.5) / (s.df + 0.5)) * ($6::float8 + 1) AS weight
       FROM unnest($2::int[], $3::text[], $4::float8[]) AS u(term, stem, weight)
       JOIN ${db.name('stem_stats')} s ON s.generation = $1 AND s.stem = u.stem),
     best AS (${ranked} ORDER BY score DESC, row LIMIT $9)
     SELECT p.id, p.doc, best.score FROM best JOIN ${paragraphs} p ON p.generation = $1 AND p.row = best.row
     ORDER BY best.score DESC, best.row`,
    params,
  );
}
