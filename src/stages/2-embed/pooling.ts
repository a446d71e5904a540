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
      addRow(vector, hidden, (b * sequence + t) * dimensions);
    }
    vectors.push(normalized(vector, tokens));
  }
  return vectors;
}

/**
 * The mean of one text's token states over tokens [from, to), normalised:
 * a span's vector from the pass over the whole text ("late chunking"), so
 * that it also reads the text around it.
 */
export function spanPoolNormalized(
  hidden: Float32Array,
  [, sequence, dimensions]: readonly [number, number, number],
  row: number,
  from: number,
  to: number,
): Float32Array {
  const vector = new Float32Array(dimensions);
  for (let t = from; t < to; t++) addRow(vector, hidden, (row * sequence + t) * dimensions);
  return normalized(vector, to - from);
}

function addRow(vector: Float32Array, hidden: Float32Array, offset: number): void {
  for (let d = 0; d < vector.length; d++) vector[d]! += hidden[offset + d]!;
}

/** The sum of `tokens` rows, as their mean scaled to unit length. */
function normalized(vector: Float32Array, tokens: number): Float32Array {
  let norm = 0;
  for (let d = 0; d < vector.length; d++) {
    vector[d]! /= Math.max(tokens, 1);
    norm += vector[d]! * vector[d]!;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < vector.length; d++) vector[d]! /= norm;
  return vector;
}
