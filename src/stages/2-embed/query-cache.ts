/**
 * Question vectors through a bounded least-recently-used cache: the same
 * question asked again (a popular one, a retry, a page reload) skips the model.
 */
import type { Embedder } from '../../contracts/model.ts';
import { LruCache } from '../../shared/lru-cache.ts';

export class CachedQueryEmbedder {
  private readonly cache: LruCache<string, Float32Array>;

  constructor(
    private readonly embedder: Embedder,
    capacity = 1000,
  ) {
    this.cache = new LruCache(capacity);
  }

  async embed(text: string): Promise<Float32Array> {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const [vector] = await this.embedder.embedQueries([text]);
    this.cache.set(text, vector!);
    return vector!;
  }
}
