/** Items' vectors as one row-major Float32Array: the layout every scan and file of vectors uses. */
export function vectorMatrix(items: readonly { vector: ArrayLike<number> }[], dimensions: number): Float32Array {
  const matrix = new Float32Array(items.length * dimensions);
  items.forEach((item, row) => matrix.set(item.vector, row * dimensions));
  return matrix;
}
