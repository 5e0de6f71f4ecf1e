import { requireNonNegative } from './validate';

export interface OrderConstraints {
  /** Minimum order quantity: positive orders below it are raised to it. Default none. */
  moq?: number;
  /** Orders are whole multiples of the case pack (rounded up, caps round down). Default 1 (units). */
  casePack?: number;
  /**
   * Shelf capacity: the inventory position after ordering may not exceed it (so that what arrives fits
   * on the shelf). Default unlimited.
   */
  maxShelf?: number;
  /** Cost per unit, for the budget cap. */
  unitCost?: number;
  /** Most money this order may spend (requires unitCost). Default unlimited. */
  budget?: number;
}

export interface ConstrainedOrder {
  quantity: number;
  /** What each constraint changed, readable (`rounded 37 up to 40 (case pack 10)`). */
  adjustments: string[];
}

/**
 * Applies case-pack rounding (up), the MOQ (up), then the shelf and budget caps (down, to whole
 * cases). When a cap pushes the order below the MOQ, no order is placed and the adjustment says why.
 */
export function applyOrderConstraints(
  quantity: number,
  inventoryPosition: number,
  constraints: OrderConstraints = {},
): ConstrainedOrder {
  const adjustments: string[] = [];
  const pack = requireNonNegative(constraints.casePack ?? 1, 'casePack', true);
  const moq = requireNonNegative(constraints.moq ?? 0, 'moq');
  if (!(quantity > 0)) return { quantity: 0, adjustments };
  let q = roundUp(quantity, pack);
  if (Math.abs(q - quantity) > 1e-9)
    adjustments.push(`rounded ${fmt(quantity)} up to ${fmt(q)} (case pack ${fmt(pack)})`);
  if (q < moq) {
    const raised = roundUp(moq, pack);
    adjustments.push(`raised ${fmt(q)} to the minimum order ${fmt(raised)}`);
    q = raised;
  }
  q = capShelf(q, inventoryPosition, constraints.maxShelf, pack, adjustments);
  q = capBudget(q, constraints, pack, adjustments);
  if (q > 0 && q < moq) {
    adjustments.push(`no order: the caps leave ${fmt(q)}, below the minimum order ${fmt(moq)}`);
    q = 0;
  }
  return { quantity: q, adjustments };
}

function capShelf(
  q: number,
  position: number,
  maxShelf: number | undefined,
  pack: number,
  notes: string[],
): number {
  if (maxShelf === undefined) return q;
  requireNonNegative(maxShelf, 'maxShelf');
  const room = Math.max(0, roundDown(maxShelf - position, pack));
  if (q <= room) return q;
  notes.push(`capped ${fmt(q)} to ${fmt(room)} by shelf capacity ${fmt(maxShelf)}`);
  return room;
}

function capBudget(q: number, constraints: OrderConstraints, pack: number, notes: string[]): number {
  if (constraints.budget === undefined) return q;
  const budget = requireNonNegative(constraints.budget, 'budget');
  const unitCost = requireNonNegative(constraints.unitCost ?? Number.NaN, 'unitCost', true);
  const affordable = roundDown(budget / unitCost, pack);
  if (q <= affordable) return q;
  notes.push(`capped ${fmt(q)} to ${fmt(affordable)} by the budget ${fmt(budget)}`);
  return affordable;
}

export interface BudgetLine {
  /** Order quantity wanted. */
  quantity: number;
  unitCost: number;
  /** Higher goes first (e.g. the shortfall below the reorder point as a share of it). */
  priority: number;
  casePack?: number;
}

/**
 * Spreads one budget over many orders: the most urgent first, each filled as far as the money goes
 * (in whole cases). Returns the granted quantities in input order.
 */
export function allocateBudget(lines: readonly BudgetLine[], budget: number): number[] {
  let left = requireNonNegative(budget, 'budget');
  const granted = new Array<number>(lines.length).fill(0);
  const order = lines.map((_, i) => i).sort((a, b) => lines[b].priority - lines[a].priority || a - b);
  for (const i of order) {
    const line = lines[i];
    const pack = line.casePack ?? 1;
    const q = Math.min(line.quantity, roundDown(left / line.unitCost, pack));
    granted[i] = Math.max(q, 0);
    left -= granted[i] * line.unitCost;
  }
  return granted;
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step - 1e-9) * step;
}

function roundDown(value: number, step: number): number {
  return Math.floor(value / step + 1e-9) * step;
}

/**
 * Short number formatting for readable reasons: rounded to 2 decimals, trailing zeros dropped
 * (`23.57`, `24`, `8.5`). Integer arithmetic only: it runs several times per decision.
 */
export function fmt(value: number): string {
  const r = Math.round(value * 100);
  if (!Number.isFinite(value) || Math.abs(r) > 9e15) return String(value);
  const sign = r < 0 ? '-' : '';
  const a = Math.abs(r);
  const whole = Math.floor(a / 100);
  const cents = a - whole * 100;
  if (cents === 0) return `${sign}${whole}`;
  if (cents % 10 === 0) return `${sign}${whole}.${cents / 10}`;
  return `${sign}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}
