/**
 * Pooling, kept apart from the network as in sentence-transformers: token
 * states in, one L2-normalised vector per text out. Written over typed
 * arrays: Transformers.js' own mean pooling reads tensors element by element
 * through a Proxy, which made it most of the embedding time.
 */
export function meanPoolNormalized(
  hidden: Float32Array,
  [batch, sequence, dimensions]: readonly [number, number, number],
  attentionMask: ArrayLike<number | bigint>,
): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const vector = new Float32Array(dimensions);
    let tokens = 0;
    for (let t = 0; t < sequence; t++) {
      if (Number(attentionMask[b * sequence + t]) === 0) continue;
      tokens++;
      const offset = (b * sequence + t) * dimensions;
      for (let d = 0; d < dimensions; d++) vector[d]! += hidden[offset + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      vector[d]! /= Math.max(tokens, 1);
      norm += vector[d]! * vector[d]!;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < dimensions; d++) vector[d]! /= norm;
    vectors.push(vector);
  }
  return vectors;
}
