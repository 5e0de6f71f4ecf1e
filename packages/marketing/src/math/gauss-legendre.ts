/**
 * Gauss-Legendre nodes and weights on [-1, 1], computed once per order by Newton iteration on the
 * Legendre polynomial (Golub-Welsch accuracy for the small orders used here, ~1e-15).
 */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

export function gaussLegendre(order: number): QuadratureRule {
  const cached = cache.get(order);
  if (cached) return cached;
  const nodes = new Float64Array(order);
  const weights = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (order + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= order; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (order * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  const rule = { nodes, weights };
  cache.set(order, rule);
  return rule;
}

/**
 * log of the integral of exp(logIntegrand(y)) over [lower, upper], by composite 16-point
 * Gauss-Legendre on panels no wider than `panelWidth`, accumulated in log space.
 */
export function logIntegrate(
  logIntegrand: (y: number) => number,
  lower: number,
  upper: number,
  panelWidth = 0.5,
): number {
  if (!(upper > lower)) return Number.NEGATIVE_INFINITY;
  const { nodes, weights } = gaussLegendre(16);
  const panels = Math.max(1, Math.ceil((upper - lower) / panelWidth));
  const width = (upper - lower) / panels;
  const logs = new Float64Array(panels * 16);
  let max = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < panels; p++) {
    const mid = lower + (p + 0.5) * width;
    for (let i = 0; i < 16; i++) {
      const value = Math.log((weights[i] * width) / 2) + logIntegrand(mid + (nodes[i] * width) / 2);
      logs[p * 16 + i] = value;
      if (value > max) max = value;
    }
  }
  if (!Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < logs.length; i++) sum += Math.exp(logs[i] - max);
  return max + Math.log(sum);
}
