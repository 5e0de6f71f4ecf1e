import { InvalidArgumentError } from '@shoppilot/core';
import { mean as meanOf, sampleStandardDeviation } from 'simple-statistics';
import type { DemandDistribution } from './demand-distribution';
import { requireProbability } from './probability';

/**
 * The empirical distribution of demand samples (e.g. forecast sample paths summed over the lead
 * time, or past lead-time demands). quantile(p) is the inverse ECDF: the smallest sample x with
 * F_n(x) >= p (the newsvendor-optimal choice for an empirical distribution). loss(x) is the sample
 * mean of (D_i - x)^+, evaluated in O(log n) from suffix sums.
 */
export function empiricalDemand(samples: ArrayLike<number>): DemandDistribution {
  const n = samples.length;
  if (n === 0) throw new InvalidArgumentError({ argument: 'samples', message: 'needs at least one sample' });
  const sorted = Float64Array.from(samples as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new InvalidArgumentError({
        argument: `samples[${i}]`,
        message: 'must be a finite number',
        value: sorted[i],
      });
    }
  }
  sorted.sort();
  const suffix = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + sorted[i];
  const values = Array.from(sorted);
  const mean = meanOf(values);
  const sd = n > 1 ? sampleStandardDeviation(values) : 0;
  const countAtMost = (x: number) => upperBound(sorted, x);
  return {
    kind: 'empirical',
    mean,
    sd,
    discrete: false,
    cdf: (x) => countAtMost(x) / n,
    quantile: (p) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(requireProbability(p) * n - 1e-12) - 1))],
    loss: (x) => {
      const first = countAtMost(x);
      return (suffix[first] - x * (n - first)) / n;
    },
  };
}

/** Number of elements <= x in a sorted array. */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}
