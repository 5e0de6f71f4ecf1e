/**
 * Growth exponent of cumulative regret: the least-squares slope of ln R(t) on ln t over
 * t in [from * T, T]. About 1 means linear regret; below 1, sublinear (log t regret gives a
 * slope that keeps falling with T).
 */
export function regretGrowthExponent(curve: readonly number[], from = 0.1): number {
  const start = Math.max(1, Math.floor(from * curve.length));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = start; t < curve.length; t++) {
    if (curve[t] <= 0) continue;
    xs.push(Math.log(t + 1));
    ys.push(Math.log(curve[t]));
  }
  if (xs.length < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}
