import { InvalidArgumentError } from '@shoppilot/core';
import { type Interactions, selectInteractions } from '../data/interactions';
import type { Split } from './protocol';

export interface TimeSplitOptions {
  /** Share of interactions (by time order) that goes to train; the cut is that quantile of time. Default 0.8. */
  trainShare?: number;
  /** An explicit cut time (train: t < cut, test: t >= cut); overrides `trainShare`. */
  cutTime?: number;
  /** Drop test rows of users with no train rows (cold users), counted in `dropped`. Default true. */
  dropColdUsers?: boolean;
  /** Drop test rows of items never seen in train, counted in `dropped`. Default false. */
  dropNewItems?: boolean;
}

/** Global time split: everything before the cut trains, everything after tests. */
export function timeSplit(data: Interactions, options: TimeSplitOptions = {}): Split {
  const n = data.users.length;
  const cut = options.cutTime ?? quantileTime(data.times, options.trainShare ?? 0.8);
  const train = new Uint8Array(n);
  const test = new Uint8Array(n);
  const usersInTrain = new Uint8Array(data.userIds.length);
  const itemsInTrain = new Uint8Array(data.itemIds.length);
  for (let i = 0; i < n; i++) {
    if (data.times[i] < cut) {
      train[i] = 1;
      usersInTrain[data.users[i]] = 1;
      itemsInTrain[data.items[i]] = 1;
    }
  }
  let coldRows = 0;
  let newItemRows = 0;
  for (let i = 0; i < n; i++) {
    if (train[i]) continue;
    if ((options.dropColdUsers ?? true) && !usersInTrain[data.users[i]]) coldRows++;
    else if (options.dropNewItems && !itemsInTrain[data.items[i]]) newItemRows++;
    else test[i] = 1;
  }
  const reasons: string[] = [];
  if (coldRows) reasons.push(`${coldRows} test rows of users with no history before the cut`);
  if (newItemRows) reasons.push(`${newItemRows} test rows of items first seen after the cut`);
  return {
    protocol: {
      name: 'time',
      description: `global time split at t = ${cut} (train before, test after)`,
      settings: {
        cutTime: cut,
        dropColdUsers: options.dropColdUsers ?? true,
        dropNewItems: options.dropNewItems ?? false,
      },
    },
    train: selectInteractions(data, train),
    test: selectInteractions(data, test),
    dropped: { users: 0, interactions: coldRows + newItemRows, reasons },
  };
}

function quantileTime(times: Float64Array, share: number): number {
  if (!(share > 0 && share < 1)) {
    throw new InvalidArgumentError({ argument: 'trainShare', message: 'must be in (0, 1)', value: share });
  }
  const sorted = Float64Array.from(times).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}
