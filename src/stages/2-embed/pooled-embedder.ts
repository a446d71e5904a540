/**
 * One model on several threads, for ingest: onnxruntime-node 1.14 runs each
 * forward pass on the calling thread alone (CPU time equals wall time even
 * when the session is asked for more intra-op threads), so one session uses
 * one core. Each call's passages are shared out between embedders of the
 * same model, one on this thread and the others on worker threads, and
 * their vectors put back in order (README, "Performance").
 *
 * Only for a process that ends with its pipeline (`ancre ingest`, the bench): once every
 * thread that loaded the ONNX runtime's native module has stopped, a new
 * worker cannot load it again ("Module did not self-register"), which a
 * service reindexing with a pool would then need.
 */
import type { Embedder, Logger, SpannedPassage } from '../../contracts/model.ts';
import { FORWARD_BATCH } from './embedder.ts';
import type { ModelChoice } from './load.ts';
import { loadThreadedEmbedder } from './threaded/threaded-embedder.ts';

/**
 * Which passages each of `members` embeds: sorted by length and cut into
 * the forward passes' batches, as one embedder would cut them (so padding
 * stays what it was), the batches dealt out in turn, back and forth
 * (0, 1, 1, 0, 0, 1…) so that neither gets all the longer ones.
 */
export function shareOut(lengths: readonly number[], members: number, batch = FORWARD_BATCH): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const shares = Array.from({ length: members }, () => [] as number[]);
  for (let start = 0, group = 0; start < order.length; start += batch, group++) {
    const round = Math.floor(group / members);
    const place = group % members;
    shares[round % 2 === 0 ? place : members - 1 - place]!.push(...order.slice(start, start + batch));
  }
  return shares;
}

/** Whether two embedders hold one model: their vectors may then stand in one index. */
function sameModel(a: Embedder, b: Embedder): boolean {
  return a.model.id === b.model.id && a.model.fingerprint === b.model.fingerprint;
}

/**
 * `run` on every member at once, each over its share of the items (shareOut
 * by `lengths`), and each member's result: the workers' shares are posted
 * first, so that this thread's own (members[0]) then computes while they do.
 */
async function acrossMembers<R>(members: readonly Embedder[], lengths: readonly number[], run: (member: Embedder, share: number[]) => Promise<R>, empty: R): Promise<{ shares: number[][]; results: R[] }> {
  const shares = shareOut(lengths, members.length);
  const results = new Array<R>(members.length);
  const order = shares.map((_, m) => m).reverse();
  await Promise.all(order.map(async (m) => (results[m] = shares[m]!.length ? await run(members[m]!, shares[m]!) : empty)));
  return { shares, results };
}

/**
 * An embedder whose passages are embedded by all of `members` at once
 * (`members[0]` is this thread's, the others workers'); queries by the
 * first. Every member must be the same model: their vectors are mixed in
 * one index. Closing it closes the others; the first is its owner's.
 */
export function pooledEmbedder(members: readonly Embedder[]): Embedder {
  const [first] = members;
  if (!first) throw new Error('a pool of embedders needs at least one');
  const other = members.find((m) => !sameModel(m, first));
  if (other) throw new Error(`a pool of embedders must hold one model, not ${first.model.id} (${first.model.fingerprint}) and ${other.model.id} (${other.model.fingerprint})`);
  const shared = async <T>(items: readonly T[], length: (item: T) => number, vectorsOf: (item: T) => number, embed: (member: Embedder, items: T[]) => Promise<Float32Array[]>) => {
    const { shares, results } = await acrossMembers(members, items.map(length), (member, share) => embed(member, share.map((i) => items[i]!)), []);
    const perItem = new Array<Float32Array[]>(items.length);
    shares.forEach((share, m) => {
      let next = 0;
      for (const i of share) {
        const count = vectorsOf(items[i]!);
        perItem[i] = results[m]!.slice(next, next + count);
        next += count;
      }
    });
    return perItem.flat();
  };
  return {
    model: first.model,
    profile: first.profile,
    embedQueries: (texts) => first.embedQueries(texts),
    embedPassages: (texts) => shared(texts, (text) => text.length, () => 1, (member, share) => member.embedPassages(share)),
    embedPassagesWithSpans: (passages) =>
      shared(passages, (p: SpannedPassage) => p.text.length, (p) => 1 + p.spans.length, (member, share) => member.embedPassagesWithSpans(share)),
    ...(members.every((m) => m.forwardPasses) ? { forwardPasses: (texts: readonly string[]) => forwardPassesTogether(members, texts) } : {}),
    close: async () => {
      await Promise.all(members.slice(1).map((m) => m.close?.()));
    },
  };
}

/**
 * The forward passes alone of every member at once, over the shares an
 * ingest would give them: the limit of the machine's cores, as many as the
 * pool uses. Its seconds are the slowest member's: the others were done.
 */
async function forwardPassesTogether(members: readonly Embedder[], texts: readonly string[]): Promise<{ tokens: number; seconds: number }> {
  const lengths = texts.map((text) => text.length);
  const { results: timed } = await acrossMembers(members, lengths, (member, share) => member.forwardPasses!(share.map((i) => texts[i]!)), { tokens: 0, seconds: 0 });
  return { tokens: timed.reduce((sum, t) => sum + t.tokens, 0), seconds: Math.max(...timed.map((t) => t.seconds)) };
}

/**
 * `first` joined by `threads - 1` more embedders of its model on worker
 * threads, started when passages are first embedded (an ingest with nothing
 * to embed starts none). A copy that cannot be loaded, or loads another
 * model, leaves the others to embed, said in the log: the ingest goes on. The
 * offline model is not pooled: its network is a lookup, and reading the
 * text is its whole cost.
 */
export function ingestPool(first: Embedder, choice: ModelChoice, threads: number, log: Logger): Embedder {
  if (threads <= 1 || first.model.offline) return first;
  let pool: Promise<Embedder> | null = null;
  const start = async (): Promise<Embedder> => {
    // Only what loading reads: the choice is handed to each worker thread.
    const config: ModelChoice = { model: first.model.id, modelsDir: choice.modelsDir, offlineModelDir: choice.offlineModelDir, modelLoadTimeoutMs: choice.modelLoadTimeoutMs };
    // A worker asks for paragraphs only to build the offline model, which a pool never holds.
    const noParagraphs = () => Promise.reject(new Error('a pooled embedder does not build the offline model'));
    const loads = await Promise.allSettled(Array.from({ length: threads - 1 }, () => loadThreadedEmbedder(config, noParagraphs, log)));
    const loaded = loads.flatMap((load) => (load.status === 'fulfilled' ? [load.value.embedder] : []));
    const workers = loaded.filter((w) => sameModel(w, first));
    await Promise.all(loaded.filter((w) => !workers.includes(w)).map((w) => w.close()));
    if (workers.length < threads - 1) {
      const failed = loads.find((load) => load.status === 'rejected');
      const why = failed?.status === 'rejected' ? String((failed.reason as Error)?.message ?? failed.reason) : 'another model was loaded';
      log(`ancre: WARNING: ${threads - 1 - workers.length} of ${threads - 1} more embedding threads could not load ${first.model.id} (${why}); embedding on ${workers.length + 1}`, 'warn');
    }
    return pooledEmbedder([first, ...workers]);
  };
  const ready = () => (pool ??= start());
  return {
    model: first.model,
    profile: first.profile,
    embedQueries: (texts) => first.embedQueries(texts),
    embedPassages: async (texts) => (await ready()).embedPassages(texts),
    embedPassagesWithSpans: async (passages) => (await ready()).embedPassagesWithSpans(passages),
    ...(first.forwardPasses ? { forwardPasses: async (texts: readonly string[]) => (await ready()).forwardPasses!(texts) } : {}),
    close: async () => {
      if (pool) await (await pool).close?.();
    },
  };
}
