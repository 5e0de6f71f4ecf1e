import type { EventTable } from '../events/event-table';
import { OOV_ID } from './vocabulary';

/**
 * Bucket of a duration in ms on a log2 scale with `perOctave` buckets per doubling:
 * 1 + floor(perOctave * log2(1 + seconds)), capped at 32 * perOctave (0 is padding).
 */
export function timeBucket(ms: number, perOctave = 1): number {
  const raw = 1 + Math.floor(perOctave * Math.log2(1 + Math.max(0, ms) / 1000));
  return Math.min(32 * perOctave, raw);
}

/** Bucket of the number of events merged into one step: 1 + floor(log2(count)), capped at 16. */
export function sizeBucket(count: number): number {
  return Math.min(16, 1 + Math.floor(Math.log2(Math.max(1, count))));
}

/** Where a sequence's steps are written (row-major n x maxLength arrays). */
export interface SequenceArrays {
  maxLength: number;
  types: Int32Array;
  items: Int32Array;
  categories: Int32Array;
  gaps: Int32Array;
  ages: Int32Array;
  sizes: Int32Array;
}

export interface SequenceSource {
  table: EventTable;
  /** Table item index -> vocabulary id. */
  itemIds: Int32Array;
  /** Table category index -> vocabulary id. */
  categoryIds: Int32Array;
  mergeSameTime: boolean;
  timeResolution: number;
  /** Scratch counts, one per vocabulary category id, all zero between calls. */
  counts: Int32Array;
}

/**
 * Step boundaries of events [start, end) of one user, newest first, at most `max` steps. Without
 * merging every event is a step; with merging a step is a maximal run of events with the same
 * timestamp and type (the lines of one invoice, a burst of identical events).
 */
export function stepStarts(
  table: EventTable,
  start: number,
  end: number,
  max: number,
  merge: boolean,
): number[] {
  const starts: number[] = [];
  let i = end;
  while (i > start && starts.length < max) {
    let a = i - 1;
    if (merge)
      while (
        a > start &&
        table.timestamp[a - 1] === table.timestamp[a] &&
        table.type[a - 1] === table.type[a]
      )
        a--;
    starts.push(a);
    i = a;
  }
  return starts;
}

/** The most frequent vocabulary category among events [a, b) (ties: the earliest); OOV when none. */
function mainCategory(source: SequenceSource, a: number, b: number): number {
  const { table, categoryIds, counts } = source;
  if (b - a === 1) return table.category[a] >= 0 ? categoryIds[table.category[a]] : OOV_ID;
  let best = OOV_ID;
  let bestCount = 0;
  for (let i = a; i < b; i++) {
    const id = table.category[i] >= 0 ? categoryIds[table.category[i]] : OOV_ID;
    counts[id]++;
    if (counts[id] > bestCount) {
      best = id;
      bestCount = counts[id];
    }
  }
  for (let i = a; i < b; i++) counts[table.category[i] >= 0 ? categoryIds[table.category[i]] : OOV_ID] = 0;
  return best;
}

/**
 * Writes row `r`: the last steps before the cutoff, left-padded; per step the type code + 1, the
 * first event's item, the main category, log2 buckets of the gap to the previous event and of the
 * age (cutoff - time), and the size bucket of the merged events.
 */
export function fillSequence(
  source: SequenceSource,
  s: SequenceArrays,
  r: number,
  start: number,
  end: number,
  cutoff: number,
): void {
  const { table } = source;
  const L = s.maxLength;
  const starts = stepStarts(table, start, end, L, source.mergeSameTime);
  let stepEnd = end;
  for (let k = 0; k < starts.length; k++) {
    const a = starts[k];
    const slot = r * L + (L - 1 - k);
    s.types[slot] = table.type[a] + 1;
    s.items[slot] = table.item[a] >= 0 ? source.itemIds[table.item[a]] : OOV_ID;
    s.categories[slot] = mainCategory(source, a, stepEnd);
    s.gaps[slot] =
      a > start ? timeBucket(table.timestamp[a] - table.timestamp[a - 1], source.timeResolution) : 1;
    s.ages[slot] = timeBucket(cutoff - table.timestamp[a], source.timeResolution);
    s.sizes[slot] = sizeBucket(stepEnd - a);
    stepEnd = a;
  }
}
