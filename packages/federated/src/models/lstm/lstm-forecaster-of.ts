import {
  encodeLstmWeights,
  LstmAttentionForecaster,
  type LstmAttentionOptions,
  type LstmAttentionState,
  type LstmLayout,
  type Panel,
  tailOf,
} from '@shoppilot/forecast';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * forecast's `LstmAttentionForecaster` holding a client's trained network (shared weights and its
 * own series embedding), its layout and the last `lookback` values of its series: forecasts come
 * from forecast's own `predict` (medians as the point forecast, no conformal shift).
 */
export function lstmForecaster(
  network: tfl.LayersModel,
  panel: Panel,
  layout: LstmLayout,
  options: LstmAttentionOptions,
  epochs: number,
): LstmAttentionForecaster {
  const levels = [...(options.levels ?? [])];
  const state: LstmAttentionState = {
    axis: panel.axis,
    layout,
    levels,
    weights: encodeLstmWeights(network),
    tails: panel.series.map((s) => tailOf(s, layout.lookback)),
    minObservations: Math.ceil(layout.lookback / 2),
    report: { epochs, bestEpoch: epochs, history: [], stoppedEarly: false },
    shifts: levels.map(() => new Array(layout.horizon).fill(0)),
  };
  return LstmAttentionForecaster.fromJSON({ kind: 'forecast.lstm-attention', version: 1, options, state });
}
