import type { BehaviorEvent, Transaction } from '@shoppilot/core';

export interface TransactionEventOptions {
  /** Category of a line (e.g. a product group), or undefined. Default: none. */
  categoryOf?: (transaction: Transaction) => string | undefined;
}

/**
 * Invoice lines as behaviour events: a line with positive quantity is a `buy`, a negative one a
 * `refund` (quantity made positive); price is the unit price. The event id is derived from the
 * transaction id and line position so re-imports are idempotent.
 */
export function transactionsToEvents(
  transactions: Iterable<Transaction>,
  options: TransactionEventOptions = {},
): BehaviorEvent[] {
  const events: BehaviorEvent[] = [];
  let line = 0;
  for (const t of transactions) {
    line++;
    const refund = t.quantity < 0;
    const event: BehaviorEvent = {
      eventId: `${t.transactionId}#${line}`,
      userId: t.customerId,
      type: refund ? 'refund' : 'buy',
      timestamp: t.timestamp,
      quantity: Math.abs(t.quantity),
    };
    if (t.itemId !== undefined) event.itemId = t.itemId;
    if (t.unitPrice !== undefined) event.price = t.unitPrice;
    const category = options.categoryOf?.(t);
    if (category !== undefined) event.categoryId = category;
    events.push(event);
  }
  return events;
}
