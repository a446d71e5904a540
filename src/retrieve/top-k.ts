/** The k best-scoring rows of a row-major matrix against one vector, best first. */
export interface ScoredRow {
  row: number;
  score: number;
}

export function dot(matrix: Float32Array, row: number, vector: Float32Array): number {
  const dimensions = vector.length;
  const offset = row * dimensions;
  let sum = 0;
  for (let i = 0; i < dimensions; i++) sum += matrix[offset + i]! * vector[i]!;
  return sum;
}

export function topK(matrix: Float32Array, vector: Float32Array, k: number): ScoredRow[] {
  const rows = matrix.length / vector.length;
  // Kept sorted ascending so the weakest of the k best is always at [0]; k is small (≤ 20).
  const best: ScoredRow[] = [];
  for (let row = 0; row < rows; row++) {
    const score = dot(matrix, row, vector);
    if (best.length < k) {
      best.push({ row, score });
      best.sort((a, b) => a.score - b.score);
    } else if (score > best[0]!.score) {
      best[0] = { row, score };
      best.sort((a, b) => a.score - b.score);
    }
  }
  return best.reverse();
}
