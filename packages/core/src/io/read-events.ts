import { type BehaviorEvent, behaviorEventSchema } from '../schema/behavior-event';
import { createDomainReader } from './domain-reader';
import type { ReadSource } from './open-source';
import type { ReadOptions, RecordReader } from './record-reader';

/**
 * Behaviour names of public datasets and trackers mapped to ShopPilot's types (Taobao `pv`,
 * `cart`; OTTO `clicks`, `carts`, `orders`; GA-style `page_view`, `purchase`…). A `valueMaps.type`
 * option adds to or overrides these. Lookup is exact, then lower case.
 */
export const EVENT_TYPE_ALIASES: Readonly<Record<string, BehaviorEvent['type']>> = {
  pv: 'view',
  pageview: 'view',
  page_view: 'view',
  impression: 'view',
  clicks: 'click',
  cart: 'add_cart',
  carts: 'add_cart',
  addtocart: 'add_cart',
  add_to_cart: 'add_cart',
  remove_from_cart: 'remove_cart',
  removefromcart: 'remove_cart',
  favorite: 'fav',
  favourite: 'fav',
  wishlist: 'fav',
  like: 'fav',
  order: 'buy',
  orders: 'buy',
  purchase: 'buy',
  transaction: 'buy',
  return: 'refund',
};

/** Usual column names of event fields (normalised), tried after exact and case-insensitive names. */
export const EVENT_COLUMN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  userId: ['user', 'uid', 'visitorid', 'customerid', 'customer', 'session'],
  itemId: ['item', 'sku', 'productid', 'product', 'aid', 'articleid', 'itemid'],
  type: ['event', 'eventtype', 'behavior', 'behaviour', 'behaviortype', 'action'],
  timestamp: ['ts', 'time', 'eventtime', 'datetime', 'date', 'createdat'],
  categoryId: ['category', 'categoryid', 'cat'],
  quantity: ['qty', 'units'],
  price: ['unitprice'],
  'context.sessionId': ['session', 'sessionid'],
};

/**
 * Streams behaviour events (`BehaviorEvent`) from CSV or JSONL in batches. Timestamps become
 * milliseconds since the epoch; behaviour names go through `EVENT_TYPE_ALIASES`.
 *
 * ```ts
 * const reader = readEvents('taobao.csv', {
 *   columns: ['user', 'item', 'category', 'behavior', 'ts'], mode: 'lenient',
 * });
 * for await (const batch of reader) await storage.appendEvents(batch);
 * const { accepted, rejected, rejections } = reader.summary; // counts, and the first rejected rows with why
 * ```
 */
export function readEvents(source: ReadSource, options: ReadOptions = {}): RecordReader<BehaviorEvent> {
  return createDomainReader(
    source,
    {
      schema: behaviorEventSchema,
      timestampFields: ['timestamp'],
      synonyms: EVENT_COLUMN_SYNONYMS,
      defaultValueMaps: { type: EVENT_TYPE_ALIASES },
    },
    options,
  );
}
