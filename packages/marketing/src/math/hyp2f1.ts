/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1, returned
 * in log space (`{ log, sign }`) so that very large or very small values neither overflow nor
 * underflow. Used by the Pareto/NBD likelihood and the BG/NBD conditional expectation.
 *
 * Method (Abramowitz & Stegun 15.3.3-15.3.5; DLMF 15.8.1):
 * - z < 0 is mapped into (0, 1) by a Pfaff transformation, w = z / (z - 1):
 *   2F1(a,b;c;z) = (1-z)^-a 2F1(a, c-b; c; w) = (1-z)^-b 2F1(c-a, b; c; w);
 * - on [0, 1) the power series is summed either directly or after Euler's transformation
 *   2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z), whichever has the smaller term growth
 *   |a b / c|, so that for the parameter ranges of the CLV models (a or b growing with a
 *   customer's purchase count) the summed terms stay bounded and, past the first few, of one sign;
 * - terms are accumulated with a running power-of-ten rescaling, so no intermediate overflows.
 * The series converges like z^n: about 37 / -ln(z) terms reach double precision, so the cost
 * rises as z approaches 1 (z = 0.99 takes ~3,700 terms) but accuracy does not degrade.
 * `maxTerms` bounds the work; a series that has not converged returns NaN (never a wrong number).
 */
export interface LogValue {
  /** log |value| */
  log: number;
  /** sign of the value: 1, -1 or 0 */
  sign: number;
}

const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);

export function logHyp2f1(a: number, b: number, c: number, z: number, maxTerms = 500_000): LogValue {
  if (!(z < 1) || !Number.isFinite(a + b + c + z)) return { log: Number.NaN, sign: 0 };
  if (c <= 0 && Number.isInteger(c)) return { log: Number.NaN, sign: 0 };
  if (z === 0) return { log: 0, sign: 1 };
  if (z < 0) {
    const w = z / (z - 1);
    const logFactor = Math.log1p(-z);
    // Two Pfaff forms; pick the one whose series grows less.
    const first = Math.abs((a * (c - b)) / c);
    const second = Math.abs(((c - a) * b) / c);
    const inner =
      first <= second ? positiveSeries(a, c - b, c, w, maxTerms) : positiveSeries(c - a, b, c, w, maxTerms);
    const exponent = first <= second ? -a : -b;
    return { log: inner.log + exponent * logFactor, sign: inner.sign };
  }
  return positiveSeries(a, b, c, z, maxTerms);
}

/** 2F1 for 0 < z < 1: direct series or Euler-transformed series, whichever grows less. */
function positiveSeries(a: number, b: number, c: number, z: number, maxTerms: number): LogValue {
  const direct = Math.abs((a * b) / c);
  const euler = Math.abs(((c - a) * (c - b)) / c);
  if (euler < direct) {
    const inner = sumSeries(c - a, c - b, c, z, maxTerms);
    // subtract the two large parameters first: c - a - b loses digits when one of them is huge
    const exponent = Math.abs(b) >= Math.abs(a) ? c - b - a : c - a - b;
    return { log: inner.log + exponent * Math.log1p(-z), sign: inner.sign };
  }
  return sumSeries(a, b, c, z, maxTerms);
}

/**
 * Sum of the hypergeometric power series with rescaling; NaN when it does not converge within
 * `maxTerms`. Stops on a rigorous tail bound: once m exceeds -a, -b and -c, every later term ratio
 * is at most B = |z| max(1, |(a+m)/(c+m)|) max(1, |(b+m)/(1+m)|) (each factor is monotone in m), so
 * when B < 1 the remaining tail is below |term| B / (1 - B).
 */
export function sumSeries(a: number, b: number, c: number, z: number, maxTerms: number): LogValue {
  let sum = 1;
  let term = 1;
  let logScale = 0;
  const settled = Math.max(0, -a, -b, -c);
  for (let n = 0; n < maxTerms; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) return finish(sum, logScale);
    if (Math.abs(sum) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
    const m = n + 1;
    if (m > settled) {
      const bound =
        Math.abs(z) * Math.max(1, Math.abs((a + m) / (c + m))) * Math.max(1, Math.abs((b + m) / (1 + m)));
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= 1e-17 * Math.abs(sum))
        return finish(sum, logScale);
    }
  }
  return { log: Number.NaN, sign: 0 };
}

function finish(sum: number, logScale: number): LogValue {
  if (sum === 0) return { log: Number.NEGATIVE_INFINITY, sign: 0 };
  return { log: Math.log(Math.abs(sum)) + logScale, sign: Math.sign(sum) };
}

/** 2F1(a, b; c; z) as a plain number (may overflow to Infinity for extreme arguments). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const { log, sign } = logHyp2f1(a, b, c, z);
  return sign * Math.exp(log);
}
