import type { EventTable } from '../events/event-table';
import { TYPE_CODE } from '../events/event-table';

/** Id 0 is padding and id 1 "other / unseen" in every vocabulary. */
export const PAD_ID = 0;
export const OOV_ID = 1;

/** The ids the sequence model knows, JSON-able (kept in the model state). */
export interface SequenceVocabulary {
  /** Item ids in id order (id = index + 2). */
  items: string[];
  /** Category ids in id order (id = index + 2). */
  categories: string[];
  /** Device values with a context column. */
  devices: string[];
}

export interface VocabularyOptions {
  /** Most frequent items kept; others map to 1. Default 5000. */
  maxItems?: number;
  /** Most frequent categories kept (counted over buys, then all events). Default 100. */
  maxCategories?: number;
  /** Devices kept for the context input. Default 4. */
  maxDevices?: number;
}

function topByCount(counts: Float64Array, names: readonly string[], max: number): string[] {
  return Array.from(counts.keys())
    .filter((i) => counts[i] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, max)
    .map((i) => names[i]);
}

/** Builds the vocabularies from events before `before` (training data only, so nothing leaks). */
export function buildVocabulary(
  table: EventTable,
  before: number,
  options: VocabularyOptions = {},
): SequenceVocabulary {
  const items = new Float64Array(table.items.length);
  const categories = new Float64Array(table.categories.length);
  const devices = new Float64Array(table.devices.length);
  for (let i = 0; i < table.length; i++) {
    if (table.timestamp[i] >= before) continue;
    if (table.item[i] >= 0) items[table.item[i]]++;
    // a buy counts as much as 1000 other events, so bought categories come first
    if (table.category[i] >= 0) categories[table.category[i]] += table.type[i] === TYPE_CODE.buy ? 1000 : 1;
    if (table.device[i] >= 0) devices[table.device[i]]++;
  }
  return {
    items: topByCount(items, table.items, options.maxItems ?? 5000),
    categories: topByCount(categories, table.categories, options.maxCategories ?? 100),
    devices: topByCount(devices, table.devices, options.maxDevices ?? 4),
  };
}

/** Maps a table's interned indices to vocabulary ids (0 never used here: absent values map to 1). */
export function indexMap(tableValues: readonly string[], vocabulary: readonly string[]): Int32Array {
  const position = new Map(vocabulary.map((value, index) => [value, index + 2]));
  return Int32Array.from(tableValues, (value) => position.get(value) ?? OOV_ID);
}
