import { standardNormalLoss, standardNormalSecondLoss } from '../distributions/normal';
import { requireNonNegative } from './validate';

export interface RQInput {
  /** Fixed cost per order K. */
  fixedCost: number;
  /** Holding cost h per unit per time unit. */
  holdingCost: number;
  /** Backorder cost p per unit per time unit. */
  stockoutCost: number;
  /** Demand per time unit lambda. */
  demandRate: number;
  /** Mean lead-time demand mu. */
  leadTimeDemandMean: number;
  /** Standard deviation of lead-time demand sigma (> 0). */
  leadTimeDemandSd: number;
}

/**
 * Expected cost per time unit of a continuous-review (r, Q) policy with backorders and normal
 * lead-time demand (Zheng 1992; Snyder & Shen 2019, section 5.3):
 * g(r, Q) = (K lambda + integral_r^{r+Q} g(y) dy) / Q with g(y) = h (y - mu) + (h + p) n(y),
 * n(y) = sigma G((y - mu) / sigma), so integral n = sigma^2 (G2(z_r) - G2(z_{r+Q})).
 */
export function rqCost(input: RQInput, reorderPoint: number, orderQuantity: number): number {
  const { fixedCost: K, holdingCost: h, stockoutCost: p, demandRate: lambda } = checkRQ(input);
  const mu = input.leadTimeDemandMean;
  const sigma = input.leadTimeDemandSd;
  const Q = requireNonNegative(orderQuantity, 'orderQuantity', true);
  const r = reorderPoint;
  const holding = h * (Q * (r - mu) + (Q * Q) / 2);
  const shortage =
    (h + p) *
    sigma *
    sigma *
    (standardNormalSecondLoss((r - mu) / sigma) - standardNormalSecondLoss((r + Q - mu) / sigma));
  return (K * lambda + holding + shortage) / Q;
}

/** Single-period expected holding + backorder cost rate at inventory position y: h(y - mu) + (h + p) sigma G(z). */
export function rqLevelCost(input: RQInput, y: number): number {
  const sigma = input.leadTimeDemandSd;
  const z = (y - input.leadTimeDemandMean) / sigma;
  return (
    input.holdingCost * (y - input.leadTimeDemandMean) +
    (input.holdingCost + input.stockoutCost) * sigma * standardNormalLoss(z)
  );
}

export interface RQResult {
  reorderPoint: number;
  orderQuantity: number;
  cost: number;
}

/**
 * The optimal (r, Q): for each Q the best r satisfies g(r) = g(r + Q) (the order cycle spans a level
 * interval of equal end costs, Zheng 1992), found by bisection; Q by golden-section search on the
 * convex g(r*(Q), Q), starting from the EOQ bracket.
 */
export function optimizeRQ(input: RQInput): RQResult {
  checkRQ(input);
  const bestR = (Q: number) => {
    let low = input.leadTimeDemandMean - Q - 10 * input.leadTimeDemandSd;
    let high = input.leadTimeDemandMean + 10 * input.leadTimeDemandSd;
    for (let i = 0; i < 200; i++) {
      const middle = (low + high) / 2;
      if (rqLevelCost(input, middle) > rqLevelCost(input, middle + Q)) low = middle;
      else high = middle;
    }
    return (low + high) / 2;
  };
  const costOf = (Q: number) => rqCost(input, bestR(Q), Q);
  const eoq = Math.sqrt((2 * input.fixedCost * input.demandRate) / input.holdingCost);
  let a = 1e-6 * eoq;
  let b = 4 * eoq + 10 * input.leadTimeDemandSd;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200 && b - a > 1e-10 * b; i++) {
    const c = b - ratio * (b - a);
    const d = a + ratio * (b - a);
    if (costOf(c) < costOf(d)) b = d;
    else a = c;
  }
  const orderQuantity = (a + b) / 2;
  const reorderPoint = bestR(orderQuantity);
  return { reorderPoint, orderQuantity, cost: rqCost(input, reorderPoint, orderQuantity) };
}

function checkRQ(input: RQInput): RQInput {
  requireNonNegative(input.fixedCost, 'fixedCost');
  requireNonNegative(input.holdingCost, 'holdingCost', true);
  requireNonNegative(input.stockoutCost, 'stockoutCost', true);
  requireNonNegative(input.demandRate, 'demandRate', true);
  requireNonNegative(input.leadTimeDemandMean, 'leadTimeDemandMean');
  requireNonNegative(input.leadTimeDemandSd, 'leadTimeDemandSd', true);
  return input;
}
