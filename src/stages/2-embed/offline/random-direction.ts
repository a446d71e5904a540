/**
 * Deterministic pseudo-random unit vectors: the same key gives the same
 * direction on every machine, so a model rebuilt from the same corpus is the
 * same model. Distinct keys give nearly orthogonal directions in a few
 * hundred dimensions, which is what lets a sum of them behave like a sparse
 * TF-IDF vector.
 */

import { fnv1a } from '../../../shared/hash.ts';
import { mulberry32 } from '../../../shared/random.ts';

/** Writes `scale` times a unit Gaussian direction for `key` into `out`. */
export function writeDirection(key: string, scale: number, out: Float32Array): void {
  // The key's FNV-1a hash seeds it: well spread, so distinct keys start far apart.
  const random = mulberry32(fnv1a(key));
  let norm = 0;
  for (let i = 0; i < out.length; i += 2) {
    // Box–Muller: two Gaussians from two uniforms.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
  }
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  const factor = scale / Math.sqrt(norm);
  for (let i = 0; i < out.length; i++) out[i]! *= factor;
}
