import { buildPanel, type Panel } from '@shoppilot/forecast';
import type { RetailLine } from '../../data/retail';

const DAY = 86_400_000;

/** A product with this many weeks of history (first sold 4-5 weeks before the end) counts as new. */
export const NEW_WEEKS: readonly [number, number] = [4, 5];

export interface WeeklyDemand {
  panel: Panel;
  /** ISO Monday of the first and last complete week used. */
  firstWeek: string;
  lastWeek: string;
  products: Array<{
    sku: string;
    description: string;
    units: number;
    revenue: number;
    unitPrice: number;
    orderLines: number;
    firstWeek: string;
    isNew: boolean;
  }>;
  /** Rows not used (partial weeks, cancellations, non-goods), by reason. */
  excluded: Record<string, number>;
}

/** Monday 00:00 UTC of the week holding a time. */
export function weekStart(ms: number): number {
  const day = Math.floor(ms / DAY);
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return (day - ((weekday + 6) % 7)) * DAY;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Units sold per product and week (Monday weeks) for the `count` products on the most order
 * lines (a ranking one huge order cannot top), only
 * whole weeks (the first and last weeks of the data are partial and left out, and counted).
 */
export function weeklyDemand(
  lines: readonly RetailLine[],
  start: number,
  end: number,
  options: { count: number; newCount?: number; skus?: readonly string[] },
): WeeklyDemand {
  const { count, newCount = 0 } = options;
  const first = weekStart(start) === start ? start : weekStart(start) + 7 * DAY;
  const last = weekStart(end + DAY) - 7 * DAY; // the week holding `end` is cut off
  const excluded: Record<string, number> = {};
  const count1 = (reason: string) => {
    excluded[reason] = (excluded[reason] ?? 0) + 1;
  };
  const totals = new Map<
    string,
    { units: number; revenue: number; prices: number[]; description: string; orderLines: number }
  >();
  const kept: RetailLine[] = [];
  for (const line of lines) {
    if (line.cancelled || line.quantity <= 0) count1('cancellation or negative quantity');
    else if (line.service) count1('postage, fees and other non-goods lines');
    else if (line.timestamp < first || line.timestamp >= last + 7 * DAY)
      count1('in a partial first or last week');
    else {
      kept.push(line);
      const total = totals.get(line.itemId) ?? {
        units: 0,
        revenue: 0,
        prices: [],
        description: line.description,
        orderLines: 0,
      };
      total.orderLines++;
      total.units += line.quantity;
      total.revenue += line.quantity * line.unitPrice;
      if (line.unitPrice > 0) total.prices.push(line.unitPrice);
      totals.set(line.itemId, total);
    }
  }
  const firstSale = new Map<string, number>();
  for (const line of kept)
    firstSale.set(line.itemId, Math.min(firstSale.get(line.itemId) ?? line.timestamp, line.timestamp));
  const ranked = [...totals].sort((a, b) => b[1].orderLines - a[1].orderLines);
  const weeksOfHistory = (sku: string) => (last - weekStart(firstSale.get(sku) ?? first)) / (7 * DAY) + 1;
  const launched = ranked.filter(
    ([sku]) => weeksOfHistory(sku) >= NEW_WEEKS[0] && weeksOfHistory(sku) <= NEW_WEEKS[1],
  );
  const top = [
    ...ranked.filter(([sku]) => !launched.some(([n]) => n === sku)).slice(0, count),
    ...launched.slice(0, newCount),
  ];
  const chosen = new Set(top.map(([sku]) => sku));
  const cells = new Map<string, number>();
  for (const line of kept) {
    if (!chosen.has(line.itemId)) continue;
    const key = `${line.itemId}\u0000${iso(weekStart(line.timestamp))}`;
    cells.set(key, (cells.get(key) ?? 0) + line.quantity);
  }
  const rows = [...cells].map(([key, units]) => {
    const [sku, week] = key.split('\u0000');
    return { sku, week, units };
  });
  // a series starts with the product's first sale and runs to the last week (0 units when nothing sold)
  for (const sku of chosen)
    if (!cells.has(`${sku}\u0000${iso(last)}`)) rows.push({ sku, week: iso(last), units: 0 });
  const { panel } = buildPanel(rows, {
    id: 'sku',
    time: 'week',
    target: 'units',
    frequency: 'week',
    targetGaps: 'zero',
    source: 'weekly demand',
  });
  return {
    panel,
    firstWeek: iso(first),
    lastWeek: iso(last),
    products: top.map(([sku, t]) => ({
      sku,
      description: t.description,
      units: t.units,
      revenue: t.revenue,
      unitPrice: median(t.prices),
      orderLines: t.orderLines,
      firstWeek: iso(weekStart(firstSale.get(sku) ?? first)),
      isNew: launched.some(([n]) => n === sku),
    })),
    excluded,
  };
}
