/**
 * The digamma function psi(x) = d/dx ln Gamma(x) for x > 0: the recurrence psi(x) = psi(x+1) - 1/x
 * up to x >= 10, then the asymptotic series ln x - 1/(2x) - sum B_2k / (2k x^2k) (Abramowitz &
 * Stegun 6.3.18), accurate to ~1e-15.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return result + Math.log(x) - 0.5 / x - series;
}
