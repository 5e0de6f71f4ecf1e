import { rootsInsideCircle } from '../../optim/schur-cohn';
import type { EtsBounds } from './ets-init';
import type { EtsSpec } from './ets-spec';

/** The free smoothing parameters of a candidate (undefined = not in the model). */
export interface FreeParams {
  alpha: number;
  beta?: number;
  gamma?: number;
  phi?: number;
}

/**
 * R's `bounds = "both"`: the usual region (lower < α,β,γ,φ < upper, β ≤ α, γ ≤ 1-α) and the
 * admissible region of the state-space model (Hyndman et al. 2008, ch. 10: forecastability, the
 * characteristic polynomial's roots inside the unit circle for seasonal models).
 */
export function parametersAllowed(p: FreeParams, bounds: EtsBounds, m: number): boolean {
  const { lower, upper } = bounds;
  if (p.alpha < lower[0] || p.alpha > upper[0]) return false;
  if (p.beta !== undefined && (p.beta < lower[1] || p.beta > p.alpha || p.beta > upper[1])) return false;
  if (p.phi !== undefined && (p.phi < lower[3] || p.phi > upper[3])) return false;
  if (p.gamma !== undefined && (p.gamma < lower[2] || p.gamma > 1 - p.alpha || p.gamma > upper[2]))
    return false;
  return admissible(p, m);
}

/** The admissible region alone (Hyndman et al. 2008, §10.2-10.4). */
export function admissible(p: FreeParams, m: number): boolean {
  const phi = p.phi ?? 1;
  const alpha = p.alpha;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (p.gamma === undefined) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (p.beta !== undefined && (p.beta < alpha * (phi - 1) || p.beta > (1 + phi) * (2 - alpha)))
      return false;
    return true;
  }
  if (m <= 1) return true;
  const beta = p.beta ?? 0;
  const gamma = p.gamma;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  const coefficients = [
    phi * (1 - alpha - gamma),
    alpha + beta - alpha * phi + gamma - 1,
    ...new Array(m - 2).fill(alpha + beta - alpha * phi),
    alpha + beta - phi,
    1,
  ];
  // R: max |root| <= 1 + 1e-10.
  return rootsInsideCircle(coefficients, 1 + 1e-10);
}

/** Which free parameters a form estimates, in the optimiser's order. */
export function freeParameterNames(spec: EtsSpec): Array<'alpha' | 'beta' | 'gamma' | 'phi'> {
  const names: Array<'alpha' | 'beta' | 'gamma' | 'phi'> = ['alpha'];
  if (spec.trend !== 'N') names.push('beta');
  if (spec.season !== 'N') names.push('gamma');
  if (spec.damped) names.push('phi');
  return names;
}
