/** Paired comparison of two models' hits on the same leave-one-out test users (exact McNemar / sign test). */
import { type EvaluationResult, rowIndices, type Split, userHistories } from '@shoppilot/recsys';

export interface PairedHits {
  /** Users where the first model hits and the second misses. */
  onlyFirst: number;
  /** Users where the second hits and the first misses. */
  onlySecond: number;
  /** Hits of each model. */
  first: number;
  second: number;
  users: number;
  /** Two-sided exact binomial p-value of the discordant pairs (McNemar's exact test). */
  p: number;
}

/** Per-user HR@k hits of one evaluation (in its `userIndices` order). */
export function userHits(result: EvaluationResult, split: Split): Uint8Array {
  const test = userHistories(split.test);
  return Uint8Array.from(result.userIndices, (user, q) => {
    const relevant = new Set(rowIndices(test, user));
    return result.lists[q].some((i) => relevant.has(i)) ? 1 : 0;
  });
}

/** Two-sided exact binomial test of `a` successes in `a + b` fair trials. */
export function signTestP(a: number, b: number): number {
  const n = a + b;
  if (n === 0) return 1;
  const k = Math.min(a, b);
  // log C(n, i) - n log 2, summed for i <= k, doubled.
  let logTerm = -n * Math.LN2;
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}

export function pairedHits(first: EvaluationResult, second: EvaluationResult, split: Split): PairedHits {
  const a = userHits(first, split);
  const b = userHits(second, split);
  let onlyFirst = 0;
  let onlySecond = 0;
  let hitsA = 0;
  let hitsB = 0;
  for (let q = 0; q < a.length; q++) {
    hitsA += a[q];
    hitsB += b[q];
    if (a[q] && !b[q]) onlyFirst++;
    if (b[q] && !a[q]) onlySecond++;
  }
  return {
    onlyFirst,
    onlySecond,
    first: hitsA,
    second: hitsB,
    users: a.length,
    p: signTestP(onlyFirst, onlySecond),
  };
}

/** "193 vs 199 hits of 943; 41 users only X hits, 47 only Y (exact McNemar p 0.59)". */
export function pairedNote(pair: PairedHits, firstName: string, secondName: string): string {
  return `${pair.first} vs ${pair.second} hits of ${pair.users}; ${pair.onlyFirst} users hit by ${firstName} only, ${pair.onlySecond} by ${secondName} only (exact McNemar p ${pair.p.toFixed(3)})`;
}
