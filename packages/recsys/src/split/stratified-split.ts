import { createRng, InvalidArgumentError } from '@shoppilot/core';
import { type Interactions, selectInteractions } from '../data/interactions';
import { Mt19937 } from './mt19937';
import type { Split } from './protocol';

export interface StratifiedSplitOptions {
  /** Share of each user's interactions that goes to train. Default 0.75. */
  ratio?: number;
  /** Seed. Default 42 (Microsoft Recommenders' default). */
  seed?: number;
  /** Users with fewer interactions are dropped (and counted). Default 1 (keep all). */
  minInteractions?: number;
  /**
   * Random numbers: `numpy` reproduces `np.random.seed(seed); np.random.rand(n)` (MT19937), so the
   * split equals Microsoft Recommenders' `python_stratified_split` on the same row order;
   * `xoshiro` uses the core generator. Default `numpy`.
   */
  generator?: 'numpy' | 'xoshiro';
}

/**
 * Random split stratified by user, with the semantics of Microsoft Recommenders'
 * `python_stratified_split(filter_by='user')`: every row gets a uniform random number (in input
 * order), rows are sorted by (user, number), and a row goes to train when its rank within the
 * user divided by the user's count is at most `ratio`.
 */
export function stratifiedSplit(data: Interactions, options: StratifiedSplitOptions = {}): Split {
  const ratio = options.ratio ?? 0.75;
  const seed = options.seed ?? 42;
  const minInteractions = options.minInteractions ?? 1;
  if (!(ratio > 0 && ratio < 1)) {
    throw new InvalidArgumentError({ argument: 'ratio', message: 'must be in (0, 1)', value: ratio });
  }
  const n = data.users.length;
  const random = randomNumbers(n, seed, options.generator ?? 'numpy');
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => data.users[a] - data.users[b] || random[a] - random[b] || a - b);
  const train = new Uint8Array(n);
  const test = new Uint8Array(n);
  let droppedUsers = 0;
  let droppedRows = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end < n && data.users[order[end]] === data.users[order[start]]) end++;
    const count = end - start;
    if (count < minInteractions) {
      droppedUsers++;
      droppedRows += count;
    } else {
      for (let k = 0; k < count; k++) ((k + 1) / count <= ratio ? train : test)[order[start + k]] = 1;
    }
    start = end;
  }
  return {
    protocol: {
      name: 'stratified',
      description: `random ${Math.round(ratio * 100)}/${Math.round((1 - ratio) * 100)} split stratified by user (seed ${seed}, ${options.generator ?? 'numpy'} generator; Microsoft Recommenders python_stratified_split semantics)`,
      settings: { ratio, seed, minInteractions, generator: options.generator ?? 'numpy' },
    },
    train: selectInteractions(data, train),
    test: selectInteractions(data, test),
    dropped: {
      users: droppedUsers,
      interactions: droppedRows,
      reasons: droppedUsers ? [`${droppedUsers} users with fewer than ${minInteractions} interactions`] : [],
    },
  };
}

function randomNumbers(n: number, seed: number, generator: 'numpy' | 'xoshiro'): Float64Array {
  const out = new Float64Array(n);
  if (generator === 'numpy') {
    const mt = new Mt19937(seed);
    for (let i = 0; i < n; i++) out[i] = mt.random();
  } else {
    const rng = createRng(seed);
    for (let i = 0; i < n; i++) out[i] = rng.next();
  }
  return out;
}
