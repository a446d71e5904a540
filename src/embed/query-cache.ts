/**
 * A bounded least-recently-used cache of question vectors: the same question
 * asked again (a popular one, a retry, a page reload) skips the model.
 */
export class QueryVectorCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(private readonly capacity = 1000) {}

  get size(): number {
    return this.entries.size;
  }

  get(text: string): Float32Array | undefined {
    const vector = this.entries.get(text);
    if (vector) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(text);
      this.entries.set(text, vector);
    }
    return vector;
  }

  set(text: string, vector: Float32Array): void {
    this.entries.delete(text);
    this.entries.set(text, vector);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
