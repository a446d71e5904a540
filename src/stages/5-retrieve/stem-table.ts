/**
 * The vocabulary question analysis reads (contracts/query.ts Lexicon) when
 * the index is not in memory: the document frequencies of the few stems a
 * question needs, fetched for it. Which stems those are is found by
 * analysing the question once against a lexicon that only notes what it is
 * asked (`stemsAsked`); the stems, their word families (every stem sharing
 * their first letters) and their derivational partners are then fetched,
 * and the second analysis, against the table, reads exactly what the
 * in-memory index would have answered.
 */
import type { Lexicon } from '../../contracts/query.ts';
import { smoothedIdf } from '../../shared/idf.ts';
import { derivationalPartner } from '../../text/words.ts';
import { familyKey, wordFamily } from './lexical-index.ts';

/** What to fetch for a question: stems by name, and every stem starting with one of the prefixes. */
export interface StemRequest {
  stems: string[];
  prefixes: string[];
}

/** The stems an analysis asks about, found by running it against a lexicon that knows nothing. */
export function stemsAsked(analyse: (lexicon: Lexicon) => unknown): StemRequest {
  const asked = new Set<string>();
  const note = (stem: string) => void asked.add(stem);
  analyse({
    idf: (stem) => (note(stem), 1),
    knows: (stem) => (note(stem), false),
    expand: (stem) => (note(stem), [stem]),
  });
  const stems = new Set(asked);
  for (const stem of asked) {
    const partner = derivationalPartner(stem);
    if (partner !== null) stems.add(partner);
  }
  const prefixes = new Set([...asked].flatMap((stem) => familyKey(stem) ?? []));
  return { stems: [...stems], prefixes: [...prefixes] };
}

/** A lexicon over fetched document frequencies of a corpus of `paragraphs`. */
export class StemTable implements Lexicon {
  private readonly byKey = new Map<string, string[]>();

  constructor(
    private readonly paragraphs: number,
    private readonly frequencies: ReadonlyMap<string, number>,
  ) {
    for (const stem of frequencies.keys()) {
      const key = familyKey(stem);
      if (key === null) continue;
      if (!this.byKey.has(key)) this.byKey.set(key, []);
      this.byKey.get(key)!.push(stem);
    }
  }

  documentFrequency(stem: string): number {
    return this.frequencies.get(stem) ?? 0;
  }

  idf(stem: string): number {
    return smoothedIdf(this.paragraphs, this.documentFrequency(stem));
  }

  knows(stem: string): boolean {
    return this.frequencies.has(stem);
  }

  expand(stem: string): string[] {
    const key = familyKey(stem);
    return wordFamily(stem, (key !== null && this.byKey.get(key)) || [], (s) => this.knows(s));
  }
}
