import type { InteractionRow } from '@shoppilot/recsys';
import type { RetailLine } from '../../data/retail';

export interface CatalogItem {
  itemId: string;
  description: string;
  group: string;
  customers: number;
}

/**
 * One interaction per customer and product (the first time they bought it), for products bought
 * by at least `minCustomers` customers; guests, cancellations and non-goods lines are left out.
 */
export function purchaseInteractions(
  lines: readonly RetailLine[],
  minCustomers: number,
): { rows: InteractionRow[]; catalog: Map<string, CatalogItem> } {
  const first = new Map<string, InteractionRow>();
  const catalog = new Map<string, CatalogItem>();
  for (const line of lines) {
    if (!line.customerId || line.cancelled || line.service || line.quantity <= 0) continue;
    const key = `${line.customerId}\u0000${line.itemId}`;
    const seen = first.get(key);
    if (!seen) {
      first.set(key, { userId: line.customerId, itemId: line.itemId, timestamp: line.timestamp });
      const item = catalog.get(line.itemId) ?? {
        itemId: line.itemId,
        description: line.description,
        group: line.group,
        customers: 0,
      };
      item.customers++;
      catalog.set(line.itemId, item);
    } else if (line.timestamp < (seen.timestamp ?? 0)) seen.timestamp = line.timestamp;
  }
  for (const [id, item] of catalog) if (item.customers < minCustomers) catalog.delete(id);
  const rows = [...first.values()]
    .filter((row) => catalog.has(row.itemId))
    .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  return { rows, catalog };
}

/** Replaces quoted item ids in the package's reasons by the product descriptions. */
export function readableReason(reason: string, catalog: ReadonlyMap<string, CatalogItem>): string {
  return reason.replace(/"([^"]+)"/g, (match, id: string) => {
    const item = catalog.get(id);
    return item ? `"${item.description}"` : match;
  });
}
