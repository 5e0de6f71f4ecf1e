import type { BehaviorEvent } from '@shoppilot/core';
import type { RetailLine } from './retail';

/** Prefix of the user id of a guest checkout (one pseudo-user per guest invoice). */
export const GUEST_PREFIX = 'guest:';

/** The user an invoice line belongs to: the customer, or a pseudo-user per guest invoice. */
export function userOf(line: RetailLine): string {
  return line.customerId ?? `${GUEST_PREFIX}${line.invoice}`;
}

/**
 * An invoice line as a behaviour event: `buy` (or `refund` for a cancellation, quantity made
 * positive), the product group as category, the invoice as session and the country as geo.
 * The id is the invoice and the file row, so identical lines of one invoice stay distinct.
 */
export function lineToEvent(line: RetailLine): BehaviorEvent {
  return {
    eventId: `${line.invoice}#${line.row}`,
    userId: userOf(line),
    itemId: line.itemId,
    type: line.cancelled || line.quantity < 0 ? 'refund' : 'buy',
    timestamp: line.timestamp,
    categoryId: line.group,
    quantity: Math.abs(line.quantity),
    price: line.unitPrice,
    context: { geo: line.country, sessionId: line.invoice, channel: 'web' },
  };
}
