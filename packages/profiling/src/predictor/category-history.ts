import type { EventTable } from '../events/event-table';
import { OOV_ID } from './vocabulary';

/** Categories kept per row in the history summary. */
export const HISTORY_WIDTH = 10;

/** Per row: the user's most frequent recent categories (the "most frequent category" prior). */
export interface CategoryHistory {
  /** Vocabulary ids (0 = none), HISTORY_WIDTH per row, by count (ties: the more recent first). */
  historyCategories: Int32Array;
  /** Their counts, HISTORY_WIDTH per row. */
  historyCounts: Float32Array;
  /** Events with a category slot counted per row (the denominator of the frequencies). */
  historyTotal: Float32Array;
}

/**
 * Counts the categories of events [max(start, end - window), end) and writes the top
 * HISTORY_WIDTH of row `r` (events without a category count as "other", id 1).
 */
export function fillCategoryHistory(
  table: EventTable,
  categoryIds: Int32Array,
  h: CategoryHistory,
  r: number,
  start: number,
  end: number,
  window: number,
): void {
  const counts = new Map<number, { count: number; last: number }>();
  const first = Math.max(start, end - window);
  for (let i = first; i < end; i++) {
    const id = table.category[i] >= 0 ? categoryIds[table.category[i]] : OOV_ID;
    const entry = counts.get(id);
    if (entry) {
      entry.count++;
      entry.last = i;
    } else counts.set(id, { count: 1, last: i });
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || b[1].last - a[1].last);
  const o = r * HISTORY_WIDTH;
  for (let k = 0; k < Math.min(HISTORY_WIDTH, ranked.length); k++) {
    h.historyCategories[o + k] = ranked[k][0];
    h.historyCounts[o + k] = ranked[k][1].count;
  }
  h.historyTotal[r] = end - first;
}

/** Frequencies of row `r`'s history as a dense vector over `width` category ids (zeros elsewhere). */
export function historyFrequencies(h: CategoryHistory, r: number, width: number): Float32Array {
  const out = new Float32Array(width);
  const total = h.historyTotal[r];
  if (total <= 0) return out;
  for (let k = 0; k < HISTORY_WIDTH; k++) {
    const id = h.historyCategories[r * HISTORY_WIDTH + k];
    if (id > 0 && id < width) out[id] = h.historyCounts[r * HISTORY_WIDTH + k] / total;
  }
  return out;
}
