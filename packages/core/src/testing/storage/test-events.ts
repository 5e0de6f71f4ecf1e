import { createRng } from '../../random/rng';
import type { BehaviorEvent, BehaviorType } from '../../schema/behavior-event';

export interface GenerateTestEventsOptions {
  /** Number of events. Default 1,000. */
  count?: number;
  /** Distinct users (`user-0` … `user-{n-1}`). Default 100. */
  users?: number;
  /** Distinct items. Default 500. */
  items?: number;
  /** First timestamp (ms). Default 1,700,000,000,000 (2023-11-14). */
  start?: number;
  /** Milliseconds between consecutive events (several share a timestamp when 0). Default 1,000. */
  step?: number;
  /** Give every event an explicit `eventId` (`{idPrefix}{index}`). Default true. */
  withIds?: boolean;
  /** Prefix of explicit ids. Default `e`. */
  idPrefix?: string;
  /** Seed of the pseudo-random users, items and types. Default 1. */
  seed?: number;
}

const TYPES: readonly BehaviorType[] = ['view', 'view', 'view', 'click', 'add_cart', 'fav', 'buy'];
const DEVICES = ['mobile', 'desktop', 'tablet'];

/**
 * Deterministic synthetic behaviour events in time order, for storage tests and benchmarks:
 * users and items drawn uniformly, a buy carries quantity and price, every other event a context.
 */
export function generateTestEvents(options: GenerateTestEventsOptions = {}): BehaviorEvent[] {
  const count = options.count ?? 1_000;
  const users = options.users ?? 100;
  const items = options.items ?? 500;
  const start = options.start ?? 1_700_000_000_000;
  const step = options.step ?? 1_000;
  const withIds = options.withIds ?? true;
  const idPrefix = options.idPrefix ?? 'e';
  const rng = createRng(options.seed ?? 1);
  const events: BehaviorEvent[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const type = TYPES[rng.int(TYPES.length)];
    const event: BehaviorEvent = {
      userId: `user-${rng.int(users)}`,
      itemId: `item-${rng.int(items)}`,
      type,
      timestamp: start + index * step,
    };
    if (withIds) event.eventId = `${idPrefix}${index}`;
    if (type === 'buy') {
      event.quantity = 1 + rng.int(3);
      event.price = Math.round(rng.uniform(1, 200) * 100) / 100;
    }
    if (index % 2 === 0) event.context = { device: DEVICES[rng.int(DEVICES.length)], channel: 'feed' };
    events[index] = event;
  }
  return events;
}
