import { type InputIssue, InputValidationError } from '@shoppilot/core';
import { lgamma } from '../math/index';

/** Gamma-Gamma spend parameters: transaction value ~ Gamma(p, nu), nu ~ Gamma(q, v). */
export interface GammaGammaParameters {
  p: number;
  q: number;
  v: number;
}

/** A repeat customer's spend summary: x repeat transactions with mean value `monetaryValue`. */
export interface SpendRow {
  frequency: number;
  monetaryValue: number;
}

/**
 * Log-likelihood of one customer's mean spend z over x transactions (Fader, Hardie & Lee 2005,
 * "The Gamma-Gamma model of monetary value", eq. 3, with the Jacobian of the mean):
 *   ln G(px+q) - ln G(px) - ln G(q) + q ln v + (px-1) ln z + px ln x - (px+q) ln(v + x z).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParameters, x: number, z: number): number {
  const { p, q, v } = params;
  return (
    lgamma(p * x + q) -
    lgamma(p * x) -
    lgamma(q) +
    q * Math.log(v) +
    (p * x - 1) * Math.log(z) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(v + x * z)
  );
}

export function gammaGammaTotalLogLikelihood(
  params: GammaGammaParameters,
  rows: readonly SpendRow[],
): number {
  let total = 0;
  for (const row of rows) total += gammaGammaLogLikelihood(params, row.frequency, row.monetaryValue);
  return total;
}

/**
 * E[Z | x, zbar] = (q-1)/(px+q-1) * p v/(q-1) + px/(px+q-1) * zbar, i.e. p (v + x zbar)/(px+q-1):
 * the posterior mean transaction value, shrinking the observed mean toward the population mean.
 * Customers with x = 0 get the population mean p v / (q - 1).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParameters, row: SpendRow): number {
  const { p, q, v } = params;
  const x = row.frequency;
  if (x === 0) return (p * v) / (q - 1);
  return (p * (v + x * row.monetaryValue)) / (p * x + q - 1);
}

/** Repeat customers only (x > 0), each with a positive finite mean; other bad rows are errors. */
export function repeatSpendRows(rows: readonly SpendRow[], source = 'spend'): SpendRow[] {
  const issues: InputIssue[] = [];
  const kept: SpendRow[] = [];
  rows.forEach((row, i) => {
    if (issues.length >= 20) return;
    const at = { file: source, row: i + 1 };
    if (!(Number.isInteger(row.frequency) && row.frequency >= 0))
      issues.push({
        ...at,
        field: 'frequency',
        message: 'must be an integer >= 0',
        received: String(row.frequency),
      });
    else if (row.frequency > 0 && !(row.monetaryValue > 0 && Number.isFinite(row.monetaryValue)))
      issues.push({
        ...at,
        field: 'monetaryValue',
        message: 'must be > 0 for a repeat customer',
        received: String(row.monetaryValue),
      });
    else if (row.frequency > 0) kept.push(row);
  });
  if (!issues.length && kept.length === 0)
    issues.push({ file: source, message: 'no repeat customers (frequency > 0)' });
  if (issues.length) throw new InputValidationError({ issues });
  return kept;
}
