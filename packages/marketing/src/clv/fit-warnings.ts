import type { BgNbdParameters } from './bg-nbd';
import type { GammaGammaParameters } from './gamma-gamma';
import type { ParetoNbdParameters } from './pareto-nbd';

/**
 * Shape parameters (dimensionless) outside [LOW, HIGH] mean the maximum-likelihood search ran
 * along a direction where the likelihood keeps rising towards a limit model: the estimate sits
 * on the boundary of the parameter space, that parameter (and its partner) is not identified,
 * and the model reduces to a simpler one. Predictions stay defined (the limit model's), but the
 * fit must not be read as if it were interior.
 */
const LOW = 1e-4;
const HIGH = 1e4;

const fmt = (value: number) =>
  Math.abs(value) >= 1e4 || Math.abs(value) < 1e-3 ? value.toExponential(2) : value.toFixed(4);

/** Boundary and convergence warnings of a BG/NBD fit. */
export function bgNbdFitWarnings(params: BgNbdParameters, converged = true): string[] {
  const { r, a, b } = params;
  const warnings = purchaseRateWarnings(r, 'alpha');
  const meanDropout = a / (a + b);
  if (a < LOW || (b > HIGH && meanDropout < 1e-3)) {
    warnings.push(
      `BG/NBD fit at the no-drop-out boundary (a = ${fmt(a)}, b = ${fmt(b)}, mean drop-out probability per purchase ${fmt(meanDropout)}): the data show (almost) no customer leaving, the model reduces to the NBD (P(alive) ~ 1 for everyone, expected purchases ~ (r+x) t/(alpha+T)) and a, b are not identified. Consider the Pareto/NBD, a longer calibration window, or a penalizer.`,
    );
  } else if (b < LOW) {
    warnings.push(
      `BG/NBD fit at the b -> 0 boundary (a = ${fmt(a)}, b = ${fmt(b)}): almost every customer leaves after the first repeat purchase; b is not identified.`,
    );
  } else if (a > HIGH && b > HIGH) {
    warnings.push(
      `BG/NBD fit with a and b -> infinity (a = ${fmt(a)}, b = ${fmt(b)}): every customer has the same drop-out probability ${fmt(meanDropout)}; only their ratio is identified.`,
    );
  }
  if (!converged) warnings.push(NOT_CONVERGED);
  return warnings;
}

/** Boundary and convergence warnings of a Pareto/NBD fit. */
export function paretoNbdFitWarnings(params: ParetoNbdParameters, converged = true): string[] {
  const { r, s, beta } = params;
  const warnings = purchaseRateWarnings(r, 'alpha');
  if (s < LOW) {
    warnings.push(
      `Pareto/NBD fit at the no-drop-out boundary (s = ${fmt(s)}, beta = ${fmt(beta)}): the data show (almost) no customer leaving, the model reduces to the NBD (P(alive) ~ 1) and beta is not identified. Consider a longer calibration window or a penalizer.`,
    );
  } else if (s > HIGH) {
    warnings.push(
      `Pareto/NBD fit with s, beta -> infinity (s = ${fmt(s)}, beta = ${fmt(beta)}): every customer has the same drop-out rate ${fmt(s / beta)}; only s/beta is identified.`,
    );
  }
  if (!converged) warnings.push(NOT_CONVERGED);
  return warnings;
}

/** Warnings of a Gamma-Gamma fit: q <= 1 (infinite population mean spend) and boundaries. */
export function gammaGammaFitWarnings(params: GammaGammaParameters, converged = true): string[] {
  const { p, q, v } = params;
  const warnings: string[] = [];
  if (q <= 1) {
    warnings.push(
      `Gamma-Gamma fit with q = ${fmt(q)} <= 1: the population mean spend p v/(q-1) is not finite, so the expected spend of customers without repeat purchases is not defined; use a penalizer or more repeat customers.`,
    );
  }
  if (p > HIGH || q > HIGH) {
    warnings.push(
      `Gamma-Gamma fit at a boundary (p = ${fmt(p)}, q = ${fmt(q)}, v = ${fmt(v)}): spend does not vary (between or within customers) the way the model assumes; the parameters are not identified.`,
    );
  }
  if (!converged) warnings.push(NOT_CONVERGED);
  return warnings;
}

const NOT_CONVERGED =
  'the optimiser did not converge within its evaluation budget: the parameters may not be the maximum-likelihood estimate (raise maxEvaluations or try other initial values)';

function purchaseRateWarnings(r: number, scaleName: string): string[] {
  if (r > HIGH) {
    return [
      `purchase rates at the homogeneous boundary (r = ${fmt(r)} -> infinity with ${scaleName}): every customer buys at the same rate r/${scaleName}; r and ${scaleName} are not separately identified.`,
    ];
  }
  if (r < LOW) {
    return [
      `purchase rates at the r -> 0 boundary (r = ${fmt(r)}): the rate distribution is degenerate (almost everyone near zero, a few very high); r is not identified.`,
    ];
  }
  return [];
}
