import { InvalidArgumentError } from '@shoppilot/core';
import type { DemandDistribution } from './demand-distribution';
import { bisectIncreasing } from './demand-distribution';
import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma';
import { normalCdf, normalQuantile, standardNormalLoss } from './normal';
import { requireProbability } from './probability';

/** N(mean, sd^2) demand. With sd = 0 it is a point mass at the mean. */
export function normalDemand(mean: number, sd: number): DemandDistribution {
  checkMoments(mean, sd, 'normalDemand');
  return {
    kind: 'normal',
    mean,
    sd,
    discrete: false,
    cdf: (x) => (sd === 0 ? (x >= mean ? 1 : 0) : normalCdf(x, mean, sd)),
    quantile: (p) => (sd === 0 ? mean : normalQuantile(requireProbability(p), mean, sd)),
    loss: (x) => (sd === 0 ? Math.max(mean - x, 0) : sd * standardNormalLoss((x - mean) / sd)),
  };
}

/**
 * Gamma demand with the given mean and standard deviation (shape = mean^2 / sd^2, scale = sd^2 / mean),
 * a common choice for skewed, non-negative demand. Loss: E[(D - x)^+] = k theta Q(k + 1, x / theta) -
 * x Q(k, x / theta).
 */
export function gammaDemand(mean: number, sd: number): DemandDistribution {
  checkMoments(mean, sd, 'gammaDemand');
  if (!(mean > 0 && sd > 0)) {
    throw new InvalidArgumentError({
      argument: 'gammaDemand',
      message: 'mean and sd must be > 0',
      value: { mean, sd },
    });
  }
  const shape = (mean * mean) / (sd * sd);
  const scale = (sd * sd) / mean;
  const cdf = (x: number) => regularizedGammaP(shape, Math.max(x, 0) / scale);
  return {
    kind: 'gamma',
    mean,
    sd,
    discrete: false,
    cdf,
    quantile: (p) => {
      requireProbability(p);
      let high = mean + 10 * sd;
      while (cdf(high) < p) high *= 2;
      return bisectIncreasing(cdf, p, 0, high, 1e-13);
    },
    loss: (x) => {
      if (x <= 0) return mean - x;
      const y = x / scale;
      return shape * scale * regularizedGammaQ(shape + 1, y) - x * regularizedGammaQ(shape, y);
    },
  };
}

export function checkMoments(mean: number, sd: number, where: string): void {
  if (!Number.isFinite(mean) || mean < 0) {
    throw new InvalidArgumentError({
      argument: `${where}.mean`,
      message: 'must be a finite number >= 0',
      value: mean,
    });
  }
  if (!Number.isFinite(sd) || sd < 0) {
    throw new InvalidArgumentError({
      argument: `${where}.sd`,
      message: 'must be a finite number >= 0',
      value: sd,
    });
  }
}
