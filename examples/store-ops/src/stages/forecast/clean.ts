import { type Panel, type PanelOutlierChange, treatPanelOutliers } from '@shoppilot/forecast';

export interface CleanResult {
  panel: Panel;
  /** Points clipped (before `keepFrom` only). */
  changes: PanelOutlierChange[];
}

/**
 * Clips 3-sigma outliers (rolling 13-week window, the point left out of its own statistics) in
 * the history before period `keepFrom`; later periods — the backtest's test weeks — keep their
 * actual values, so the scores are against what really sold.
 */
export function clipOutliers(panel: Panel, keepFrom: number): CleanResult {
  const treated = treatPanelOutliers(panel, { method: 'sigma', threshold: 3, action: 'clip' });
  const series = treated.panel.series.map((s, i) => {
    const original = panel.series[i].target;
    const target = Float64Array.from(s.target, (value, t) => (s.start + t >= keepFrom ? original[t] : value));
    return { ...s, target };
  });
  return {
    panel: { ...treated.panel, series },
    changes: treated.points.filter((p) => p.period < keepFrom && p.value !== p.original),
  };
}

/** Floors negative quantiles and means at 0 units (demand cannot be negative); returns how many. */
export function floorAtZero(
  forecasts: ReadonlyArray<{ mean: number[]; quantiles: Array<{ values: number[] }> }>,
): number {
  let floored = 0;
  for (const forecast of forecasts) {
    for (const values of [forecast.mean, ...forecast.quantiles.map((q) => q.values)]) {
      values.forEach((v, i) => {
        if (v < 0) {
          values[i] = 0;
          floored++;
        }
      });
    }
  }
  return floored;
}
