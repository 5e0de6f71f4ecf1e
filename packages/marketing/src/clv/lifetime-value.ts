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
  const times = Array.from({ length: steps }, (_, k) => Math.min((k + 1) * step, horizon));
  const factors = times.map((_, k) => (1 + rate) ** -(k + 1));
  const cumulative = new Float64Array(steps);
  // Customers with the same (x, t_x, T) have the same discounted purchases: computed once.
  const byHistory = new Map<string, number>();
  return rows.map((row, i) => {
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    let purchases = byHistory.get(key);
    if (purchases === undefined) {
      purchases = discountedPurchases(transactions, row, times, factors, cumulative);
      byHistory.set(key, purchases);
    }
    return margin * expectedSpend[i] * purchases;
  });
}

/** sum_k (E[Y(t_k)] - E[Y(t_{k-1})]) factor_k for one customer. */
function discountedPurchases(
  model: RepeatPurchaseModel,
  row: RfmRow,
  times: readonly number[],
  factors: readonly number[],
  cumulative: Float64Array,
): number {
  let values = cumulative;
  if (model.cumulativeExpectedPurchases) values = model.cumulativeExpectedPurchases(row, times, cumulative);
  else for (let k = 0; k < times.length; k++) values[k] = model.conditionalExpectedPurchases(row, times[k]);
  let value = 0;
  let previous = 0;
  for (let k = 0; k < times.length; k++) {
    value += (values[k] - previous) * factors[k];
    previous = values[k];
  }
  return value;
}
