import { describe, expect, it } from 'vitest';
import type { Embedder } from '../src/contracts/model.ts';
import { forwardBatches } from '../src/stages/2-embed/embedder.ts';
import { BatchQueue } from '../src/stages/2-embed/pooled-embedder.ts';

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
    const order: number[] = [];
    const done = Array.from({ length: 6 }, (_, i) => new Promise<void>((resolve) =>
      queue.push(async (m) => {
        ranOn[i] = m.model.id;
        order.push(i);
        if (m === slow) await held;
        resolve();
      }),
    ));
    const serving = [queue.serve(slow, false), queue.serve(quick, true)];
    await Promise.all(done.slice(1));
    // The slow member (a worker: from the front) took the first batch and holds it; the quick one (this thread: from
    // the back, the shortest first) ran all the others meanwhile.
    expect(ranOn).toEqual(['slow', 'quick', 'quick', 'quick', 'quick', 'quick']);
    expect(order).toEqual([0, 5, 4, 3, 2, 1]);
    release();
    await done[0];
    queue.close();
    await Promise.all(serving);
    expect(() => queue.push(async () => {})).toThrow(/closed/);
  });

  it('hands a call’s batches to the members waiting, the longest to a worker and the shortest to this thread', async () => {
    const queue = new BatchQueue();
    const ran: string[] = [];
    let finish!: () => void;
    const both = new Promise<void>((resolve) => (finish = resolve));
    const job = (name: string) => async (m: Embedder) => {
      ran.push(`${name} on ${m.model.id}`);
      if (ran.length === 2) finish();
      await both;
    };
    const serving = [queue.serve(member('this thread'), true), queue.serve(member('worker'), false)];
    queue.push(job('longest'), job('middle'), job('shortest'));
    await both;
    expect(ran.sort()).toEqual(['longest on worker', 'shortest on this thread']);
    queue.close();
    await Promise.all(serving);
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
