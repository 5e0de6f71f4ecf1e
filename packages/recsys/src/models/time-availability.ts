import { InvalidArgumentError, type LongRunningOptions } from '@shoppilot/core';
import type { Interactions } from '../data/interactions';
import { decodeArray, encodeArray, stateRecord } from '../io/binary';
import { BaseRecommender, restoreRecommender, type StoredHistories } from './base-recommender';
import type { UserQuery } from './recommender';

export interface TimeAvailabilityOptions {
  /** Added to the share before the logarithm (how hard an item unseen at the user's times is pushed down). Default 0.01. */
  floor?: number;
  /** An item counts as available this long before its first training event (timestamp unit). Default 0. */
  margin?: number;
}

interface TimeAvailabilityModel {
  /** Time of each item's first training event (Infinity for items without one). */
  firstSeen: Float64Array;
}

const KIND = 'recsys.time-availability';

/**
 * A time prior for blends: an item's score is `log(share + floor)`, where `share` is the fraction
 * of the user's own event times at or after the item's first appearance in training. Items that
 * entered the catalogue after the user's activity (new releases, new stock) sink to the bottom;
 * everything available during the whole of the user's activity gets `log(1 + floor)`. Uses the
 * query's times (or the stored training times of `query.user`); without times every item scores
 * the same. On its own it barely ranks; it is meant as a blend component (z-scored there).
 */
export class TimeAvailabilityRecommender extends BaseRecommender<
  TimeAvailabilityOptions,
  TimeAvailabilityModel
> {
  readonly kind = KIND;

  constructor(options: TimeAvailabilityOptions = {}) {
    super(options);
  }

  fit(train: Interactions, _options?: LongRunningOptions): this {
    const floor = this.options.floor ?? 0.01;
    if (!(floor > 0))
      throw new InvalidArgumentError({ argument: 'floor', message: 'must be > 0', value: floor });
    const firstSeen = new Float64Array(train.itemIds.length).fill(Number.POSITIVE_INFINITY);
    for (let k = 0; k < train.items.length; k++)
      firstSeen[train.items[k]] = Math.min(firstSeen[train.items[k]], train.times[k]);
    return this.fitted(train, { firstSeen });
  }

  protected scoreQuery(model: TimeAvailabilityModel, query: UserQuery): Float64Array {
    const floor = this.options.floor ?? 0.01;
    const margin = this.options.margin ?? 0;
    const times = Float64Array.from(this.#times(query)).sort();
    const scores = new Float64Array(model.firstSeen.length);
    for (let i = 0; i < scores.length; i++) {
      const share = times.length
        ? (times.length - lowerBound(times, model.firstSeen[i] - margin)) / times.length
        : 1;
      scores[i] = Math.log(share + floor);
    }
    return scores;
  }

  #times(query: UserQuery): ArrayLike<number> {
    if (query.times && query.times.length === query.items.length) return query.times;
    const h = this.histories;
    if (query.user !== undefined && query.user < h.userIds.length)
      return h.times.subarray(h.offsets[query.user], h.offsets[query.user + 1]);
    return [];
  }

  protected override explainItem(model: TimeAvailabilityModel, query: UserQuery, item: number): string[] {
    const times = Array.from(this.#times(query));
    const share = times.length ? times.filter((t) => t >= model.firstSeen[item]).length / times.length : 1;
    return [`available during ${(100 * share).toFixed(0)}% of your activity`];
  }

  protected encodeModel(model: TimeAvailabilityModel): unknown {
    return { firstSeen: encodeArray(model.firstSeen) };
  }

  protected decodeModel(json: unknown, histories: StoredHistories): TimeAvailabilityModel {
    const record = stateRecord(json, KIND);
    const n = histories.itemIds.length;
    return { firstSeen: decodeArray(record.firstSeen, 'float64', KIND, 'state.model.firstSeen', n) };
  }

  static fromJSON(json: unknown): TimeAvailabilityRecommender {
    return restoreRecommender(
      json,
      KIND,
      1,
      (options: TimeAvailabilityOptions) => new TimeAvailabilityRecommender(options),
    );
  }
}

/** First index of sorted `values` with `values[k] >= x`. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
