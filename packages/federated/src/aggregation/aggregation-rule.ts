import { InvalidArgumentError } from '@shoppilot/core';
import { type WeightedVector, weightedAverage } from './fedavg';
import { coordinateMedian, trimmedMean } from './robust';

/**
 * How the coordinator combines client vectors:
 * - `fedavg`: weighted by sample count (FedAvg; FedProx uses the same server rule);
 * - `trimmed-mean` / `median`: coordinate-wise robust rules, unweighted. They need every
 *   individual vector in the clear, so they work only with `secure: 'none'`.
 */
export type AggregationRule = 'fedavg' | 'trimmed-mean' | 'median';

/** How updates travel: in the clear, CKKS-encrypted (node-seal), or pairwise-masked (SecAgg-style). */
export type SecureAggregation = 'none' | 'ckks' | 'masking';

export const AGGREGATION_RULES: readonly AggregationRule[] = ['fedavg', 'trimmed-mean', 'median'];
export const SECURE_AGGREGATIONS: readonly SecureAggregation[] = ['none', 'ckks', 'masking'];

/**
 * Throws when a robust rule is combined with encryption or masking: the coordinator only ever sees
 * the sum there, and a median or trimmed mean of a sum does not exist.
 */
export function checkRuleCompatible(rule: AggregationRule, secure: SecureAggregation): void {
  if (!AGGREGATION_RULES.includes(rule)) {
    throw new InvalidArgumentError({
      argument: 'aggregation',
      message: `must be one of ${AGGREGATION_RULES.join(', ')}`,
      value: rule,
    });
  }
  if (!SECURE_AGGREGATIONS.includes(secure)) {
    throw new InvalidArgumentError({
      argument: 'secure',
      message: `must be one of ${SECURE_AGGREGATIONS.join(', ')}`,
      value: secure,
    });
  }
  if (rule !== 'fedavg' && secure !== 'none') {
    throw new InvalidArgumentError({
      argument: 'aggregation',
      message: `"${rule}" needs each client's vector in the clear; with secure aggregation "${secure}" the coordinator only sees the sum — use "fedavg" or secure "none"`,
      value: rule,
    });
  }
}

/** Plaintext aggregation by `rule` (robust rules ignore the weights). */
export function aggregatePlaintext(
  contributions: readonly WeightedVector[],
  rule: AggregationRule,
  options: { trim?: number } = {},
): Float64Array {
  if (rule === 'fedavg') return weightedAverage(contributions);
  const vectors = contributions.map((c) => c.values);
  return rule === 'median' ? coordinateMedian(vectors) : trimmedMean(vectors, options.trim ?? 0.1);
}
