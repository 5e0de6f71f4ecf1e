import { InvalidArgumentError } from '@shoppilot/core';
import { checkMoments } from './continuous';
import type { DemandDistribution } from './demand-distribution';
import { regularizedGammaQ } from './incomplete-gamma';
import { standardNormalQuantile } from './normal';
import { requireProbability } from './probability';

/**
 * Poisson(lambda) demand. CDF F(k) = Q(k + 1, lambda) (regularized upper incomplete gamma), so it
 * works for large lambda without underflow. Loss at integer s: E[(D - s)^+] = lambda (1 - F(s - 1)) -
 * s (1 - F(s)), from k p(k) = lambda p(k - 1).
 */
export function poissonDemand(lambda: number): DemandDistribution {
  checkMoments(lambda, 0, 'poissonDemand');
  const cdfInt = (k: number) => (k < 0 ? 0 : regularizedGammaQ(k + 1, lambda));
  const lossInt = (s: number) => (s <= 0 ? lambda - s : lambda * (1 - cdfInt(s - 1)) - s * (1 - cdfInt(s)));
  return {
    kind: 'poisson',
    mean: lambda,
    sd: Math.sqrt(lambda),
    discrete: true,
    cdf: (x) => cdfInt(Math.floor(x)),
    quantile: (p) => {
      requireProbability(p);
      if (lambda === 0) return 0;
      let k = Math.max(0, Math.floor(lambda + standardNormalQuantile(p) * Math.sqrt(lambda)));
      while (k > 0 && cdfInt(k - 1) >= p) k--;
      while (cdfInt(k) < p) k++;
      return k;
    },
    loss: (x) => interpolateLoss(x, lossInt, cdfInt),
  };
}

/**
 * Negative binomial demand with the given mean and variance (variance > mean: over-dispersed
 * counts). Parameters r = mean^2 / (variance - mean), p = r / (r + mean); pmf by the log-space
 * recursion log p(k + 1) = log p(k) + log((k + r) / (k + 1)) + log(1 - p), tabulated up to
 * mean + 14 sd (tail mass there is < 1e-20 for every case in the tests).
 */
export function negativeBinomialDemand(mean: number, variance: number): DemandDistribution {
  checkMoments(mean, 0, 'negativeBinomialDemand');
  if (!(variance > mean) || !Number.isFinite(variance)) {
    throw new InvalidArgumentError({
      argument: 'negativeBinomialDemand.variance',
      message: 'must be finite and greater than the mean (use poissonDemand when they are equal)',
      value: variance,
    });
  }
  const r = (mean * mean) / (variance - mean);
  const p = r / (r + mean);
  const sd = Math.sqrt(variance);
  const size = Math.ceil(mean + 14 * sd + 20);
  const cumulative = new Float64Array(size + 1);
  let logPmf = r * Math.log(p);
  let total = 0;
  for (let k = 0; k <= size; k++) {
    total += Math.exp(logPmf);
    cumulative[k] = Math.min(total, 1);
    logPmf += Math.log((k + r) / (k + 1)) + Math.log1p(-p);
  }
  const cdfInt = (k: number) => (k < 0 ? 0 : k >= size ? cumulative[size] : cumulative[k]);
  // loss(s) = mean - sum_{k < s} (1 - F(k)), tabulated.
  const lossTable = new Float64Array(size + 2);
  lossTable[0] = mean;
  for (let s = 1; s <= size + 1; s++) lossTable[s] = lossTable[s - 1] - (1 - cumulative[s - 1]);
  const lossInt = (s: number) => (s <= 0 ? mean - s : s > size + 1 ? 0 : Math.max(lossTable[s], 0));
  return {
    kind: 'negative-binomial',
    mean,
    sd,
    discrete: true,
    cdf: (x) => cdfInt(Math.floor(x)),
    quantile: (q) => {
      requireProbability(q);
      let low = 0;
      let high = size;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle] >= q) high = middle;
        else low = middle + 1;
      }
      return low;
    },
    loss: (x) => interpolateLoss(x, lossInt, cdfInt),
  };
}

/** Loss of a discrete distribution at real x: linear between integers with slope -(1 - F(floor x)). */
function interpolateLoss(x: number, lossInt: (s: number) => number, cdfInt: (k: number) => number): number {
  if (x <= 0) return lossInt(0) - x;
  const s = Math.floor(x);
  return lossInt(s) - (x - s) * (1 - cdfInt(s));
}
