import { describe, expect, it } from 'vitest';
import type { Embedder } from '../src/contracts/model.ts';
import { BatchQueue, forwardBatches } from '../src/stages/2-embed/pooled-embedder.ts';

describe('forwardBatches (an ingest’s passages cut into forward passes)', () => {
  it('cuts passages sorted by length into whole batches, ties in the order given', () => {
    const lengths = [40, 10, 30, 10, 20];
    expect(forwardBatches(lengths, 2)).toEqual([[1, 3], [4, 2], [0]]);
    expect(forwardBatches(lengths, 32)).toEqual([[1, 3, 4, 2, 0]]);
    expect(forwardBatches([], 2)).toEqual([]);
  });
});

describe('BatchQueue (an ingest’s forward batches, each to the first thread free)', () => {
  const member = (name: string) => ({ model: { id: name } }) as unknown as Embedder;

  it('gives each batch to one member, and the others go on while one is held in a long pass', async () => {
    const queue = new BatchQueue();
    const [slow, quick] = [member('slow'), member('quick')];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ranOn: string[] = [];
    const done = Array.from({ length: 6 }, (_, i) => new Promise<void>((resolve) =>
      queue.push(async (m) => {
        ranOn[i] = m.model.id;
        if (m === slow) await held;
        resolve();
      }),
    ));
    const serving = [queue.serve(slow, false), queue.serve(quick, true)];
    await Promise.all(done.slice(1));
    // The slow member took the first batch and holds it; the quick one ran all the others meanwhile.
    expect(ranOn).toEqual(['slow', 'quick', 'quick', 'quick', 'quick', 'quick']);
    release();
    await done[0];
    queue.close();
    await Promise.all(serving);
    expect(() => queue.push(async () => {})).toThrow(/closed/);
  });

  it('hands a batch pushed later to a member already waiting', async () => {
    const queue = new BatchQueue();
    const serving = queue.serve(member('waiting'), false);
    const ran = await new Promise<string>((resolve) => queue.push(async (m) => resolve(m.model.id)));
    expect(ran).toBe('waiting');
    queue.close();
    await serving;
  });
});
