/** Loaders of the real datasets used by the recsys bench (never committed; read from the data directory). */
import { readFileSync } from 'node:fs';
import { createInteractions, type InteractionRow, type Interactions } from '@shoppilot/recsys';

/** MovieLens 100K u.data: user, item, rating, unix seconds → ms; file order kept (the MS split depends on it). */
export function loadMovieLens(path: string): Interactions {
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [user, item, rating, time] = line.split('\t');
      return { userId: user, itemId: item, weight: Number(rating), timestamp: Number(time) * 1000 };
    });
  return createInteractions(rows);
}

/** Taobao UserBehavior head: user, item, category, behaviour, unix seconds. */
export function loadTaobao(path: string): { rows: InteractionRow[]; behaviours: string[] } {
  const rows: InteractionRow[] = [];
  const behaviours: string[] = [];
  for (const line of readFileSync(path, 'utf8').trim().split('\n')) {
    const [user, item, , behaviour, time] = line.split(',');
    rows.push({ userId: user, itemId: item, timestamp: Number(time) * 1000 });
    behaviours.push(behaviour);
  }
  return { rows, behaviours };
}

/** DIGINETICA item views: session;user;item;timeframe(ms from session start);date — sessions as users. */
export function loadDiginetica(path: string): InteractionRow[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [session, , item, timeframe, date] = line.split(';');
      return { userId: `s${session}`, itemId: item, timestamp: Date.parse(date) + Number(timeframe) };
    });
}

/** OTTO sessions (JSONL): every event (clicks, carts, orders) in time order, sessions as users. */
export function loadOtto(path: string): InteractionRow[] {
  const rows: InteractionRow[] = [];
  for (const line of readFileSync(path, 'utf8').trim().split('\n')) {
    const { session, events } = JSON.parse(line) as {
      session: number;
      events: Array<{ aid: number; ts: number }>;
    };
    for (const event of events)
      rows.push({ userId: `s${session}`, itemId: String(event.aid), timestamp: event.ts });
  }
  return rows;
}

/**
 * The usual sequential-recommendation preprocessing (Kang & McAuley 2018): keep each user's first
 * occurrence of an item (time order), then iteratively drop items with fewer than `minItem` users
 * and users with fewer than `minUser` items.
 */
export function sequentialDataset(
  rows: readonly InteractionRow[],
  minItem: number,
  minUser: number,
): Interactions {
  const sorted = rows
    .map((row, k) => ({ row, k }))
    .sort((a, b) => (a.row.timestamp ?? 0) - (b.row.timestamp ?? 0) || a.k - b.k);
  const seen = new Set<string>();
  let kept = sorted
    .map((r) => r.row)
    .filter((row) => {
      const key = `${row.userId}\u0000${row.itemId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  for (let changed = true; changed; ) {
    const items = new Map<string, number>();
    const users = new Map<string, number>();
    for (const row of kept) {
      items.set(row.itemId, (items.get(row.itemId) ?? 0) + 1);
      users.set(row.userId, (users.get(row.userId) ?? 0) + 1);
    }
    const next = kept.filter(
      (row) => (items.get(row.itemId) ?? 0) >= minItem && (users.get(row.userId) ?? 0) >= minUser,
    );
    changed = next.length !== kept.length;
    kept = next;
  }
  return createInteractions(kept);
}
