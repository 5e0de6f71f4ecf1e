import type { SparseRows } from '../data/histories';

/**
 * Catalogue coverage: distinct recommended items / distinct items in training (Microsoft
 * Recommenders' `catalog_coverage`).
 */
export function catalogueCoverage(lists: readonly ArrayLike<number>[], trainItems: number): number {
  const distinct = new Set<number>();
  for (const list of lists) for (let r = 0; r < list.length; r++) distinct.add(list[r]);
  return trainItems > 0 ? distinct.size / trainItems : 0;
}

/**
 * Intra-list diversity: mean over lists of the mean pairwise dissimilarity `1 − sim(a, b)` of the
 * list's items (Ziegler et al. 2005). Lists shorter than 2 are skipped.
 */
export function intraListDiversity(
  lists: readonly ArrayLike<number>[],
  similarity: (a: number, b: number) => number,
): number {
  let total = 0;
  let counted = 0;
  for (const list of lists) {
    if (list.length < 2) continue;
    let sum = 0;
    let pairs = 0;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        sum += 1 - similarity(list[x], list[y]);
        pairs++;
      }
    }
    total += sum / pairs;
    counted++;
  }
  return counted > 0 ? total / counted : 0;
}

/**
 * Novelty: mean self-information `−log2(users(i) / users)` of the recommended items (Zhou et al.
 * 2010; Microsoft Recommenders' `novelty`). Items never seen in training count as seen once.
 */
export function novelty(
  lists: readonly ArrayLike<number>[],
  itemUsers: ArrayLike<number>,
  users: number,
): number {
  let sum = 0;
  let count = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      sum += -Math.log2(Math.max(1, itemUsers[list[r]]) / users);
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * Cosine similarity of two items' user sets (binary co-occurrence), from item → users rows.
 * Returns a function with a scratch marker, for `intraListDiversity`.
 */
export function cooccurrenceCosine(itemRows: SparseRows): (a: number, b: number) => number {
  const marker = new Int32Array(itemRows.columns).fill(-1);
  const sizes = new Float64Array(itemRows.rows);
  for (let i = 0; i < itemRows.rows; i++) sizes[i] = itemRows.offsets[i + 1] - itemRows.offsets[i];
  return (a, b) => {
    if (a === b) return 1;
    if (sizes[a] === 0 || sizes[b] === 0) return 0;
    for (let k = itemRows.offsets[a]; k < itemRows.offsets[a + 1]; k++) marker[itemRows.indices[k]] = a;
    let common = 0;
    for (let k = itemRows.offsets[b]; k < itemRows.offsets[b + 1]; k++)
      if (marker[itemRows.indices[k]] === a) common++;
    for (let k = itemRows.offsets[a]; k < itemRows.offsets[a + 1]; k++) marker[itemRows.indices[k]] = -1;
    return common / Math.sqrt(sizes[a] * sizes[b]);
  };
}
