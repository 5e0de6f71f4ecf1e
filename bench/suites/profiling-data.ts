/**
 * Loaders of the real datasets used by the profiling bench (not library code): Taobao UserBehavior
 * head as behaviour events, UCI Online Retail as buy/refund events with a derived product group.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { BehaviorEvent } from '@shoppilot/core';
import { readRecords } from '@shoppilot/core';

const TAOBAO_TYPES: Record<string, BehaviorEvent['type']> = {
  pv: 'view',
  cart: 'add_cart',
  fav: 'fav',
  buy: 'buy',
};
/** 2017-11-25 00:00 and 2017-12-04 00:00 in China time (UTC+8): the documented 9 days. */
export const TAOBAO_START = Date.UTC(2017, 10, 24, 16);
export const TAOBAO_END = Date.UTC(2017, 11, 3, 16);

/** Taobao rows (user, item, category, behaviour, unix seconds); rows outside the 9 days are dropped and counted. */
export async function loadTaobao(path: string): Promise<{ events: BehaviorEvent[]; dropped: number }> {
  const events: BehaviorEvent[] = [];
  let dropped = 0;
  const lines = createInterface({ input: createReadStream(path) });
  for await (const line of lines) {
    const [userId, itemId, categoryId, behavior, seconds] = line.split(',');
    const timestamp = Number(seconds) * 1000;
    const type = TAOBAO_TYPES[behavior];
    if (!type || !(timestamp >= TAOBAO_START && timestamp < TAOBAO_END)) {
      dropped++;
      continue;
    }
    events.push({ userId, itemId, categoryId, type, timestamp });
  }
  return { events, dropped };
}

/** Words that describe colour, size, pattern or theme rather than the kind of product. */
const NOT_A_PRODUCT = new Set(
  'RED PINK WHITE BLUE GREEN CREAM IVORY BLACK GOLD SILVER PURPLE ORANGE YELLOW BROWN GREY TEAL LARGE SMALL MINI JUMBO MEDIUM RETROSPOT POLKADOT PAISLEY DESIGN SPACEBOY WOODLAND LONDON SKULLS SKULL VINTAGE ASSORTED SET OF AND IN THE WITH DOTS SPOTS STRIPE STRIPES FLORAL HEART HEARTS CHRISTMAS ENGLISH ROSE ROSES BIRD BIRDS APPLES FINISH CALM TIER DOLLY GIRL BOY RETRO ANTIQUE COLOUR COLOURS DECORATION DESIGNS'.split(
    ' ',
  ),
);

/**
 * Product group of an Online Retail line: the last word of the description that is not a colour,
 * size, pattern or theme word, singularised by dropping a final S (BAG, HOLDER, MUG, CANDLE, …).
 */
export function productGroup(description: string): string | undefined {
  const words = description.toUpperCase().match(/[A-Z]+/g) ?? [];
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i];
    if (word.length < 3 || NOT_A_PRODUCT.has(word)) continue;
    return word.length > 3 && word.endsWith('S') && !word.endsWith('SS') ? word.slice(0, -1) : word;
  }
  return undefined;
}

/** Online Retail invoice lines with a CustomerID as buy (quantity > 0) / refund events. */
export async function loadOnlineRetail(
  path: string,
): Promise<{ events: BehaviorEvent[]; withoutCustomer: number }> {
  const events: BehaviorEvent[] = [];
  let withoutCustomer = 0;
  let line = 0;
  for await (const batch of readRecords(path)) {
    for (const r of batch) {
      line++;
      const customer = String(r.CustomerID ?? '').trim();
      if (!customer) {
        withoutCustomer++;
        continue;
      }
      const quantity = Number(r.Quantity);
      const timestamp = Date.parse(`${String(r.InvoiceDate).replace(' ', 'T')}Z`);
      const group = productGroup(String(r.Description ?? ''));
      events.push({
        eventId: `${r.InvoiceNo}#${line}`,
        userId: customer,
        itemId: String(r.StockCode),
        type: quantity < 0 ? 'refund' : 'buy',
        timestamp,
        quantity: Math.abs(quantity),
        price: Math.max(0, Number(r.UnitPrice)),
        ...(group ? { categoryId: group } : {}),
      });
    }
  }
  return { events, withoutCustomer };
}

export async function gunzipLines(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path).pipe(createGunzip()) }))
    out.push(line);
  return out;
}
