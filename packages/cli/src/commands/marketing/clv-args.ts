import {
  BgNbdModel,
  type CalibrationHoldoutSummary,
  calibrationHoldoutSummary,
  GammaGammaModel,
} from '@shoppilot/marketing';
import { choiceFlag, printNote, UsageError } from '../../output/index';
import { readPurchases } from './read-purchases';

/** Flags shared by `clv fit` and `clv predict`. */
export const clvInputArgs = {
  transactions: {
    type: 'string',
    description: 'Transactions file (CSV or JSONL, .gz allowed)',
    required: true,
  },
  customer: { type: 'string', description: 'Customer id column', required: true },
  date: {
    type: 'string',
    description: 'Date column (YYYY-MM-DD, YYYYMMDD or ISO timestamp)',
    required: true,
  },
  amount: { type: 'string', description: 'Amount column (enables the Gamma-Gamma spend model)' },
  'calibration-end': {
    type: 'string',
    description: 'Last day of the calibration window (YYYY-MM-DD)',
    required: true,
  },
  'holdout-end': { type: 'string', description: 'Last day of the holdout window (optional)' },
  period: { type: 'string', description: 'Time unit: day or week (default week)' },
} as const;

export interface ClvInputFlags {
  transactions: string;
  customer: string;
  date: string;
  amount?: string;
  'calibration-end': string;
  'holdout-end'?: string;
  period?: string;
}

/** Reads the file and builds the calibration/holdout summary; notes skipped rows on stderr. */
export async function summarise(flags: ClvInputFlags): Promise<CalibrationHoldoutSummary> {
  const period = choiceFlag(flags.period, 'period', ['day', 'week'] as const) ?? 'week';
  const { purchases, skippedWithoutCustomer } = await readPurchases(flags.transactions, {
    customer: flags.customer,
    date: flags.date,
    amount: flags.amount,
  });
  if (skippedWithoutCustomer) printNote(`skipped ${skippedWithoutCustomer} row(s) without a customer id`);
  const summary = calibrationHoldoutSummary(purchases, {
    calibrationEnd: flags['calibration-end'],
    holdoutEnd: flags['holdout-end'],
    period,
    source: flags.transactions,
  });
  if (summary.excluded.customersFirstSeenAfterCalibration) {
    printNote(
      `${summary.excluded.customersFirstSeenAfterCalibration} customer(s) first seen after the calibration end are not modelled`,
    );
  }
  if (summary.customers.length === 0)
    throw new UsageError('no customers purchased in the calibration window');
  return summary;
}

/** Fits BG/NBD, and Gamma-Gamma when amounts are given (repeat buyers with a positive mean spend). */
export function fitModels(summary: CalibrationHoldoutSummary, withSpend: boolean) {
  const bgnbd = new BgNbdModel().fit(summary.customers);
  if (!withSpend) return { bgnbd };
  const spenders = summary.customers.filter((c) => c.frequency > 0 && c.monetaryValue > 0);
  const dropped = summary.customers.filter((c) => c.frequency > 0 && !(c.monetaryValue > 0)).length;
  if (dropped)
    printNote(
      `Gamma-Gamma: left out ${dropped} repeat customer(s) whose mean repeat spend is not positive (returns)`,
    );
  if (spenders.length === 0)
    throw new UsageError('no repeat customer with a positive spend to fit the spend model');
  return { bgnbd, gammaGamma: new GammaGammaModel().fit(spenders) };
}
