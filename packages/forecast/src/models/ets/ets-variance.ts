import {
  add,
  identity,
  kronecker,
  type Matrix,
  matrix,
  multiply,
  quadratic,
  scale,
  set,
  transpose,
  vec,
} from '../../optim/matrix';
import type { EtsParams, EtsSpec } from './ets-spec';

export interface EtsMoments {
  /** Forecast means 1..h. */
  mean: number[];
  /** Forecast variances 1..h. */
  variance: number[];
}

/**
 * Linear state-space form x_t = F x_{t-1} + g ε_t, ŷ = w x_{t-1}, state [l, b?, s_1..s_m]
 * (s_1 the most recent season). Used for the analytic variances of classes 1 and 2.
 */
function linearForm(spec: EtsSpec, params: EtsParams, m: number): { w: Matrix; f: Matrix; g: Matrix } {
  const hasTrend = spec.trend !== 'N';
  const seasonal = spec.season !== 'N';
  const p = 1 + (hasTrend ? 1 : 0) + (seasonal ? m : 0);
  const phi = spec.damped ? params.phi : 1;
  const w = matrix(1, p);
  const f = matrix(p, p);
  const g = matrix(p, 1);
  set(w, 0, 0, 1);
  set(f, 0, 0, 1);
  set(g, 0, 0, params.alpha);
  if (hasTrend) {
    set(w, 0, 1, phi);
    set(f, 0, 1, phi);
    set(f, 1, 1, phi);
    set(g, 1, 0, params.beta);
  }
  if (seasonal) {
    const s1 = p - m;
    set(w, 0, p - 1, 1);
    set(f, s1, p - 1, 1);
    for (let j = 1; j < m; j++) set(f, s1 + j, s1 + j - 1, 1);
    set(g, s1, 0, params.gamma);
  }
  return { w, f, g };
}

/**
 * Class 1 (additive error, additive or no trend and season): exact means and variances
 * σ²(1 + Σ_{j<h} c_j²), c_j = w F^{j-1} g (Hyndman et al. 2008, §6.1).
 * Class 2 (multiplicative error, same components): θ recursion of §6.2.
 */
export function linearMoments(
  spec: EtsSpec,
  params: EtsParams,
  m: number,
  state: ArrayLike<number>,
  sigma2: number,
  horizon: number,
): EtsMoments {
  const { w, f, g } = linearForm(spec, params, m);
  const x = matrix(state.length, 1, Array.from(state));
  const mean: number[] = [];
  const c: number[] = [];
  let power = identity(f.rows);
  for (let h = 1; h <= horizon; h++) {
    const wf = multiply(w, power);
    mean.push(multiply(wf, x).data[0]);
    c.push(multiply(wf, g).data[0]);
    power = multiply(power, f);
  }
  if (spec.error === 'A') {
    let sum = 0;
    const variance = mean.map((_, i) => {
      if (i > 0) sum += c[i - 1] ** 2;
      return sigma2 * (1 + sum);
    });
    return { mean, variance };
  }
  const theta: number[] = [];
  for (let j = 0; j < horizon; j++) {
    let sum = 0;
    for (let i = 0; i < j; i++) sum += c[i] ** 2 * theta[j - 1 - i];
    theta.push(mean[j] ** 2 + sigma2 * sum);
  }
  return { mean, variance: theta.map((t, j) => (1 + sigma2) * t - mean[j] ** 2) };
}

/**
 * Class 3 (multiplicative error and season, additive/damped/no trend): the moment recursion of
 * Hyndman et al. (2008, §6.3) on M_h = E[x1 x2ᵀ] and V_h = Var(vec M), as R's `class3`, written
 * with the damped-trend matrices H1 = [1, φ], F1 = [[1, φ], [0, φ]], G1 = [[α, αφ], [β, βφ]].
 */
export function seasonalMultiplicativeMoments(
  spec: EtsSpec,
  params: EtsParams,
  m: number,
  state: ArrayLike<number>,
  sigma2: number,
  horizon: number,
): EtsMoments {
  const hasTrend = spec.trend !== 'N';
  const k = hasTrend ? 2 : 1;
  const phi = spec.damped ? params.phi : 1;
  const h1 = matrix(1, k, hasTrend ? [1, phi] : [1]);
  const h2 = matrix(1, m);
  set(h2, 0, m - 1, 1);
  const f1 = hasTrend ? matrix(2, 2, [1, phi, 0, phi]) : matrix(1, 1, [1]);
  const g1 = hasTrend
    ? matrix(2, 2, [params.alpha, params.alpha * phi, params.beta, params.beta * phi])
    : matrix(1, 1, [params.alpha]);
  const f2 = matrix(m, m);
  set(f2, 0, m - 1, 1);
  for (let j = 1; j < m; j++) set(f2, j, j - 1, 1);
  const g2 = matrix(m, m);
  set(g2, 0, m - 1, params.gamma);
  let mh = multiply(
    matrix(k, 1, Array.from(state).slice(0, k)),
    matrix(1, m, Array.from(state).slice(k, k + m)),
  );
  let vh = matrix(k * m, k * m);
  const h21 = kronecker(h2, h1);
  const f21 = kronecker(f2, f1);
  const g21 = kronecker(g2, g1);
  const kk = add(kronecker(g2, f1), kronecker(f2, g1));
  const mean: number[] = [];
  const variance: number[] = [];
  for (let i = 0; i < horizon; i++) {
    const mu = multiply(multiply(h1, mh), transpose(h2)).data[0];
    mean.push(mu);
    variance.push((1 + sigma2) * quadratic(h21, vh) + sigma2 * mu * mu);
    const v = vec(mh);
    const vv = multiply(v, transpose(v));
    const sandwich = (a: Matrix, b: Matrix, c: Matrix) => multiply(multiply(a, b), transpose(c));
    vh = add(
      sandwich(f21, vh, f21),
      scale(
        add(
          sandwich(f21, vh, g21),
          sandwich(g21, vh, f21),
          sandwich(kk, add(vh, vv), kk),
          scale(sandwich(g21, add(scale(vh, 3), scale(vv, 2)), g21), sigma2),
        ),
        sigma2,
      ),
    );
    mh = add(
      multiply(multiply(f1, mh), transpose(f2)),
      scale(multiply(multiply(g1, mh), transpose(g2)), sigma2),
    );
  }
  return { mean, variance };
}
