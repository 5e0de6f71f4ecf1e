import { type InputIssue, InputValidationError } from '@shoppilot/core';

/** One logged decision: what was shown, what it earned, and the logging policy's probability of it. */
export interface LoggedDecision<C = unknown> {
  context?: C;
  action: number;
  reward: number;
  /** Probability the logging policy gave to `action` (> 0). */
  propensity: number;
}

export interface OffPolicyOptions<C = unknown> {
  /** Probabilities the new policy gives to each action in a context. */
  targetPolicy: (context: C | undefined) => ArrayLike<number>;
  /**
   * Reward model q(context, action) for the doubly robust estimator. Default: the mean logged
   * reward of each action (a direct-method model fitted on the log itself).
   */
  rewardModel?: (context: C | undefined, action: number) => number;
  /** Two-sided confidence level. Default 0.95. */
  confidence?: number;
}

export interface PolicyValueEstimate {
  value: number;
  standardError: number;
  /** [lower, upper] normal-approximation interval at the requested confidence. */
  interval: [number, number];
}

export interface OffPolicyEstimates {
  ips: PolicyValueEstimate;
  snips: PolicyValueEstimate;
  doublyRobust: PolicyValueEstimate;
  /** Effective sample size (sum w)^2 / sum w^2 of the importance weights. */
  effectiveSampleSize: number;
  maxWeight: number;
  samples: number;
}

/**
 * Off-policy value of `targetPolicy` from logged decisions (Horvitz-Thompson IPS; self-normalised
 * IPS, Swaminathan & Joachims 2015; doubly robust, Dudik, Langford & Li 2011), each with a
 * normal-approximation confidence interval from the per-record terms (the delta method for SNIPS).
 */
export function evaluatePolicyOffline<C>(
  log: readonly LoggedDecision<C>[],
  options: OffPolicyOptions<C>,
): OffPolicyEstimates {
  validateLog(log);
  const z = normalQuantile(1 - (1 - (options.confidence ?? 0.95)) / 2);
  const q = options.rewardModel ?? actionMeans(log);
  const n = log.length;
  const weights = new Float64Array(n);
  const ipsTerms = new Float64Array(n);
  const drTerms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { context, action, reward, propensity } = log[i];
    const target = options.targetPolicy(context);
    const w = target[action] / propensity;
    weights[i] = w;
    ipsTerms[i] = w * reward;
    let direct = 0;
    for (let a = 0; a < target.length; a++) if (target[a] > 0) direct += target[a] * q(context, a);
    drTerms[i] = direct + w * (reward - q(context, action));
  }
  const sumW = sum(weights);
  const snipsValue = sum(ipsTerms) / sumW;
  const snipsResiduals = weights.map((w, i) => (w * (log[i].reward - snipsValue) * n) / sumW);
  let sumW2 = 0;
  let maxWeight = 0;
  for (const w of weights) {
    sumW2 += w * w;
    maxWeight = Math.max(maxWeight, w);
  }
  return {
    ips: meanEstimate(ipsTerms, z),
    snips: { ...meanEstimate(snipsResiduals, z, snipsValue) },
    doublyRobust: meanEstimate(drTerms, z),
    effectiveSampleSize: (sumW * sumW) / sumW2,
    maxWeight,
    samples: n,
  };
}

function meanEstimate(terms: Float64Array, z: number, center?: number): PolicyValueEstimate {
  const n = terms.length;
  const mean = sum(terms) / n;
  let variance = 0;
  for (const t of terms) variance += (t - mean) ** 2;
  variance /= Math.max(1, n - 1);
  const standardError = Math.sqrt(variance / n);
  const value = center ?? mean;
  return { value, standardError, interval: [value - z * standardError, value + z * standardError] };
}

function actionMeans<C>(
  log: readonly LoggedDecision<C>[],
): (context: C | undefined, action: number) => number {
  const totals = new Map<number, { sum: number; count: number }>();
  for (const { action, reward } of log) {
    const entry = totals.get(action) ?? { sum: 0, count: 0 };
    entry.sum += reward;
    entry.count++;
    totals.set(action, entry);
  }
  return (_context, action) => {
    const entry = totals.get(action);
    return entry ? entry.sum / entry.count : 0;
  };
}

function validateLog<C>(log: readonly LoggedDecision<C>[]): void {
  const issues: InputIssue[] = [];
  if (log.length === 0) issues.push({ message: 'the log is empty' });
  for (let i = 0; i < log.length && issues.length < 20; i++) {
    const { action, reward, propensity } = log[i];
    if (!(Number.isInteger(action) && action >= 0))
      issues.push({
        row: i + 1,
        field: 'action',
        message: 'must be an integer >= 0',
        received: String(action),
      });
    if (!Number.isFinite(reward))
      issues.push({ row: i + 1, field: 'reward', message: 'must be finite', received: String(reward) });
    if (!(propensity > 0 && propensity <= 1))
      issues.push({
        row: i + 1,
        field: 'propensity',
        message: 'must be in (0, 1]',
        received: String(propensity),
      });
  }
  if (issues.length) throw new InputValidationError({ issues });
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
