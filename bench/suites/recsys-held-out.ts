import type { UserQuery } from '@shoppilot/recsys';
import type { ValidationSplit } from '../../packages/recsys/src/models/sasrec/sasrec-validation';
import { topK } from '../../packages/recsys/src/search/top-k';

/**
 * Hits@k on SASRec's validation items (each user's last training item, `holdOutLastItems`): full
 * ranking by `score` (one score per item for each query, in batches of 256), history items excluded.
 */
export function heldOutHits(
  validation: ValidationSplit,
  score: (queries: UserQuery[]) => Float64Array[],
  k = 10,
): { hits: number; users: number } {
  const { train, users, targets } = validation;
  const queries = users.map((u) => ({
    items: train.indices.subarray(train.offsets[u], train.offsets[u + 1]),
  }));
  let hits = 0;
  for (let start = 0; start < queries.length; start += 256) {
    const batch = queries.slice(start, start + 256);
    score(batch).forEach((scores, q) => {
      const seen = new Uint8Array(scores.length);
      for (const i of batch[q].items) seen[i] = 1;
      if (topK(scores, k, seen).indices.includes(targets[start + q])) hits++;
    });
  }
  return { hits, users: queries.length };
}
