/**
 * A bounded map that forgets the least recently used entry first, nearly:
 * an entry asked for is moved to the newest end only when it has fallen
 * into the older half (by how many entries were stored or moved since it
 * was). Moving is a delete and an insert into the Map, which then fills with
 * holes and is rebuilt; a paragraph's terms, asked for once for each of
 * thousands of questions, would pay that every time. An entry asked for is
 * still kept through at least half the capacity's further stores.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; stamp: number }>();
  /** Counts stores and moves: an entry's stamp is the count when it was last stored or moved, so the Map's order is the stamps' order. */
  private clock = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock - entry.stamp >= this.capacity / 2) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      entry.stamp = ++this.clock;
      this.entries.set(key, entry);
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, stamp: ++this.clock });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The values of `keys`: cached ones, and the others fetched together by `fetch` and remembered (a key it does not return stays absent). */
  async getOrFetchAll(keys: readonly K[], fetch: (missing: K[]) => Promise<ReadonlyMap<K, V>>): Promise<Map<K, V>> {
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      const cached = this.get(key);
      if (cached === undefined) missing.push(key);
      else found.set(key, cached);
    }
    if (missing.length === 0) return found;
    const fetched = await fetch(missing);
    for (const key of missing) {
      const value = fetched.get(key);
      if (value === undefined) continue;
      this.set(key, value);
      found.set(key, value);
    }
    return found;
  }

  /** The cached value, or `compute(key)` remembered. */
  getOrCompute(key: K, compute: (key: K) => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    this.set(key, value);
    return value;
  }
}
