/**
 * A bounded least-recently-used cache of question vectors: the same question
 * asked again (a popular one, a retry, a page reload) skips the model.
 */
import { LruCache } from '../../shared/lru-cache.ts';

export class QueryVectorCache extends LruCache<string, Float32Array> {
  constructor(capacity = 1000) {
    super(capacity);
  }
}
