import { InvalidArgumentError } from '@shoppilot/core';

/** One logged decision: the context, the action taken, its reward and the logging policy's probability of it. */
export interface LoggedDecision<C, A> {
  context: C;
  action: A;
  reward: number;
  /** μ(action | context) > 0 of the policy that produced the log. */
  propensity: number;
}

export interface OffPolicyEstimate {
  /** Inverse propensity scoring: mean of w·r. */
  ips: number;
  /** Self-normalised IPS: Σ w·r / Σ w. */
  snips: number;
  /** Standard error of the IPS mean. */
  ipsStandardError: number;
  /** Effective sample size (Σw)² / Σw² — small values mean an unreliable estimate. */
  effectiveSampleSize: number;
  n: number;
}

/**
 * Off-policy value of a target policy π from logged decisions (Horvitz & Thompson 1952; Swaminathan
 * & Joachims 2015 for SNIPS): weights `w = π(a|x) / μ(a|x)`, optionally clipped at `maxWeight`.
 */
export function offPolicyEstimate<C, A>(
  log: readonly LoggedDecision<C, A>[],
  targetProbability: (context: C, action: A) => number,
  options: { maxWeight?: number } = {},
): OffPolicyEstimate {
  if (log.length === 0)
    throw new InvalidArgumentError({ argument: 'log', message: 'needs at least one logged decision' });
  const maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
  let sumWr = 0;
  let sumW = 0;
  let sumW2 = 0;
  let sumWr2 = 0;
  log.forEach((entry, k) => {
    if (!(entry.propensity > 0)) {
      throw new InvalidArgumentError({
        argument: `log[${k}].propensity`,
        message: 'must be > 0',
        value: entry.propensity,
      });
    }
    const w = Math.min(maxWeight, targetProbability(entry.context, entry.action) / entry.propensity);
    sumWr += w * entry.reward;
    sumW += w;
    sumW2 += w * w;
    sumWr2 += (w * entry.reward) ** 2;
  });
  const n = log.length;
  const ips = sumWr / n;
  const variance = Math.max(0, sumWr2 / n - ips * ips);
  return {
    ips,
    snips: sumW > 0 ? sumWr / sumW : 0,
    ipsStandardError: Math.sqrt(variance / n),
    effectiveSampleSize: sumW2 > 0 ? (sumW * sumW) / sumW2 : 0,
    n,
  };
}
