import { InputValidationError, InvalidArgumentError } from '@shoppilot/core';

/**
 * User-item interactions in columnar form with shared vocabularies. Every recommender, split and
 * metric in this package works on integer indices into `userIds` / `itemIds`; subsets made with
 * `selectInteractions` keep both vocabularies, so indices stay comparable across train and test.
 */
export interface Interactions {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  /** User index of each interaction. */
  readonly users: Int32Array;
  /** Item index of each interaction. */
  readonly items: Int32Array;
  /** Timestamp of each interaction (any monotone unit; ms since epoch for events); 0 when unknown. */
  readonly times: Float64Array;
  /** Rating or weight of each interaction (1 when absent). */
  readonly weights: Float64Array;
}

/** One interaction as read from a file or built by hand. */
export interface InteractionRow {
  userId: string;
  itemId: string;
  timestamp?: number;
  /** A rating or a weight; default 1. */
  weight?: number;
}

export interface CreateInteractionsOptions {
  /** Existing user vocabulary to extend (new users are appended). Default: none. */
  userIds?: readonly string[];
  /** Existing item vocabulary to extend (new items are appended). Default: none. */
  itemIds?: readonly string[];
}

/** Builds `Interactions` from rows; ids are numbered in order of first appearance. */
export function createInteractions(
  rows: readonly InteractionRow[],
  options: CreateInteractionsOptions = {},
): Interactions {
  const users = new Vocabulary(options.userIds);
  const items = new Vocabulary(options.itemIds);
  const n = rows.length;
  const out = {
    users: new Int32Array(n),
    items: new Int32Array(n),
    times: new Float64Array(n),
    weights: new Float64Array(n),
  };
  rows.forEach((row, index) => {
    checkRow(row, index);
    out.users[index] = users.add(row.userId);
    out.items[index] = items.add(row.itemId);
    out.times[index] = row.timestamp ?? 0;
    out.weights[index] = row.weight ?? 1;
  });
  return { userIds: users.ids, itemIds: items.ids, ...out };
}

function checkRow(row: InteractionRow, index: number): void {
  const fail = (field: string, message: string) => {
    throw new InputValidationError({
      issues: [{ row: index + 1, field, message, received: String(row[field as keyof InteractionRow]) }],
    });
  };
  if (typeof row.userId !== 'string' || row.userId === '') fail('userId', 'must be a non-empty string');
  if (typeof row.itemId !== 'string' || row.itemId === '') fail('itemId', 'must be a non-empty string');
  if (row.timestamp !== undefined && !Number.isFinite(row.timestamp)) fail('timestamp', 'must be finite');
  if (row.weight !== undefined && !Number.isFinite(row.weight)) fail('weight', 'must be finite');
}

/** Assigns consecutive indices to string ids. */
export class Vocabulary {
  readonly ids: string[];
  readonly #index = new Map<string, number>();

  constructor(initial: readonly string[] = []) {
    this.ids = [];
    for (const id of initial) this.add(id);
  }

  add(id: string): number {
    let index = this.#index.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(id);
      this.#index.set(id, index);
    }
    return index;
  }

  get(id: string): number | undefined {
    return this.#index.get(id);
  }
}

/** An index lookup for a vocabulary. */
export function indexOf(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, index) => [id, index]));
}

/** The interactions at the given positions (or where `mask` is true), same vocabularies. */
export function selectInteractions(
  data: Interactions,
  selection: ArrayLike<number> | Uint8Array,
): Interactions {
  const positions =
    selection instanceof Uint8Array && selection.length === data.users.length
      ? maskPositions(selection)
      : Int32Array.from(selection as ArrayLike<number>);
  const pick = <T extends Int32Array | Float64Array>(source: T, target: T): T => {
    positions.forEach((position, k) => {
      target[k] = source[position];
    });
    return target;
  };
  const n = positions.length;
  return {
    userIds: data.userIds,
    itemIds: data.itemIds,
    users: pick(data.users, new Int32Array(n)),
    items: pick(data.items, new Int32Array(n)),
    times: pick(data.times, new Float64Array(n)),
    weights: pick(data.weights, new Float64Array(n)),
  };
}

function maskPositions(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}

/** Keeps interactions whose weight is at least `minWeight` (e.g. ratings >= 4). */
export function filterByWeight(data: Interactions, minWeight: number): Interactions {
  const mask = new Uint8Array(data.users.length);
  for (let i = 0; i < mask.length; i++) mask[i] = data.weights[i] >= minWeight ? 1 : 0;
  return selectInteractions(data, mask);
}

/** Number of interactions. */
export function interactionCount(data: Interactions): number {
  return data.users.length;
}

/** Throws unless the vocabularies of `a` and `b` are the same arrays (or equal). */
export function assertSameVocabulary(a: Interactions, b: Interactions): void {
  const same = (x: readonly string[], y: readonly string[]) =>
    x === y || (x.length === y.length && x.every((id, i) => id === y[i]));
  if (!same(a.itemIds, b.itemIds) || !same(a.userIds, b.userIds)) {
    throw new InvalidArgumentError({
      argument: 'interactions',
      message: 'train and test must share user and item vocabularies (split one Interactions object)',
    });
  }
}
