import { type InputIssue, InputValidationError } from '@shoppilot/core';
import { digamma, lgamma } from '../math/index';

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

/** Repeat customers as columns, with the logs that do not depend on the parameters precomputed. */
export interface SpendData {
  x: Float64Array;
  z: Float64Array;
  /** (p x - 1) ln z + p x ln x needs ln z and ln x per customer. */
  logZ: Float64Array;
  logX: Float64Array;
  /** Distinct x values and each customer's index into them (gamma functions depend on x only). */
  distinctX: Float64Array;
  xIndex: Int32Array;
}

export function prepareSpendData(rows: readonly SpendRow[]): SpendData {
  const distinct = [...new Set(rows.map((r) => r.frequency))].sort((a, b) => a - b);
  const position = new Map(distinct.map((x, i) => [x, i]));
  return {
    x: Float64Array.from(rows, (r) => r.frequency),
    z: Float64Array.from(rows, (r) => r.monetaryValue),
    logZ: Float64Array.from(rows, (r) => Math.log(r.monetaryValue)),
    logX: Float64Array.from(rows, (r) => Math.log(r.frequency)),
    distinctX: Float64Array.from(distinct),
    xIndex: Int32Array.from(rows, (r) => position.get(r.frequency) ?? 0),
  };
}

export function gammaGammaTotalLogLikelihood(
  params: GammaGammaParameters,
  rows: readonly SpendRow[] | SpendData,
): number {
  return gammaGammaLogLikelihoodGradient(params, isSpendData(rows) ? rows : prepareSpendData(rows), false)
    .value;
}

/** Total log-likelihood and (unless `withGradient` is false) its gradient in (p, q, v). */
export function gammaGammaLogLikelihoodGradient(
  params: GammaGammaParameters,
  data: SpendData,
  withGradient = true,
): { value: number; gradient: number[] } {
  const { p, q, v } = params;
  const k = data.distinctX.length;
  const gammaTerm = new Float64Array(k);
  const psiPlus = new Float64Array(k);
  const psiBase = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const px = p * data.distinctX[j];
    gammaTerm[j] = lgamma(px + q) - lgamma(px);
    if (withGradient) {
      psiPlus[j] = digamma(px + q);
      psiBase[j] = digamma(px);
    }
  }
  const lgq = lgamma(q);
  const psiQ = withGradient ? digamma(q) : 0;
  const logV = Math.log(v);
  let value = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const j = data.xIndex[i];
    const logVxz = Math.log(v + x * data.z[i]);
    value +=
      gammaTerm[j] -
      lgq +
      q * logV +
      (p * x - 1) * data.logZ[i] +
      p * x * data.logX[i] -
      (p * x + q) * logVxz;
    if (withGradient) {
      gp += x * (psiPlus[j] - psiBase[j] + data.logZ[i] + data.logX[i] - logVxz);
      gq += psiPlus[j] - psiQ + logV - logVxz;
      gv += q / v - (p * x + q) / (v + x * data.z[i]);
    }
  }
  return { value, gradient: [gp, gq, gv] };
}

function isSpendData(value: readonly SpendRow[] | SpendData): value is SpendData {
  return (value as SpendData).xIndex !== undefined;
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
