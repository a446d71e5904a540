import { describe, expect, it } from 'vitest';
import { shareOut } from '../src/stages/2-embed/pooled-embedder.ts';

describe('shareOut (an ingest’s passages between its threads)', () => {
  it('gives every passage to one thread, in whole forward batches of neighbouring lengths, dealt back and forth', () => {
    const lengths = Array.from({ length: 10 }, (_, i) => (i * 7) % 10);
    const shares = shareOut(lengths, 2, 2);
    expect(shares.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    // Sorted by length: batches [0 1] [2 3] [4 5] [6 7] [8 9] (by length) go to threads 0, 1, 1, 0, 0.
    const byLength = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
    const batch = (k: number) => byLength.slice(2 * k, 2 * k + 2);
    expect(shares[0]).toEqual([...batch(0), ...batch(3), ...batch(4)]);
    expect(shares[1]).toEqual([...batch(1), ...batch(2)]);
  });

  it('leaves a thread empty rather than split a batch, and keeps one thread’s order when alone', () => {
    expect(shareOut([5, 1, 3], 2, 32)).toEqual([[1, 2, 0], []]);
    expect(shareOut([5, 1, 3], 1, 2)).toEqual([[1, 2, 0]]);
    expect(shareOut([], 3, 2)).toEqual([[], [], []]);
  });
});
