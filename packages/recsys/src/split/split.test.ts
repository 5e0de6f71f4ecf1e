import { describe, expect, it } from 'vitest';
import { createInteractions } from '../data/interactions';
import { leaveOneOutSplit } from './leave-one-out';
import { Mt19937 } from './mt19937';
import { stratifiedSplit } from './stratified-split';
import { timeSplit } from './time-split';

describe('Mt19937 (NumPy legacy generator)', () => {
  it('matches np.random.seed(42); np.random.rand(3) and the 100,000th draw', () => {
    // python3 -c "import numpy as np; np.random.seed(42); print(repr(np.random.rand(3)))"
    const mt = new Mt19937(42);
    expect([mt.random(), mt.random(), mt.random()]).toEqual([
      0.3745401188473625, 0.9507143064099162, 0.7319939418114051,
    ]);
    // python3 -c "import numpy as np; np.random.seed(42); print(repr(np.random.rand(100000)[-1]))"
    const long = new Mt19937(42);
    let last = 0;
    for (let i = 0; i < 100_000; i++) last = long.random();
    expect(last).toBeCloseTo(0.3899084852770509, 15);
  });
});

/** Rows: user u has n_u interactions with items `${u}-${k}` at times k. */
function rows(counts: Record<string, number>) {
  return Object.entries(counts).flatMap(([user, n]) =>
    Array.from({ length: n }, (_, k) => ({ userId: user, itemId: `${user}-${k}`, timestamp: k })),
  );
}

describe('stratifiedSplit (python_stratified_split semantics)', () => {
  it('keeps rank/count <= 0.75 in train for every user', () => {
    const split = stratifiedSplit(createInteractions(rows({ a: 4, b: 5, c: 1, d: 20 })));
    const trainCount = (u: string) => split.train.users.filter((x) => split.train.userIds[x] === u).length;
    expect([trainCount('a'), trainCount('b'), trainCount('c'), trainCount('d')]).toEqual([3, 3, 0, 15]);
    expect(split.train.users.length + split.test.users.length).toBe(30);
    expect(split.protocol.name).toBe('stratified');
  });

  it('assigns the same rows as NumPy would', () => {
    // python3 -c "import numpy as np; np.random.seed(42); r=np.random.rand(8); print(np.argsort(r[:4])[:3], 4+np.argsort(r[4:])[:3])"
    // → user a (rows 0-3) trains on rows [0 3 2], user b (rows 4-7) on [6 5 4]
    const split = stratifiedSplit(createInteractions(rows({ a: 4, b: 4 })));
    const trainItems = Array.from(split.train.items, (i) => split.train.itemIds[i]).sort();
    expect(trainItems).toEqual(['a-0', 'a-2', 'a-3', 'b-0', 'b-1', 'b-2']);
  });
});

describe('leaveOneOutSplit', () => {
  it('holds out each user’s latest interaction (ties: later input row)', () => {
    const data = createInteractions([
      { userId: 'u', itemId: 'x', timestamp: 5 },
      { userId: 'u', itemId: 'y', timestamp: 9 },
      { userId: 'u', itemId: 'z', timestamp: 9 },
      { userId: 'v', itemId: 'x', timestamp: 1 },
    ]);
    const split = leaveOneOutSplit(data);
    expect(Array.from(split.test.items, (i) => data.itemIds[i])).toEqual(['z']);
    expect(split.train.users.length).toBe(3);
    expect(split.dropped.users).toBe(1);
  });
});

describe('timeSplit', () => {
  it('cuts at the time quantile and drops test rows of users unseen before it', () => {
    const data = createInteractions([
      { userId: 'u', itemId: 'a', timestamp: 1 },
      { userId: 'u', itemId: 'b', timestamp: 2 },
      { userId: 'u', itemId: 'c', timestamp: 3 },
      { userId: 'v', itemId: 'a', timestamp: 4 },
      { userId: 'u', itemId: 'd', timestamp: 5 },
    ]);
    const split = timeSplit(data, { trainShare: 0.6 });
    expect(split.protocol.settings.cutTime).toBe(4);
    expect(split.train.users.length).toBe(3);
    expect(Array.from(split.test.items, (i) => data.itemIds[i])).toEqual(['d']);
    expect(split.dropped.interactions).toBe(1);
  });
});
