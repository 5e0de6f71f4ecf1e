import { periodLabel } from '../../panel/time-axis';
import { quantileValues, sortBands } from '../quantiles';
import type { QuantileForecast } from '../types';
import type { LstmAttentionState } from './lstm-forecaster';
import type { SampleSpec } from './lstm-samples';

/**
 * Network outputs [N, H, Q] (standardised) → forecasts: back to each series' scale, quantiles
 * sorted so they never cross, requested levels read (interpolated between trained ones), and the
 * median as the point forecast.
 */
export function toForecasts(
  raw: Float32Array,
  specs: readonly SampleSpec[],
  state: LstmAttentionState,
  horizon: number,
  levels: readonly number[],
  model: string,
): QuantileForecast[] {
  const H = state.layout.horizon;
  const Q = state.levels.length;
  return specs.map((spec, i) => {
    const { mean: mu, sd } = state.layout.target[spec.series.id];
    const bands = state.levels.map((level, q) => ({
      level,
      values: Array.from(
        { length: horizon },
        (_, k) => mu + sd * (raw[(i * H + k) * Q + q] + (state.shifts?.[q]?.[k] ?? 0)),
      ),
    }));
    sortBands(bands);
    const trained = { id: spec.series.id, quantiles: bands };
    const from = spec.series.start + spec.series.target.length;
    const periods = Array.from({ length: horizon }, (_, k) => from + k);
    return {
      id: spec.series.id,
      dates: periods.map((p) => periodLabel(p, state.axis)),
      periods,
      mean: quantileValues(trained, 0.5),
      quantiles: levels.map((level) => ({ level, values: quantileValues(trained, level) })),
      model,
      warnings: [],
    };
  });
}
