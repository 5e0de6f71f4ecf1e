import { type Interactions, selectInteractions } from '../data/interactions';
import type { Split } from './protocol';

export interface LeaveOneOutOptions {
  /** Users with fewer interactions are left out of the test (their rows stay in train). Default 2. */
  minInteractions?: number;
  /** How many of the most recent interactions go to test. Default 1. */
  holdOut?: number;
}

/**
 * Chronological leave-one-out: each user's most recent interaction (by timestamp; ties broken by
 * input order) is the test item, everything before it is train. Users with fewer than
 * `minInteractions` interactions keep all rows in train and are not evaluated (counted in `dropped`).
 */
export function leaveOneOutSplit(data: Interactions, options: LeaveOneOutOptions = {}): Split {
  const minInteractions = options.minInteractions ?? 2;
  const holdOut = options.holdOut ?? 1;
  const n = data.users.length;
  const isTest = new Uint8Array(n);
  const positions = positionsByUser(data);
  let skipped = 0;
  for (const list of positions) {
    if (list.length === 0) continue;
    if (list.length < Math.max(minInteractions, holdOut + 1)) {
      skipped++;
      continue;
    }
    for (let k = list.length - holdOut; k < list.length; k++) isTest[list[k]] = 1;
  }
  const isTrain = isTest.map((v) => 1 - v);
  return {
    protocol: {
      name: 'loo',
      description: `chronological leave-${holdOut === 1 ? 'one' : String(holdOut)}-out: each user's last ${holdOut === 1 ? 'interaction' : `${holdOut} interactions`} by time is the test, full ranking over all items`,
      settings: { minInteractions, holdOut },
    },
    train: selectInteractions(data, isTrain),
    test: selectInteractions(data, isTest),
    dropped: {
      users: skipped,
      interactions: 0,
      reasons: skipped
        ? [
            `${skipped} users with fewer than ${Math.max(minInteractions, holdOut + 1)} interactions kept in train only`,
          ]
        : [],
    },
  };
}

/** For each user, the positions of their rows ordered by (time, input position). */
function positionsByUser(data: Interactions): number[][] {
  const out: number[][] = Array.from({ length: data.userIds.length }, () => []);
  for (let i = 0; i < data.users.length; i++) out[data.users[i]].push(i);
  for (const list of out) list.sort((a, b) => data.times[a] - data.times[b] || a - b);
  return out;
}
