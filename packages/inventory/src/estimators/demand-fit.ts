import { InvalidArgumentError, InvalidModelJsonError } from '@shoppilot/core';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { gammaDemand, normalDemand } from '../distributions/continuous';
import type { DemandDistribution } from '../distributions/demand-distribution';
import { negativeBinomialDemand, poissonDemand } from '../distributions/discrete';
import { empiricalDemand } from '../distributions/empirical';

/** Which distribution describes demand over the protection interval. */
export type DemandModel = 'normal' | 'poisson' | 'negative-binomial' | 'gamma' | 'empirical';

/** What the policy estimators learn from a demand history: per-period moments and the history's window sums. */
export interface DemandFit {
  mean: number;
  sd: number;
  /** Overlapping sums of `periods` consecutive observations (for the empirical model). */
  windowSums: number[];
  /** The protection interval the sums cover. */
  periods: number;
}

/** Learns per-period mean and sd (simple-statistics) and the overlapping `periods`-sums of `history`. */
export function fitDemand(history: readonly number[], periods: number, owner: string): DemandFit {
  if (history.length < 2)
    throw new InvalidArgumentError({
      argument: `${owner}.fit(history)`,
      message: 'needs at least 2 periods',
    });
  history.forEach((value, t) => {
    if (!Number.isFinite(value) || value < 0) {
      throw new InvalidArgumentError({
        argument: `history[${t}]`,
        message: 'demand must be a finite number >= 0',
        value,
      });
    }
  });
  const span = Math.max(1, Math.round(periods));
  const windowSums: number[] = [];
  for (let t = 0; t + span <= history.length; t++) {
    let sum = 0;
    for (let k = 0; k < span; k++) sum += history[t + k];
    windowSums.push(sum);
  }
  return { mean: mean([...history]), sd: sampleStandardDeviation([...history]), windowSums, periods };
}

/**
 * Demand over `periods` periods under the chosen model, from per-period moments assuming independent
 * periods (normal, Poisson, negative binomial and gamma sums keep their family) or from the window sums.
 */
export function protectionDemand(fit: DemandFit, model: DemandModel, periods: number): DemandDistribution {
  const m = fit.mean * periods;
  const variance = fit.sd * fit.sd * periods;
  switch (model) {
    case 'normal':
      return normalDemand(m, Math.sqrt(variance));
    case 'poisson':
      return poissonDemand(m);
    case 'negative-binomial':
      return variance > m ? negativeBinomialDemand(m, variance) : poissonDemand(m);
    case 'gamma':
      return gammaDemand(Math.max(m, 1e-9), Math.max(Math.sqrt(variance), 1e-9));
    case 'empirical':
      return empiricalDemand(fit.windowSums.length ? fit.windowSums : [m]);
  }
}

/** Validates a serialised DemandFit. */
export function checkDemandFit(state: unknown, kind: string): DemandFit {
  const s = state as Partial<DemandFit> | null;
  const ok =
    s != null &&
    typeof s.mean === 'number' &&
    typeof s.sd === 'number' &&
    typeof s.periods === 'number' &&
    Array.isArray(s.windowSums) &&
    s.windowSums.every((v) => typeof v === 'number');
  if (!ok)
    throw new InvalidModelJsonError({
      kind,
      path: 'state',
      message: 'expected { mean, sd, periods, windowSums: number[] }',
    });
  return s as DemandFit;
}
