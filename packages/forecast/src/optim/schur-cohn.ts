/**
 * Whether every root of the real polynomial c0 + c1 z + … + cn z^n lies strictly inside the circle
 * |z| < radius, by the Schur-Cohn (Lehmer) recursion: with p scaled to the unit circle, all n roots
 * are inside iff |cn| > |c0| and (cn·p(z) - c0·p*(z))/z has all its n-1 roots inside. Exact in
 * O(n²), no root finding.
 */
export function rootsInsideCircle(coefficients: readonly number[], radius = 1): boolean {
  let a = coefficients.map((c, k) => c * radius ** k);
  while (a.length > 1 && a[a.length - 1] === 0) a = a.slice(0, -1);
  while (a.length > 1) {
    const n = a.length - 1;
    const lead = a[n];
    const constant = a[0];
    if (!(Math.abs(lead) > Math.abs(constant))) return false;
    const next = new Array<number>(n);
    for (let k = 0; k < n; k++) next[k] = lead * a[k + 1] - constant * a[n - k - 1];
    // Rescale to keep the numbers in range.
    const scale = Math.max(...next.map(Math.abs)) || 1;
    a = next.map((v) => v / scale);
  }
  return true;
}
