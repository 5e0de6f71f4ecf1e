/** Where a decision came from. */
export interface DecisionModel {
  /** Model or policy name, e.g. `forecast.lstm-attention` or `inventory.reorder-point`. */
  name: string;
  version: string;
}

export type DecisionStatus = 'issued' | 'pending-approval' | 'approved' | 'rejected';

/**
 * A result a person may need to understand or approve: the value, a readable trace of why, and the
 * model that produced it. Domain packages return these for their key outputs (orders, budgets…).
 */
export interface Decision<T> {
  id: string;
  /** What was decided (an order, a budget split, a recommendation list…). */
  value: T;
  /** Readable reasons, most important first, e.g. `on hand 40 + on order 20 < reorder point 75`. */
  reasons: string[];
  model: DecisionModel;
  /** ISO 8601 time the decision was made. */
  createdAt: string;
  status: DecisionStatus;
  /** The subject of the decision: a SKU, a user, a channel. */
  subject?: string;
  /** The inputs it was made from, for audit. */
  inputs?: Record<string, unknown>;
  /** Money or units at stake, used by approval thresholds. */
  magnitude?: number;
  /** Set when a fallback produced the value instead of the primary model. */
  fallback?: { used: true; reason: string };
  /** Who approved or rejected it and why (set by the approval gate). */
  review?: { by: string; at: string; note?: string };
}

/**
 * Builds an issued decision with a fresh id (a random UUID from `crypto.randomUUID`, unique rather
 * than reproducible: pass `id` for a deterministic one) and timestamp.
 */
export function createDecision<T>(
  init: Omit<Decision<T>, 'id' | 'createdAt' | 'status'> &
    Partial<Pick<Decision<T>, 'id' | 'createdAt' | 'status'>>,
): Decision<T> {
  return {
    id: init.id ?? globalThis.crypto.randomUUID(),
    createdAt: init.createdAt ?? new Date().toISOString(),
    status: init.status ?? 'issued',
    ...init,
  };
}
