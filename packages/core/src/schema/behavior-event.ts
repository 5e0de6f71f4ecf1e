import { z } from 'zod';

/** The behaviour types ShopPilot understands. */
export const BEHAVIOR_TYPES = [
  'view',
  'click',
  'add_cart',
  'remove_cart',
  'fav',
  'buy',
  'refund',
  'review',
  'review_read',
  'search',
  'share',
  'invite',
] as const;

export type BehaviorType = (typeof BEHAVIOR_TYPES)[number];

/** Where and how an event happened. Every field is optional: use what the data has. */
export const eventContextSchema = z.object({
  /** `mobile`, `desktop`, `tablet`, … */
  device: z.string().min(1).optional(),
  /** `ios`, `android`, `web`, `mini-program`, … */
  platform: z.string().min(1).optional(),
  /** Country, region or city code. */
  geo: z.string().min(1).optional(),
  /** Acquisition or traffic channel: `search`, `feed`, `email`, `push`, … */
  channel: z.string().min(1).optional(),
  /** Session id when the source has one (otherwise sessions are cut by inactivity gaps). */
  sessionId: z.string().min(1).optional(),
  /** Time on the page in milliseconds, where tracked. */
  dwellMs: z.number().finite().nonnegative().optional(),
  /** Whether a promotion applied. */
  promo: z.boolean().optional(),
  /** Discount as a fraction of list price in [0, 1]. */
  discount: z.number().finite().min(0).max(1).optional(),
});

export type EventContext = z.infer<typeof eventContextSchema>;

/** A user's action on an item (or on the store, for `search`/`invite`). */
export const behaviorEventSchema = z.object({
  /** Stable id; re-appending an event with the same id is a no-op. Derived from content when absent. */
  eventId: z.string().min(1).optional(),
  userId: z.string().min(1),
  itemId: z.string().min(1).optional(),
  type: z.enum(BEHAVIOR_TYPES),
  /** Milliseconds since the Unix epoch (UTC). */
  timestamp: z.number().int().min(0).max(8.64e15),
  /** Category id or path of the item, when the event source carries it. */
  categoryId: z.string().min(1).optional(),
  /** Units (for add_cart, buy, refund). */
  quantity: z.number().finite().optional(),
  /** Unit price paid or shown. */
  price: z.number().finite().nonnegative().optional(),
  context: eventContextSchema.optional(),
});

export type BehaviorEvent = z.infer<typeof behaviorEventSchema>;
