import {
  fitResidualQuantiles,
  type Panel,
  RidgeForecaster,
  type RidgeLayout,
  seriesScale,
  tailOf,
} from '@shoppilot/forecast';
import { type CalendarAt, calendarLookup, carryForward, fillDesignRow } from './design-rows';
import type { CutoffMoments, RidgeMoments } from './ridge-moments';
import type { FederatedRidgeOptions, RidgeDesignSpec } from './ridge-spec';
import type { RidgeSolution } from './ridge-statistics';

/** Intercepts of the client's series at one cutoff: a_i = ȳ_i − x̄_i·β (0 for a series without examples). */
export function interceptsOf(moments: CutoffMoments, beta: Float64Array): Float64Array {
  return Float64Array.from(moments.series, ({ n, sumX, sumY }) => {
    if (n === 0) return 0;
    let fitted = 0;
    for (let j = 0; j < beta.length; j++) fitted += sumX[j] * beta[j];
    return (sumY - fitted) / n;
  });
}

/**
 * A forecast `RidgeForecaster` for the client's own series from shared slopes: the intercepts come
 * from the client's data, the quantiles from its holdout errors (at the holdout cutoff's solution).
 * Serialised through `RidgeForecaster.fromJSON`, so it predicts exactly like a centrally fitted one.
 */
export function buildRidgeForecaster(
  panel: Panel,
  spec: RidgeDesignSpec,
  options: FederatedRidgeOptions,
  moments: RidgeMoments,
  solutions: { final: RidgeSolution; holdout: RidgeSolution },
): RidgeForecaster {
  const calendarAt = options.calendar ? calendarLookup(panel, options.calendar, spec.maxHorizon) : undefined;
  const scales = Object.fromEntries(panel.series.map((s) => [s.id, seriesScale(s.target)]));
  const holdoutIntercepts = interceptsOf(moments.holdout, solutions.holdout.beta);
  const residuals = fitResidualQuantiles(
    holdoutErrors(panel, spec, moments, {
      beta: solutions.holdout.beta,
      intercepts: holdoutIntercepts,
      calendarAt,
      scales,
    }),
  );
  const intercepts = interceptsOf(moments.final, solutions.final.beta);
  const seriesIds = panel.series.map((s) => s.id);
  const layout: RidgeLayout = {
    seriesIds,
    future: spec.future.map((f) => (f.levels ? { ...f } : { name: f.name, transform: f.transform })),
    past: spec.past,
    lags: spec.lags,
    means: spec.means,
    calendar: spec.calendar,
    maxHorizon: spec.maxHorizon,
    columns: [...seriesIds.map((id) => `intercept:${id}`), ...spec.columns],
    scales: [...seriesIds.map(() => 1), ...solutions.final.scales],
  };
  const keep = Math.max(...spec.lags, ...spec.means, 1) + 1;
  const { slopeLevels: _levels, ...ridgeOptions } = options;
  return RidgeForecaster.fromJSON({
    kind: 'forecast.ridge',
    version: 1,
    options: ridgeOptions,
    state: {
      axis: panel.axis,
      layout,
      coefficients: [...intercepts, ...solutions.final.beta.map((b, j) => b * solutions.final.scales[j])],
      residuals,
      scales,
      tails: panel.series.map((s) => tailOf(s, keep)),
      examples: solutions.final.examples,
    },
  });
}

/** Standardised errors per step of the holdout solution at origin end − maxHorizon (forecast's calibration). */
export function holdoutErrors(
  panel: Panel,
  spec: RidgeDesignSpec,
  moments: RidgeMoments,
  fit: {
    beta: Float64Array;
    intercepts: Float64Array;
    calendarAt?: CalendarAt;
    scales: Record<string, number>;
  },
): number[][] {
  const errors: number[][] = Array.from({ length: spec.maxHorizon }, () => []);
  const row = new Float64Array(spec.columns.length);
  const originPeriod = moments.end - spec.maxHorizon;
  panel.series.forEach((series, index) => {
    const carried = carryForward(series.target);
    const origin = originPeriod - series.start;
    if (origin < 0 || origin >= series.target.length || Number.isNaN(carried[origin])) return;
    for (let step = 1; step <= spec.maxHorizon && origin + step < series.target.length; step++) {
      const actual = series.target[origin + step];
      if (
        Number.isNaN(actual) ||
        !fillDesignRow(row, spec, { series, carried, origin, calendarAt: fit.calendarAt }, step)
      )
        continue;
      let predicted = fit.intercepts[index];
      for (let j = 0; j < row.length; j++) predicted += row[j] * fit.beta[j];
      errors[step - 1].push((actual - predicted) / fit.scales[series.id]);
    }
  });
  return errors;
}
