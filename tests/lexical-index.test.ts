/**
 * The BM25 index built from a build's stems as ids into a vocabulary (what
 * a build keeps) ranks exactly as the one built from the same stems as
 * strings: the same rows, scores, IDFs, word families and held stems.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { corpusParagraphs } from '../src/pipeline/indexing.ts';
import { LexicalIndex, type StemIds } from '../src/stages/5-retrieve/lexical-index.ts';
import { contentStems } from '../src/text/words.ts';

const PIAF = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'piaf', 'corpus');

/** The stems as a build keeps them, with vocabulary entries no paragraph holds (a build's article stems share it). */
function asIds(stemLists: string[][], unheld: string[]): StemIds {
  const vocabulary = [...unheld];
  const idOf = new Map(unheld.map((stem, id) => [stem, id]));
  const offsets = new Uint32Array(stemLists.length + 1);
  const ids: number[] = [];
  stemLists.forEach((stems, row) => {
    for (const stem of stems) {
      if (!idOf.has(stem)) idOf.set(stem, vocabulary.push(stem) - 1);
      ids.push(idOf.get(stem)!);
    }
    offsets[row + 1] = ids.length;
  });
  return { vocabulary, offsets, ids: Uint32Array.from(ids) };
}

describe('the lexical index from stem ids', () => {
  it('ranks, weighs and expands exactly as from the stems themselves', { timeout: 60_000 }, async () => {
    const paragraphs = await corpusParagraphs(existsSync(PIAF) ? PIAF : path.join(PROJECT_ROOT, 'corpus'));
    const stemLists = paragraphs.map((text) => contentStems(text));
    const fromStems = new LexicalIndex(stemLists, { k1: 1.2, b: 0.75 });
    const fromIds = new LexicalIndex(asIds(stemLists, ['zzzunheld', 'prefixunheld']), { k1: 1.2, b: 0.75 });

    const mask = new Uint8Array(paragraphs.length).map((_, row) => row % 3);
    let compared = 0;
    for (const text of paragraphs.filter((_, i) => i % 7 === 0)) {
      // A question made of a paragraph's first stems, some weighed more, some with their word family.
      const stems = contentStems(text).slice(0, 6);
      const terms = stems.map((stem, i) => ({ stems: i % 2 === 0 ? fromStems.expand(stem) : [stem], weight: 1 + (i % 3) }));
      expect(fromIds.search(terms, 10)).toEqual(fromStems.search(terms, 10));
      expect(fromIds.search(terms, 10, mask)).toEqual(fromStems.search(terms, 10, mask));
      for (const stem of stems) {
        expect(fromIds.idf(stem)).toBe(fromStems.idf(stem));
        expect(fromIds.expand(stem)).toEqual(fromStems.expand(stem));
      }
      expect([...fromIds.held(stems, mask)]).toEqual([...fromStems.held(stems, mask)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(1);
    // A vocabulary entry no paragraph holds is not indexed.
    expect(fromIds.knows('zzzunheld')).toBe(false);
    expect(fromIds.idf('zzzunheld')).toBe(fromStems.idf('zzzunheld'));
  });
});
