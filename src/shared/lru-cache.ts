/** A bounded map that forgets the least recently used entry first. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  /** The most recently used key: asked again (a question's fold, sentence after sentence), it is already in place. */
  private newest: K | undefined;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && key !== this.newest) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
      this.newest = key;
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
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
