import { InvalidArgumentError } from '@shoppilot/core';
import type { WindowForecast, WindowForecaster } from './rolling-forecaster';

export interface ClassConditionalOptions {
  /**
   * Class of every SKU-period known in advance, SKU-major like the demand matrix (e.g. 0 = regular
   * week, 1 = promotion week from the promotion calendar). Values 0..255.
   */
  classes: Uint8Array;
  /** Periods per SKU in `classes` (the demand matrix's `periods`). */
  periods: number;
  /** Most recent observations kept per class. Default 52. */
  window?: number;
  /** Fewer observations than this in a class: use all classes pooled. Default 4. */
  minObservations?: number;
  /** Grid size of the summed quantile functions. Default 40. */
  grid?: number;
}

/**
 * A forecaster for demand that depends on a class known in advance (planned promotions, holidays):
 * each upcoming period gets the empirical distribution of the SKU's recent demand in periods of the
 * same class (past periods only), and demand over the horizon is the comonotonic sum of those
 * periods' quantile functions on a grid of levels (k + 0.5) / grid (positively dependent periods,
 * conservative). The mean is the sum of the class means. It reads future classes, never future demand.
 */
export function classConditionalForecaster(options: ClassConditionalOptions): WindowForecaster {
  const { classes, periods } = options;
  const window = options.window ?? 52;
  const minimum = options.minObservations ?? 4;
  const grid = options.grid ?? 40;
  if (!(window >= 1 && grid >= 1))
    throw new InvalidArgumentError({
      argument: 'window',
      message: 'window and grid must be >= 1',
      value: window,
    });
  const buffers = Array.from({ length: 256 }, () => new Float64Array(window));
  const pooled = new Float64Array(window);
  const counts = new Int32Array(256);
  const samples = new Float64Array(grid);
  return {
    name: `class-conditional(${window})`,
    forecast(history: Float64Array, horizon: number, sku: number): WindowForecast {
      const now = history.length;
      const row = classes.subarray(sku * periods, (sku + 1) * periods);
      const needed = new Set<number>();
      for (let h = 0; h < horizon; h++) needed.add(row[Math.min(now + h, periods - 1)]);
      const pooledCount = collect(history, row, needed, buffers, counts, pooled, window);
      samples.fill(0);
      let mean = 0;
      for (let h = 0; h < horizon; h++) {
        const c = row[Math.min(now + h, periods - 1)];
        const n = counts[c] >= minimum ? counts[c] : pooledCount;
        const values = counts[c] >= minimum ? buffers[c].subarray(0, n) : pooled.subarray(0, n);
        if (n === 0) continue;
        let total = 0;
        for (let k = 0; k < n; k++) total += values[k];
        mean += total / n;
        for (let g = 0; g < grid; g++)
          samples[g] += values[Math.min(n - 1, Math.floor(((g + 0.5) / grid) * n))];
      }
      return { mean: mean / horizon, samples };
    },
  };
}

/** Fills sorted per-class buffers (needed classes only) and the pooled buffer with the latest observations. */
function collect(
  history: Float64Array,
  row: Uint8Array,
  needed: Set<number>,
  buffers: Float64Array[],
  counts: Int32Array,
  pooled: Float64Array,
  window: number,
): number {
  for (const c of needed) counts[c] = 0;
  let pooledCount = 0;
  for (let t = history.length - 1; t >= 0; t--) {
    const value = history[t];
    if (Number.isNaN(value)) continue;
    if (pooledCount < window) pooled[pooledCount++] = value;
    const c = row[t];
    if (needed.has(c) && counts[c] < window) buffers[c][counts[c]++] = value;
    if (pooledCount >= window && [...needed].every((k) => counts[k] >= window)) break;
  }
  pooled.subarray(0, pooledCount).sort();
  for (const c of needed) buffers[c].subarray(0, counts[c]).sort();
  return pooledCount;
}
