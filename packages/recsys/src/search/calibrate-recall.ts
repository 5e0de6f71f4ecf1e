import {
  DimensionMismatchError,
  InvalidArgumentError,
  type LongRunningOptions,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { HnswIndex } from './hnsw-index';
import { IvfIndex } from './ivf-index';
import { checkK, type VectorIndex, type VectorSearchOptions } from './vector-index';

export interface CalibrateRecallOptions extends LongRunningOptions {
  /** Exact search over the same vectors (same dimension, size and metric): the ground truth. Required. */
  exact: VectorIndex;
  /** Neighbours per query whose recall is measured (recall@k). Required. */
  k: number;
  /** Mean recall@k to reach, in (0, 1]. Required. */
  targetRecall: number;
  /**
   * The `ef` (HNSW) or `nprobe` (IVF) values to try, positive integers (sorted ascending, duplicates
   * dropped; IVF values at most the number of lists). Default `defaultCalibrationGrid(index, k)`.
   */
  settings?: readonly number[];
  /** Items never to return, passed to every search (exact and approximate). Default none. */
  exclude?: VectorSearchOptions['exclude'];
  /** Measure every setting of the grid instead of stopping at the first that reaches the target. Default false. */
  exhaustive?: boolean;
}

export interface CalibrationPoint {
  setting: number;
  /** Mean recall@k at this setting. */
  recall: number;
}

export interface RecallCalibration {
  /** Which search option `setting` is: `ef` for HNSW, `nprobe` for IVF. */
  parameter: 'ef' | 'nprobe';
  /** The smallest measured setting reaching the target; when none did, the best measured one. */
  setting: number;
  /** Mean recall@k at `setting`. */
  recall: number;
  /** Whether `setting` reaches `targetRecall`. */
  reached: boolean;
  /** Every measured setting in grid order (ascending). */
  sweep: CalibrationPoint[];
}

/**
 * Chooses the search setting of an approximate index for a recall target, as the bench does: sweeps
 * `ef` (HNSW) or `nprobe` (IVF) upwards over a grid, measures the mean recall@k of each on `queries`
 * against `options.exact`, and stops at the first setting whose recall reaches `targetRecall`. No
 * monotonicity is assumed for correctness: the answer is the smallest measured setting that reaches
 * the target. Recall is pooled (hits over true neighbours, so the per-query mean when each query has
 * k true neighbours). Use held-out validation queries, not the ones you report on. Pass the result as
 * `index.search(q, k, { ef: result.setting })` or `{ nprobe: result.setting }`.
 *
 * `queries`: one row-major Float32Array of `index.dimension` values per query, or an array of vectors.
 */
export async function calibrateRecall(
  index: HnswIndex | IvfIndex,
  queries: Float32Array | readonly ArrayLike<number>[],
  options: CalibrateRecallOptions,
): Promise<RecallCalibration> {
  const rows = queryRows(queries, index.dimension);
  checkCalibration(index, options);
  throwIfAborted(options.signal);
  const grid = resolveGrid(index, options);
  const parameter = index instanceof HnswIndex ? 'ef' : 'nprobe';
  const truth = await exactTruth(rows, options);
  const sweep: CalibrationPoint[] = [];
  for (const setting of grid) {
    const search = (q: ArrayLike<number>) =>
      index.search(q, options.k, { exclude: options.exclude, [parameter]: setting });
    sweep.push({ setting, recall: pooledRecall(rows, truth, search) });
    options.onProgress?.({ stage: 'calibrate-recall', completed: sweep.length, total: grid.length });
    await yieldToEventLoop();
    throwIfAborted(options.signal);
    if (!options.exhaustive && sweep[sweep.length - 1].recall >= options.targetRecall) break;
  }
  return summarise(parameter, sweep, options.targetRecall);
}

/**
 * The default grid: 1, 2, 3, 4, 6, 8, 12, 16, 24, … (doubling pairs). IVF: values up to the number
 * of lists, which is always included (nprobe = lists scans every list). HNSW: `k` (a smaller ef acts
 * as k), then the values above k up to min(1024, max(k, index.size)).
 */
export function defaultCalibrationGrid(index: HnswIndex | IvfIndex, k: number): number[] {
  const limit = index instanceof IvfIndex ? index.lists : Math.min(1024, Math.max(k, index.size));
  const floor = index instanceof IvfIndex ? 1 : Math.max(1, k);
  const grid = [floor];
  for (let base = 1; base <= limit; base *= 2) {
    for (const value of [base, base + base / 2])
      if (Number.isInteger(value) && value > floor && value <= limit) grid.push(value);
  }
  if (grid[grid.length - 1] !== limit && limit >= floor) grid.push(limit);
  return grid;
}

function queryRows(
  queries: Float32Array | readonly ArrayLike<number>[],
  dimension: number,
): ArrayLike<number>[] {
  let rows: ArrayLike<number>[];
  if (queries instanceof Float32Array) {
    if (queries.length % dimension !== 0)
      throw new DimensionMismatchError({
        what: 'queries (values per row)',
        expected: dimension,
        actual: queries.length % dimension,
      });
    rows = Array.from({ length: queries.length / dimension }, (_, r) =>
      queries.subarray(r * dimension, (r + 1) * dimension),
    );
  } else rows = [...queries];
  if (rows.length === 0)
    throw new InvalidArgumentError({
      argument: 'queries',
      message: 'must hold at least one query',
      value: 0,
    });
  rows.forEach((row, r) => {
    if (row.length !== dimension)
      throw new DimensionMismatchError({ what: `query ${r}`, expected: dimension, actual: row.length });
  });
  return rows;
}

function checkCalibration(index: HnswIndex | IvfIndex, options: CalibrateRecallOptions): void {
  if (!(index instanceof HnswIndex || index instanceof IvfIndex))
    throw new InvalidArgumentError({
      argument: 'index',
      message: 'must be an HnswIndex or an IvfIndex (nothing to calibrate otherwise)',
      value: (index as VectorIndex | undefined)?.kind,
    });
  checkK(options.k);
  const target = options.targetRecall;
  if (!(target > 0 && target <= 1))
    throw new InvalidArgumentError({ argument: 'targetRecall', message: 'must be in (0, 1]', value: target });
  const { exact } = options;
  if (
    !exact ||
    exact.dimension !== index.dimension ||
    exact.size !== index.size ||
    exact.metric !== index.metric
  )
    throw new InvalidArgumentError({
      argument: 'exact',
      message: `must be an index over the same vectors (dimension ${index.dimension}, size ${index.size}, metric ${index.metric})`,
      value: exact && { dimension: exact.dimension, size: exact.size, metric: exact.metric },
    });
}

function resolveGrid(index: HnswIndex | IvfIndex, options: CalibrateRecallOptions): number[] {
  if (options.settings === undefined) return defaultCalibrationGrid(index, options.k);
  const max = index instanceof IvfIndex ? index.lists : Number.POSITIVE_INFINITY;
  const bad = options.settings.find((s) => !Number.isInteger(s) || s < 1 || s > max);
  if (options.settings.length === 0 || bad !== undefined)
    throw new InvalidArgumentError({
      argument: 'settings',
      message: `must be a non-empty list of integers in 1 … ${max}`,
      value: bad ?? options.settings,
    });
  return [...new Set(options.settings)].sort((a, b) => a - b);
}

/** The exact top-k of every query (yields and checks the signal every 64 queries). */
async function exactTruth(
  rows: ArrayLike<number>[],
  options: CalibrateRecallOptions,
): Promise<Set<number>[]> {
  const truth: Set<number>[] = [];
  for (const row of rows) {
    truth.push(new Set(options.exact.search(row, options.k, { exclude: options.exclude }).indices));
    if (truth.length % 64 === 0 || truth.length === rows.length) {
      throwIfAborted(options.signal);
      options.onProgress?.({ stage: 'calibrate-exact', completed: truth.length, total: rows.length });
      await yieldToEventLoop();
    }
  }
  return truth;
}

/** Hits over true neighbours, pooled over the queries (1 when no query has any true neighbour). */
function pooledRecall(
  rows: ArrayLike<number>[],
  truth: Set<number>[],
  search: (q: ArrayLike<number>) => { indices: ArrayLike<number> },
): number {
  let hits = 0;
  let total = 0;
  rows.forEach((row, r) => {
    for (const i of Array.from(search(row).indices)) if (truth[r].has(i)) hits++;
    total += truth[r].size;
  });
  return total === 0 ? 1 : hits / total;
}

function summarise(parameter: 'ef' | 'nprobe', sweep: CalibrationPoint[], target: number): RecallCalibration {
  const hit = sweep.find((point) => point.recall >= target);
  const best = hit ?? sweep.reduce((a, b) => (b.recall > a.recall ? b : a));
  return { parameter, setting: best.setting, recall: best.recall, reached: hit !== undefined, sweep };
}
