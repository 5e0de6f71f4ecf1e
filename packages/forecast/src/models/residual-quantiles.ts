import { sortedQuantile } from './quantiles';

/**
 * Empirical quantiles of standardised forecast errors per horizon step, learned on a holdout:
 * the k-step quantile at level τ is s_i · Q_k(τ) above the mean, with s_i the series' scale.
 * Stored as a fixed grid of order statistics so the model stays small in JSON.
 */
export interface ResidualQuantiles {
  /** Per step: sorted standardised errors (a grid of at most `gridSize` order statistics). */
  steps: number[][];
}

/** Builds the per-step grids from standardised errors (steps with fewer than `minCount` use all steps pooled). */
export function fitResidualQuantiles(
  errorsByStep: readonly number[][],
  minCount = 30,
  gridSize = 401,
): ResidualQuantiles {
  const pooled = errorsByStep
    .flat()
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const steps = errorsByStep.map((errors) => {
    const finite = errors.filter(Number.isFinite).sort((a, b) => a - b);
    return grid(finite.length >= minCount ? finite : pooled, gridSize);
  });
  return { steps };
}

/** Standardised error quantile at a step (1-based) and level. */
export function residualQuantile(model: ResidualQuantiles, step: number, level: number): number {
  const grid = model.steps[Math.min(step, model.steps.length) - 1];
  return grid?.length ? sortedQuantile(grid, level) : Number.NaN;
}

function grid(sorted: number[], size: number): number[] {
  if (sorted.length <= size) return sorted;
  return Array.from({ length: size }, (_, i) => sortedQuantile(sorted, i / (size - 1)));
}

/** Scale of a series: RMS of its one-step differences (1 when undefined or zero). */
export function seriesScale(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let t = 1; t < values.length; t++) {
    const d = values[t] - values[t - 1];
    if (Number.isNaN(d)) continue;
    sum += d * d;
    count++;
  }
  const scale = count ? Math.sqrt(sum / count) : Number.NaN;
  return scale > 0 ? scale : 1;
}
