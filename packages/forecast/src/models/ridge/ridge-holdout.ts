import type { Panel } from '../../panel/types';
import { fitResidualQuantiles, type ResidualQuantiles } from '../residual-quantiles';
import { newRow, type RidgeLayout } from './ridge-design';
import { predictRow } from './ridge-fit';
import { carryForward, fillRow } from './ridge-rows';

/**
 * Standardised errors of a fitted ridge model, per step: at one origin per series (`originPeriod`,
 * the holdout) or at every origin (`inSample`), turned into per-step quantile grids.
 */
export function holdoutResiduals(
  panel: Panel,
  layout: RidgeLayout,
  coefficients: Float64Array,
  calendarAt: ((period: number) => Record<string, number>) | undefined,
  originPeriod: number,
  scales: Record<string, number>,
  inSample = false,
): ResidualQuantiles {
  const errors: number[][] = Array.from({ length: layout.maxHorizon }, () => []);
  const row = newRow(layout.columns.length);
  layout.seriesIds.forEach((id, seriesIndex) => {
    const series = panel.series.find((s) => s.id === id)!;
    const carried = carryForward(series.target);
    const origins = inSample
      ? Array.from({ length: series.target.length }, (_, i) => i)
      : [originPeriod - series.start];
    for (const origin of origins) {
      if (origin < 0 || origin >= series.target.length || Number.isNaN(carried[origin])) continue;
      for (let step = 1; step <= layout.maxHorizon && origin + step < series.target.length; step++) {
        const actual = series.target[origin + step];
        if (Number.isNaN(actual)) continue;
        if (
          !fillRow(
            row,
            layout,
            { seriesIndex, series, carried, origin, calendarAt },
            step,
            (name, k) => series.future[name]?.[origin + k] ?? Number.NaN,
          )
        )
          continue;
        errors[step - 1].push((actual - predictRow(row, layout, coefficients)) / scales[id]);
      }
    }
  });
  return fitResidualQuantiles(errors);
}
