import { InputValidationError, InvalidArgumentError } from '@shoppilot/core';
import { toDayNumber } from './calendar-day';

/** One purchase: who, when, and optionally how much. */
export interface PurchaseRecord {
  customerId: string;
  /** A `Date` or `YYYY-MM-DD` / `YYYYMMDD` / ISO timestamp (only the calendar date is used). */
  date: Date | string;
  amount?: number;
}

export interface CalibrationHoldoutOptions {
  /** Last day of the calibration window (inclusive). */
  calibrationEnd: Date | string;
  /** Last day of the holdout window (inclusive). Default: no holdout. */
  holdoutEnd?: Date | string;
  /** Time unit of recency, T and durations: `day` or `week` (= 7 days). Default `week`. */
  period?: 'day' | 'week';
  /** Name used in error messages. Default `transactions`. */
  source?: string;
}

/** A customer's calibration summary (FHL 2005 notation) and holdout outcome. */
export interface CustomerSummary {
  customerId: string;
  /** x: repeat purchase days in the calibration window (days with a purchase, minus the first). */
  frequency: number;
  /** t_x: last purchase day minus first purchase day, in `period` units. */
  recency: number;
  /** T: calibration end minus first purchase day, in `period` units. */
  T: number;
  /** Time of the purchase before the last one, from the first (0 when frequency <= 1). */
  previousRecency: number;
  /** Mean amount of the repeat purchase days (same-day amounts summed); 0 when frequency is 0. */
  monetaryValue: number;
  /** Purchase days in the holdout window (present when `holdoutEnd` is given). */
  frequencyHoldout?: number;
  /** Mean amount per purchase day in the holdout window (0 when none). */
  monetaryValueHoldout?: number;
}

export interface CalibrationHoldoutSummary {
  customers: CustomerSummary[];
  period: 'day' | 'week';
  /** Holdout length in `period` units (0 without a holdout). */
  durationHoldout: number;
  /** Customers whose first purchase falls after the calibration end (not summarised), and purchases after the holdout end. */
  excluded: { customersFirstSeenAfterCalibration: number; purchasesAfterHoldout: number };
}

/**
 * Builds the calibration/holdout summary from raw purchases as the literature defines it (Fader,
 * Hardie & Lee 2005; lifetimes' `calibration_and_holdout_data` with day granularity): purchases on
 * the same calendar day count once (their amounts are summed), frequency counts repeat purchase
 * days, recency and T are measured from the customer's first purchase. Customers are returned in
 * order of first appearance.
 */
export function calibrationHoldoutSummary(
  purchases: Iterable<PurchaseRecord>,
  options: CalibrationHoldoutOptions,
): CalibrationHoldoutSummary {
  const source = options.source ?? 'transactions';
  const period = options.period ?? 'week';
  const unit = period === 'week' ? 7 : 1;
  const calEnd = toDayNumber(options.calibrationEnd, { field: 'calibrationEnd' });
  const holdEnd =
    options.holdoutEnd === undefined ? calEnd : toDayNumber(options.holdoutEnd, { field: 'holdoutEnd' });
  if (holdEnd < calEnd) {
    throw new InvalidArgumentError({
      argument: 'holdoutEnd',
      message: 'must not be before calibrationEnd',
      value: options.holdoutEnd,
    });
  }
  const byCustomer = groupDays(purchases, source, holdEnd);
  const customers: CustomerSummary[] = [];
  let late = 0;
  for (const [customerId, days] of byCustomer.days) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    if (sorted[0] > calEnd) {
      late++;
      continue;
    }
    const calibration = sorted.filter((d) => d <= calEnd);
    const holdout = sorted.filter((d) => d > calEnd);
    const repeatAmounts = calibration.slice(1).map((d) => days.get(d) ?? 0);
    const summary: CustomerSummary = {
      customerId,
      frequency: calibration.length - 1,
      recency: (calibration[calibration.length - 1] - calibration[0]) / unit,
      T: (calEnd - calibration[0]) / unit,
      previousRecency:
        calibration.length > 2 ? (calibration[calibration.length - 2] - calibration[0]) / unit : 0,
      monetaryValue: mean(repeatAmounts),
    };
    if (options.holdoutEnd !== undefined) {
      summary.frequencyHoldout = holdout.length;
      summary.monetaryValueHoldout = mean(holdout.map((d) => days.get(d) ?? 0));
    }
    customers.push(summary);
  }
  return {
    customers,
    period,
    durationHoldout: (holdEnd - calEnd) / unit,
    excluded: { customersFirstSeenAfterCalibration: late, purchasesAfterHoldout: byCustomer.afterHoldout },
  };
}

function groupDays(purchases: Iterable<PurchaseRecord>, source: string, holdEnd: number) {
  const days = new Map<string, Map<number, number>>();
  let afterHoldout = 0;
  let row = 0;
  for (const purchase of purchases) {
    row++;
    const day = toDayNumber(purchase.date, { file: source, row, field: 'date' });
    if (day > holdEnd) {
      afterHoldout++;
      continue;
    }
    const amount = purchase.amount ?? 0;
    if (!Number.isFinite(amount)) {
      throw new InputValidationError({
        issues: [
          {
            file: source,
            row,
            field: 'amount',
            message: 'must be a finite number',
            received: String(amount),
          },
        ],
      });
    }
    let customer = days.get(purchase.customerId);
    if (!customer) {
      customer = new Map();
      days.set(purchase.customerId, customer);
    }
    customer.set(day, (customer.get(day) ?? 0) + amount);
  }
  return { days, afterHoldout };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
