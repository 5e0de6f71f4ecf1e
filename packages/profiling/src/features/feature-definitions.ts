/**
 * Every per-user feature with its formula. `asOf` is the observation end T: only events with
 * timestamp < T are used (point-in-time correct). Days are 86,400,000 ms. An "order" is the set
 * of `buy` events of a user at one timestamp; an amount is price x quantity (quantity 1 when
 * absent; a buy without a price counts with amount 0). NaN marks a value that is undefined for
 * the user (see `fillMissing`).
 */
export const FEATURE_DEFINITIONS = [
  { name: 'recencyDays', formula: '(T - time of last order) / day; no order: (T - first event) / day' },
  { name: 'frequency', formula: 'number of orders (distinct buy timestamps) before T' },
  { name: 'monetary', formula: 'sum of buy amounts - sum of refund amounts before T' },
  { name: 'aov', formula: 'sum of buy amounts / frequency (0 without orders)' },
  {
    name: 'interPurchaseMeanDays',
    formula: 'mean gap between consecutive orders, days (NaN with < 2 orders)',
  },
  {
    name: 'interPurchaseStdDays',
    formula: 'population std of the gaps between orders, days (NaN with < 2 orders)',
  },
  { name: 'views', formula: 'count of view + click events' },
  { name: 'carts', formula: 'count of add_cart events' },
  { name: 'buys', formula: 'count of buy events (order lines)' },
  { name: 'viewToCartRate', formula: 'carts / views (0 when views = 0)' },
  {
    name: 'cartToBuyRate',
    formula: 'add_cart events followed by a buy of the same item before T / carts (0 when carts = 0)',
  },
  { name: 'viewToBuyRate', formula: 'buys / views (0 when views = 0)' },
  {
    name: 'cartToBuyLatencyHours',
    formula: 'mean hours from the latest add_cart of an item to its buy (NaN: none)',
  },
  { name: 'nightShare', formula: 'share of events with local hour in [0, 6)' },
  { name: 'morningShare', formula: 'share of events with local hour in [6, 12)' },
  { name: 'afternoonShare', formula: 'share of events with local hour in [12, 18)' },
  { name: 'eveningShare', formula: 'share of events with local hour in [18, 24)' },
  { name: 'weekendShare', formula: 'share of events on a local Saturday or Sunday' },
  {
    name: 'pricePosition',
    formula: 'mean over priced buys of ln(price / median price of its category before T) (NaN: none)',
  },
  {
    name: 'discountShare',
    formula: 'buys with context.promo or context.discount > 0 / buys (0 without buys)',
  },
  {
    name: 'comparisonDepth',
    formula:
      'mean over buys with a category of the distinct items of that category viewed since the previous buy in it',
  },
  { name: 'reviewReads', formula: 'count of review_read events' },
  { name: 'reviewReadsPerBuy', formula: 'review_read events / max(1, buys)' },
  { name: 'meanDwellSeconds', formula: 'mean context.dwellMs / 1000 over events that carry it (NaN: none)' },
  { name: 'events30d', formula: 'events in [T - 30 days, T)' },
  { name: 'buys30d', formula: 'buy events in [T - 30 days, T)' },
  { name: 'spend30d', formula: 'sum of buy amounts in [T - 30 days, T)' },
  { name: 'totalEvents', formula: 'count of all events before T' },
  { name: 'tenureDays', formula: '(T - first event) / day' },
  { name: 'favs', formula: 'count of fav events' },
  { name: 'refundRate', formula: 'refund events / max(1, buys)' },
  { name: 'reviewsWritten', formula: 'count of review events' },
  { name: 'shares', formula: 'count of share events' },
  { name: 'invites', formula: 'count of invite events' },
  { name: 'sessions', formula: 'number of sessions (inactivity gap, default 30 min)' },
  { name: 'eventsPerSession', formula: 'totalEvents / sessions' },
] as const;

export type BaseFeatureName = (typeof FEATURE_DEFINITIONS)[number]['name'];

/** Names of the fixed features, in column order (device and channel shares follow them). */
export const BASE_FEATURE_NAMES: readonly BaseFeatureName[] = FEATURE_DEFINITIONS.map((d) => d.name);

/** Formula of a device or channel share column, e.g. `device:mobile`. */
export function mixFormula(name: string): string {
  const [kind, level] = name.split(':');
  return `share of events with context.${kind} = "${level}" among events that carry a ${kind}`;
}
