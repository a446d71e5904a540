/** A question's document filter (contracts/retrieval.ts) as SQL over the paragraphs table. */
import type { DocumentFilter } from '../../../contracts/retrieval.ts';

/** A document filter as a condition on the paragraphs `p`, its values appended to `params`. */
export function filterSql(filter: DocumentFilter | undefined, params: unknown[]): string {
  const conditions = ['true'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter?.include) conditions.push(`p.doc = ANY(${param(filter.include)}::text[])`);
  if (filter?.exclude?.length) conditions.push(`NOT (p.doc = ANY(${param(filter.exclude)}::text[]))`);
  if (filter?.paragraphs) {
    const ranges = filter.paragraphs;
    conditions.push(
      `EXISTS (SELECT 1 FROM unnest(${param(ranges.map((r) => r.doc))}::text[], ${param(ranges.map((r) => r.from))}::int[], ${param(ranges.map((r) => r.to))}::int[]) AS r(doc, f, t)
               WHERE r.doc = p.doc AND p.paragraph BETWEEN r.f AND r.t)`,
    );
  }
  return conditions.join(' AND ');
}
