import { periodLabel } from '../panel/time-axis';
import type { Panel } from '../panel/types';
import { detectOutliers, type OutlierOptions } from './rolling-outliers';

export interface PanelOutlierChange {
  series: string;
  /** Period index and its label. */
  period: number;
  date: string;
  original: number;
  /** The new value (the original one for `flag`). */
  value: number;
  lower: number;
  upper: number;
}

export interface PanelOutlierResult {
  /** A new panel with treated targets (shares everything else with the input). */
  panel: Panel;
  /** Every point found, in series then time order. */
  points: PanelOutlierChange[];
  /** Points actually changed. */
  changed: number;
}

/** Applies `detectOutliers` to the target of every series and says which points changed. */
export function treatPanelOutliers(panel: Panel, options: OutlierOptions = {}): PanelOutlierResult {
  const points: PanelOutlierChange[] = [];
  let changed = 0;
  const series = panel.series.map((s) => {
    const result = detectOutliers(s.target, options);
    changed += result.changed;
    for (const point of result.outliers) {
      const period = s.start + point.index;
      points.push({
        series: s.id,
        period,
        date: periodLabel(period, panel.axis),
        original: point.value,
        value: point.replacement,
        lower: point.lower,
        upper: point.upper,
      });
    }
    return { ...s, target: result.values };
  });
  return { panel: { ...panel, series }, points, changed };
}
