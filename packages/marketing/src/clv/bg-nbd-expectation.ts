/**
 * Expected purchases of an active BG/NBD customer, E[Y(t) | alive], without the cancellations
 * of the 2F1 closed form.
 *
 * Given alive at T after x repeat purchases, lambda ~ Gamma(m = r + x, rate alpha + T) and
 * p ~ Beta(a, B = b + x) independently, and E[Y(t) | lambda, p] = (1 - exp(-lambda p t)) / p
 * (FHL 2005, eq. 7). Integrating lambda out: E[Y(t) | alive] = E_p[(1 - (1 + u p)^-m) / p] with
 * u = t / (alpha + T). With zeta = u / (1 + u) and q = 1 - p ~ Beta(B, a),
 *   1 + u p = (1 + u)(1 - zeta q)  and  (1 - zeta q)^-m = sum_n (m)_n zeta^n q^n / n!,
 * so the divided difference [(1 - zeta)^-m - (1 - zeta q)^-m] / (1 - q) expands into
 * sum_n (m)_n zeta^n / n! (1 + q + ... + q^(n-1)), and E[q^j] = (B)_j / (a + B)_j gives
 *   E[Y(t) | alive] = (1 - zeta)^m sum_{n>=1} (m)_n zeta^n / n! M_n,
 *   M_n = sum_{j<n} mu_j,  mu_j = (B)_j / (a + B)_j.
 * That is E[M_N] for N ~ NegBin(m, zeta): every term is positive for all a, b, r > 0 (no
 * (a - 1) or (a + b + x - 1) denominators, no 1 - 2F1 difference), so there is nothing to cancel
 * at the a -> 0 / b -> infinity boundary (where M_n -> n and the value -> m u, the NBD limit),
 * at a = 1, or when a + b < 1. The series converges like zeta^n after its peak near n = m u, so
 * it takes about m u + 40 (1 + u) terms of a few multiplications each.
 */

const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);
/** About 20 ms of work; reached only when t / (alpha + T) is in the hundreds of thousands. */
const MAX_TERMS = 20_000_000;

/**
 * E[Y(t) | alive] for shape m = r + x, Beta parameters (a, B = b + x) of the drop-out
 * probability, and u = t / (alpha + T) >= 0. NaN only beyond `MAX_TERMS` terms (never a wrong
 * number).
 */
export function bgNbdAliveExpectation(m: number, a: number, B: number, u: number): number {
  if (u === 0) return 0;
  if (!(u > 0) || !Number.isFinite(u)) return Number.NaN;
  const zeta = u / (1 + u);
  let w = 1; // (m)_n zeta^n / n!, scaled by exp(-logScale)
  let M = 0; // M_n
  let mu = 1; // mu_n
  let sum = 0;
  let logScale = 0;
  for (let n = 1; n <= MAX_TERMS; n++) {
    w *= ((m + n - 1) / n) * zeta;
    M += mu;
    mu *= (B + n - 1) / (a + B + n - 1);
    sum += w * M;
    if (sum > RESCALE) {
      sum /= RESCALE;
      w /= RESCALE;
      logScale += LOG_RESCALE;
    }
    // Later term ratios are below R (they fall towards zeta when m >= 1, rise towards it when
    // m < 1), and M_{n+k} <= M_n + k mu_n, so the tail is below w (M R/(1-R) + mu R/(1-R)^2).
    const R = zeta * Math.max(1, (m + n) / (n + 1));
    if (R < 1) {
      const tail = w * ((M * R) / (1 - R) + (mu * R) / ((1 - R) * (1 - R)));
      if (tail <= 1e-16 * sum) break;
    }
    if (n === MAX_TERMS) return Number.NaN;
  }
  return Math.exp(Math.log(sum) + logScale - m * Math.log1p(u));
}

/** ln of the odds a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) that the customer dropped out (x > 0). */
export function bgNbdLogDropoutOdds(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (x === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}
