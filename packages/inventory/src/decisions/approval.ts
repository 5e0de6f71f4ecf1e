import { ApprovalGate, type Decision, type Storage } from '@shoppilot/core';
import { fmt } from '../policies/constraints';
import type { OrderDecision } from './replenish';

export interface OrderApprovalOptions {
  /** Where the approval queue lives (any core storage adapter: memory, SQLite, PostgreSQL). */
  storage: Storage;
  /** Orders whose value (quantity x unit cost; units when the cost is unknown) is above this wait for a human. */
  valueThreshold: number;
  /** Key prefix in storage. Default `inventory/approval/`. */
  prefix?: string;
}

/** An approval gate for replenishment orders: holds pass through, orders above the value threshold wait. */
export function orderApprovalGate(options: OrderApprovalOptions): ApprovalGate<OrderDecision> {
  return new ApprovalGate<OrderDecision>({
    storage: options.storage,
    prefix: options.prefix ?? 'inventory/approval/',
    requireApproval: (decision) => {
      const value = decision.magnitude ?? 0;
      return decision.value.quantity > 0 && value > options.valueThreshold
        ? `order value ${fmt(value)} is above the approval threshold ${fmt(options.valueThreshold)}`
        : undefined;
    },
  });
}

export interface IssuedOrders {
  /** Orders that can be sent (status `issued`). */
  issued: Decision<OrderDecision>[];
  /** Orders waiting for a human (status `pending-approval`). */
  pendingApproval: Decision<OrderDecision>[];
  /** SKUs with nothing to order (not submitted to the gate). */
  holds: Decision<OrderDecision>[];
}

/** Submits every order (quantity > 0) to the gate instead of issuing it directly. */
export async function issueOrders(
  decisions: readonly Decision<OrderDecision>[],
  gate: ApprovalGate<OrderDecision>,
): Promise<IssuedOrders> {
  const result: IssuedOrders = { issued: [], pendingApproval: [], holds: [] };
  for (const decision of decisions) {
    if (decision.value.quantity <= 0) {
      result.holds.push(decision);
      continue;
    }
    const submitted = await gate.submit(decision);
    (submitted.status === 'pending-approval' ? result.pendingApproval : result.issued).push(submitted);
  }
  return result;
}
