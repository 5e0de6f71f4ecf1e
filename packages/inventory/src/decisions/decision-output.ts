import type { Decision } from '@shoppilot/core';
import { toCsv } from './csv';
import type { OrderDecision } from './replenish';

const HEADER = [
  'sku',
  'action',
  'quantity',
  'order_value',
  'status',
  'inventory_position',
  'reorder_point',
  'order_up_to',
  'safety_stock',
  'lead_time_demand',
  'policy',
  'reasons',
];

const r2 = (value: number) => Math.round(value * 100) / 100;

/** One CSV row per decision; reasons joined with ` | `. */
export function decisionsToCsv(decisions: readonly Decision<OrderDecision>[]): string {
  return toCsv(
    HEADER,
    decisions.map(({ value, status, reasons }) => [
      value.sku,
      value.action,
      r2(value.quantity),
      value.orderValue === undefined ? undefined : r2(value.orderValue),
      status,
      r2(value.inventoryPosition),
      r2(value.reorderPoint),
      r2(value.orderUpTo),
      r2(value.safetyStock),
      r2(value.leadTimeDemand),
      value.policy,
      reasons.join(' | '),
    ]),
  );
}

/** The decisions as pretty JSON. */
export function decisionsToJson(decisions: readonly Decision<OrderDecision>[]): string {
  return `${JSON.stringify(decisions, null, 2)}\n`;
}
