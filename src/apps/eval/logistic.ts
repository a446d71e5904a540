/**
 * Logistic regression (L2-penalised, by Adam) and the choice of an
 * operating point: the calibration of "do the articles hold an answer".
 */
import { logistic } from '../../shared/logistic.ts';
import { outOfFold } from './folds.ts';

export interface Example {
  features: Float64Array;
  label: 0 | 1;
  /** The article the example belongs to, for folds. */
  doc: string;
}

export function fitLogistic(examples: readonly Example[], dimensions: number, l2 = 1e-3, iterations = 800, learningRate = 0.05): { weights: Float64Array; bias: number } {
  const w = new Float64Array(dimensions + 1);
  const m = new Float64Array(dimensions + 1);
  const v = new Float64Array(dimensions + 1);
  for (let t = 1; t <= iterations; t++) {
    const grad = Float64Array.from(w, (x, d) => (d < dimensions ? l2 * x : 0));
    for (const { features, label } of examples) {
      const error = probability(features, w) - label;
      for (let d = 0; d < dimensions; d++) grad[d]! += (error * features[d]!) / examples.length;
      grad[dimensions]! += error / examples.length;
    }
    for (let d = 0; d <= dimensions; d++) {
      m[d] = 0.9 * m[d]! + 0.1 * grad[d]!;
      v[d] = 0.999 * v[d]! + 0.001 * grad[d]! ** 2;
      w[d]! -= (learningRate * (m[d]! / (1 - 0.9 ** t))) / (Math.sqrt(v[d]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return { weights: w.slice(0, dimensions), bias: w[dimensions]! };
}

/** σ(w·x + b), the bias being w's last entry. */
export function probability(x: Float64Array, w: Float64Array): number {
  let z = w[x.length] ?? 0;
  for (let d = 0; d < x.length; d++) z += x[d]! * w[d]!;
  return logistic(z);
}

/** Each example's probability under a model fitted without its fold (whole articles per fold). */
export function crossValidatedProbabilities(examples: readonly Example[], dimensions: number, folds: number): number[] {
  return outOfFold(examples, folds, (training) => {
    const { weights, bias } = fitLogistic(training, dimensions);
    const w = Float64Array.of(...weights, bias);
    return (e) => probability(e.features, w);
  });
}

/** The highest threshold at which at least `share` of the positive examples are answered. */
export function thresholdAnswering(probabilities: readonly number[], examples: readonly Example[], share: number): number {
  const positives = examples.flatMap((e, i) => (e.label === 1 ? [probabilities[i]!] : [])).sort((a, b) => a - b);
  return positives[Math.floor((1 - share) * positives.length)] ?? 0.5;
}
