import { InvalidArgumentError } from '@shoppilot/core';
import type { RepeatPurchaseModel } from './model-state';
import type { RfmRow } from './rfm-data';

export interface LifetimeValueOptions {
  /** How far ahead to value, in the models' time unit (e.g. 52 for a year in weeks). Default 52. */
  horizon?: number;
  /** Length of one discounting step in the models' time unit. Default 30/7 (a month, in weeks). */
  discountPeriod?: number;
  /** Discount rate per discounting step (0.01 = 1 % a month). Default 0.01. */
  discountRate?: number;
  /** Profit margin applied to expected spend. Default 1 (value = revenue). */
  margin?: number;
}

/**
 * Customer lifetime value by discrete discounting (the method of lifetimes'
 * `customer_lifetime_value`): the horizon is cut into steps of length D; step k's expected
 * purchases E[Y(kD) | history] - E[Y((k-1)D) | history] times the expected spend per purchase
 * (Gamma-Gamma) times the margin is discounted by (1 + d)^k:
 *   CLV = margin * spend * sum_k (E[Y(kD)] - E[Y((k-1)D)]) / (1 + d)^k.
 * The last step is shortened when the horizon is not a multiple of D.
 */
export function customerLifetimeValue(
  transactions: RepeatPurchaseModel,
  rows: readonly RfmRow[],
  expectedSpend: readonly number[],
  options: LifetimeValueOptions = {},
): number[] {
  const horizon = options.horizon ?? 52;
  const step = options.discountPeriod ?? 30 / 7;
  const rate = options.discountRate ?? 0.01;
  const margin = options.margin ?? 1;
  if (!(horizon > 0))
    throw new InvalidArgumentError({ argument: 'horizon', message: 'must be > 0', value: horizon });
  if (!(step > 0))
    throw new InvalidArgumentError({ argument: 'discountPeriod', message: 'must be > 0', value: step });
  if (!(rate > -1))
    throw new InvalidArgumentError({ argument: 'discountRate', message: 'must be > -1', value: rate });
  if (expectedSpend.length !== rows.length) {
    throw new InvalidArgumentError({
      argument: 'expectedSpend',
      message: `needs one value per row (${rows.length})`,
      value: expectedSpend.length,
    });
  }
  const steps = Math.ceil(horizon / step - 1e-9);
  return rows.map((row, i) => {
    let value = 0;
    let previous = 0;
    for (let k = 1; k <= steps; k++) {
      const cumulative = transactions.conditionalExpectedPurchases(row, Math.min(k * step, horizon));
      value += (cumulative - previous) / (1 + rate) ** k;
      previous = cumulative;
    }
    return margin * expectedSpend[i] * value;
  });
}
