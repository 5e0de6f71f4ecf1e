import { requireNonNegative } from './validate';

export interface EoqInput {
  /** Fixed cost per order K. */
  fixedCost: number;
  /** Holding cost per unit per time unit h. */
  holdingCost: number;
  /** Demand per time unit lambda (same time unit as h). */
  demandRate: number;
}

export interface EoqResult {
  orderQuantity: number;
  /** Ordering + holding (+ backorder) cost per time unit at the optimum. */
  cost: number;
  /** Time between orders Q / lambda. */
  cycleLength: number;
}

/** Economic order quantity (Harris 1913): Q* = sqrt(2 K lambda / h), cost sqrt(2 K h lambda). */
export function economicOrderQuantity(input: EoqInput): EoqResult {
  const { fixedCost, holdingCost, demandRate } = checkEoq(input);
  const orderQuantity = Math.sqrt((2 * fixedCost * demandRate) / holdingCost);
  return {
    orderQuantity,
    cost: Math.sqrt(2 * fixedCost * holdingCost * demandRate),
    cycleLength: orderQuantity / demandRate,
  };
}

/** Cost per time unit of ordering Q at a time: K lambda / Q + h Q / 2. */
export function eoqCost(input: EoqInput, orderQuantity: number): number {
  const { fixedCost, holdingCost, demandRate } = checkEoq(input);
  requireNonNegative(orderQuantity, 'orderQuantity', true);
  return (fixedCost * demandRate) / orderQuantity + (holdingCost * orderQuantity) / 2;
}

export interface EoqBackorderResult extends EoqResult {
  /** Share of each cycle's demand that is backordered, x = h / (h + p). */
  backorderFraction: number;
  /** Largest backlog per cycle, x Q. */
  maxBackorder: number;
}

/**
 * EOQ with planned backorders (Snyder & Shen 2019, section 3.5): with backorder cost p per unit per
 * time unit, Q* = sqrt(2 K lambda (h + p) / (h p)), a share x = h / (h + p) of each cycle is
 * backordered, and cost = sqrt(2 K lambda h p / (h + p)).
 */
export function economicOrderQuantityWithBackorders(
  input: EoqInput & { backorderCost: number },
): EoqBackorderResult {
  const { fixedCost, holdingCost, demandRate } = checkEoq(input);
  const p = requireNonNegative(input.backorderCost, 'backorderCost', true);
  const h = holdingCost;
  const orderQuantity = Math.sqrt((2 * fixedCost * demandRate * (h + p)) / (h * p));
  const backorderFraction = h / (h + p);
  return {
    orderQuantity,
    cost: Math.sqrt((2 * fixedCost * demandRate * h * p) / (h + p)),
    cycleLength: orderQuantity / demandRate,
    backorderFraction,
    maxBackorder: backorderFraction * orderQuantity,
  };
}

/** Cost per time unit of (Q, x) with planned backorders: K lambda / Q + h (1 - x)^2 Q / 2 + p x^2 Q / 2. */
export function eoqBackorderCost(
  input: EoqInput & { backorderCost: number },
  orderQuantity: number,
  backorderFraction: number,
): number {
  const { fixedCost, holdingCost, demandRate } = checkEoq(input);
  const x = backorderFraction;
  return (
    (fixedCost * demandRate) / orderQuantity +
    (holdingCost * (1 - x) ** 2 * orderQuantity) / 2 +
    (input.backorderCost * x * x * orderQuantity) / 2
  );
}

function checkEoq(input: EoqInput): EoqInput {
  requireNonNegative(input.fixedCost, 'fixedCost', true);
  requireNonNegative(input.holdingCost, 'holdingCost', true);
  requireNonNegative(input.demandRate, 'demandRate', true);
  return input;
}
