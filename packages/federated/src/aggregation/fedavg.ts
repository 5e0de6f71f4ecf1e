import { InvalidArgumentError } from '@shoppilot/core';
import { checkSameLength } from '../vector/vector-ops';

/** One client's contribution: its vector and its weight (FedAvg: its sample count). */
export interface WeightedVector {
  values: Float64Array;
  weight: number;
}

/**
 * FedAvg (McMahan et al. 2017): Σ w_k x_k / Σ w_k. With full local parameters as `values` this is
 * the new global model; with deltas it is the server step.
 */
export function weightedAverage(contributions: readonly WeightedVector[]): Float64Array {
  const sum = weightedSum(contributions);
  const total = totalWeight(contributions);
  for (let i = 0; i < sum.length; i++) sum[i] /= total;
  return sum;
}

/** Σ w_k x_k. */
export function weightedSum(contributions: readonly WeightedVector[]): Float64Array {
  if (contributions.length === 0) {
    throw new InvalidArgumentError({ argument: 'contributions', message: 'needs at least one vector' });
  }
  const length = contributions[0].values.length;
  const out = new Float64Array(length);
  contributions.forEach(({ values, weight }, k) => {
    checkSameLength(contributions[0].values, values, `contributions[${k}].values`);
    for (let i = 0; i < length; i++) out[i] += weight * values[i];
  });
  return out;
}

/** Σ w_k, checking every weight is finite and >= 0 and the total is > 0. */
export function totalWeight(contributions: readonly WeightedVector[]): number {
  let total = 0;
  contributions.forEach(({ weight }, k) => {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new InvalidArgumentError({
        argument: `contributions[${k}].weight`,
        message: 'must be a finite number >= 0',
        value: weight,
      });
    }
    total += weight;
  });
  if (!(total > 0)) {
    throw new InvalidArgumentError({ argument: 'contributions', message: 'weights must sum to > 0' });
  }
  return total;
}
