import {
  BaseEstimator,
  InvalidArgumentError,
  InvalidModelJsonError,
  initTensorBackend,
  type LongRunningOptions,
  parseModelJson,
  type TensorBackendName,
  throwIfAborted,
} from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { InsufficientHistoryError } from '../../errors/insufficient-history-error';
import type { CalendarFeatureOptions } from '../../features/calendar-features';
import { futureWindow } from '../../panel/future-covariates';
import { panelEnd } from '../../panel/panel-ops';
import type { TimeAxis } from '../../panel/time-axis';
import { observedCount, type Panel } from '../../panel/types';
import { applyNonnegative } from '../nonnegative';
import { checkLevels } from '../quantiles';
import { calendarLookup } from '../ridge/calendar-lookup';
import type { CovariateTransform } from '../ridge/ridge-design';
import { type SeriesTail, seriesOfTail, tailOf } from '../series-tail';
import { DEFAULT_LEVELS, type Forecaster, type ForecastResult, type PredictOptions } from '../types';
import { checkHorizon, isRecord } from '../univariate-forecaster';
import { conformalShifts } from './lstm-calibration';
import type { LstmLayout } from './lstm-features';
import { type InferenceEngine, networkToOnnx, runOnnx, runTfjs } from './lstm-inference';
import { buildNetwork } from './lstm-network';
import { toForecasts } from './lstm-output';
import { fill, makeLstmLayout, trainingSamples } from './lstm-prepare';
import { type TrainReport, trainNetwork } from './lstm-train';
import { decodeWeights, encodeWeights, type StoredWeight } from './lstm-weights';

export interface LstmAttentionOptions {
  /** Steps forecast at once (direct multi-horizon). Default 8. */
  horizon?: number;
  /** Encoder length in periods. Default 24. */
  lookback?: number;
  /** LSTM units (also attention and head width). Default 32. */
  units?: number;
  /** Width of the learned series embedding. Default 8. */
  embedding?: number;
  /** Quantile levels learned with the pinball loss; include 0.5 (the point forecast). Default [0.1, 0.5, 0.9]. */
  levels?: readonly number[];
  /** Future-known covariates. Default: all of the panel's. */
  covariates?: readonly string[];
  /** Transform per covariate, e.g. `{ price: 'log' }`. Default identity. */
  transforms?: Readonly<Record<string, CovariateTransform>>;
  /** Past-only covariates. Default: all of the panel's. */
  pastCovariates?: readonly string[];
  /** Static covariates (numeric standardised, others one-hot). Default: all of the panel's. */
  staticCovariates?: readonly string[];
  /** Calendar features (date axes only). Default none. */
  calendar?: CalendarFeatureOptions | false;
  /** Most training epochs. Default 30. */
  epochs?: number;
  /** Default 256. */
  batchSize?: number;
  /** Adam step size. Default 0.003. */
  learningRate?: number;
  /** Early-stopping patience in epochs on the validation loss. Default 4. */
  patience?: number;
  /** Time-based validation: the last `horizon` periods (`last-horizon`) or none. Default `last-horizon`. */
  validation?: 'last-horizon' | 'none';
  /** Shift p10/p90 (all levels but the median) by conformal scores on the validation split. Default `validation`. */
  calibration?: 'validation' | 'none';
  /** Use every k-th forecast origin of a series for training. Default 1. */
  originStride?: number;
  /** Fewest observed values a series needs (fit and predict). Default lookback / 2. */
  minObservations?: number;
  /** Seed of initialisation and shuffling. Default 42. */
  seed?: number;
  /** Runtime of `predict`: tfjs, or onnxruntime-node on the exported network. Default `tfjs`. */
  engine?: InferenceEngine;
  /** Tensor backend (see core's initTensorBackend). Default: the best installed. */
  backend?: TensorBackendName;
}

export interface LstmAttentionState {
  axis: TimeAxis;
  layout: LstmLayout;
  levels: number[];
  weights: StoredWeight[];
  tails: SeriesTail[];
  minObservations: number;
  report: TrainReport;
  /** Conformal shifts per level and step (standardised scale); zeros without calibration. */
  shifts: number[][];
}

const KIND = 'forecast.lstm-attention';

/**
 * One LSTM+Attention network for all series of a panel (a global model): target history, past and
 * future covariates, static features and a learned series embedding in; p10/p50/p90 (any levels)
 * of every horizon step out, trained on the pinball loss with early stopping on a time-based
 * validation split. The point forecast (`mean`) is the median. Serving can run on onnxruntime-node
 * through the ONNX export (`engine: 'onnx'`).
 */
export class LstmAttentionForecaster
  extends BaseEstimator<LstmAttentionOptions, LstmAttentionState>
  implements Forecaster<LstmAttentionOptions, LstmAttentionState>
{
  readonly kind = KIND;
  readonly name = 'lstm-attention';
  #network: tfl.LayersModel | undefined;
  #onnx: Uint8Array | undefined;

  constructor(options: LstmAttentionOptions = {}) {
    super(options);
  }

  /** Fewest observed values a series needs. */
  get minObservations(): number {
    return this.options.minObservations ?? Math.ceil((this.options.lookback ?? 24) / 2);
  }

  async fit(panel: Panel, options: LongRunningOptions = {}): Promise<this> {
    const horizon = checkHorizon(this.options.horizon ?? 8);
    const lookback = checkHorizon(this.options.lookback ?? 24);
    const levels = checkLevels(this.options.levels ?? DEFAULT_LEVELS);
    for (const s of panel.series) {
      const available = observedCount(s.target);
      if (available < this.minObservations)
        throw new InsufficientHistoryError({
          series: s.id,
          required: this.minObservations,
          available,
          reason: 'the LSTM+Attention model',
        });
    }
    await initTensorBackend(this.options.backend ? { backend: this.options.backend } : {});
    const { layout, calendarAt } = makeLstmLayout(panel, {
      horizon,
      lookback,
      covariates: this.options.covariates ?? panel.covariates.future,
      transforms: this.options.transforms ?? {},
      pastCovariates: this.options.pastCovariates ?? panel.covariates.past,
      staticCovariates: this.options.staticCovariates ?? panel.covariates.static,
      calendar: this.options.calendar ?? false,
    });
    const end = panelEnd(panel);
    const cutoff = (this.options.validation ?? 'last-horizon') === 'last-horizon' ? end - horizon : end;
    const data = trainingSamples(panel, layout, {
      cutoff,
      stride: this.options.originStride ?? 1,
      minContext: Math.min(this.minObservations, 4),
      calendarAt,
    });
    throwIfAborted(options.signal);
    this.#dispose();
    const seed = this.options.seed ?? 42;
    const network = buildNetwork(layout, {
      units: this.options.units ?? 32,
      embedding: this.options.embedding ?? 8,
      levels,
      seed,
    });
    try {
      const report = await trainNetwork(network, data.train, cutoff < end ? data.validation : undefined, {
        epochs: this.options.epochs ?? 30,
        batchSize: this.options.batchSize ?? 256,
        learningRate: this.options.learningRate ?? 0.003,
        patience: this.options.patience ?? 4,
        clipNorm: 1,
        seed,
        levels,
        onProgress: options.onProgress,
        signal: options.signal,
      });
      this.#network = network;
      const calibrate =
        (this.options.calibration ?? 'validation') === 'validation' &&
        cutoff < end &&
        data.validation.count > 0;
      const shifts = calibrate
        ? conformalShifts(runTfjs(network, data.validation), data.validation, levels, horizon)
        : levels.map(() => new Array(horizon).fill(0));
      return this.setState({
        axis: panel.axis,
        layout,
        levels,
        weights: encodeWeights(network),
        tails: panel.series.map((s) => tailOf(s, lookback)),
        minObservations: this.minObservations,
        report,
        shifts,
      });
    } catch (error) {
      network.dispose();
      throw error;
    }
  }

  async predict(options: PredictOptions): Promise<ForecastResult> {
    const state = this.requireState();
    const horizon = checkHorizon(options.horizon);
    if (horizon > state.layout.horizon) {
      throw new InvalidArgumentError({
        argument: 'horizon',
        message: `the network forecasts at most ${state.layout.horizon} steps (option horizon)`,
        value: horizon,
      });
    }
    const levels = checkLevels(options.levels ?? DEFAULT_LEVELS);
    const history = options.history?.series ?? state.tails.map(seriesOfTail);
    const index = new Map(state.layout.seriesIds.map((id, i) => [id, i]));
    const calendar =
      state.layout.calendar.length && this.options.calendar
        ? calendarLookup({ axis: state.axis, series: history }, this.options.calendar, state.layout.horizon)
        : undefined;
    const specs = history.map((series) => {
      const seriesIndex = index.get(series.id);
      if (seriesIndex === undefined) {
        throw new InvalidArgumentError({
          argument: 'history',
          message: `series "${series.id}" was not in the data the model was fitted on`,
          value: series.id,
        });
      }
      const available = observedCount(series.target);
      if (available < state.minObservations) {
        throw new InsufficientHistoryError({
          series: series.id,
          required: state.minObservations,
          available,
          reason: 'the LSTM+Attention model',
        });
      }
      const from = series.start + series.target.length;
      // Only the requested steps need plans; later decoder steps (outputs discarded) repeat the last one.
      const plans = futureWindow(
        options.future,
        series.id,
        state.layout.future.map((f) => f.name),
        from,
        horizon,
        state.axis,
      );
      const futureAt = (name: string, step: number) => plans[name][Math.min(step, horizon) - 1];
      return { series, seriesIndex, origin: series.target.length - 1, futureAt, calendarAt: calendar?.at };
    });
    const arrays = fill(state.layout, specs);
    const raw = await this.run(arrays);
    throwIfAborted(options.signal);
    const forecasts = toForecasts(raw, specs, state, horizon, levels, this.name);
    return applyNonnegative(
      { forecasts, warnings: [] },
      options.nonnegative,
      history.map((s) => s.target),
    );
  }

  /** Raw network outputs [N, H, Q] for prepared samples, on the configured engine. */
  async run(
    arrays: ReturnType<typeof fill>,
    engine: InferenceEngine = this.options.engine ?? 'tfjs',
  ): Promise<Float32Array> {
    const state = this.requireState('run');
    const network = await this.network();
    if (engine === 'onnx') {
      this.#onnx ??= networkToOnnx(network);
      return runOnnx(this.#onnx, arrays, state.layout, state.levels.length);
    }
    return runTfjs(network, arrays);
  }

  /** The trained network as ONNX bytes (serve it with core's OnnxModel on onnxruntime-node). */
  async exportOnnx(): Promise<Uint8Array> {
    this.requireState('exportOnnx');
    this.#onnx ??= networkToOnnx(await this.network());
    return this.#onnx;
  }

  /** How training went: epochs, best epoch, losses. */
  get trainingReport(): TrainReport {
    return this.requireState('trainingReport').report;
  }

  /** Frees the tfjs network held for inference (it is rebuilt from the weights when needed). */
  dispose(): void {
    this.#dispose();
  }

  private async network(): Promise<tfl.LayersModel> {
    if (this.#network) return this.#network;
    const state = this.requireState();
    await initTensorBackend(this.options.backend ? { backend: this.options.backend } : {});
    const network = buildNetwork(state.layout, {
      units: this.options.units ?? 32,
      embedding: this.options.embedding ?? 8,
      levels: state.levels,
      seed: this.options.seed ?? 42,
    });
    const tensors = decodeWeights(state.weights);
    network.setWeights(tensors);
    tf.dispose(tensors);
    this.#network = network;
    return network;
  }

  #dispose(): void {
    this.#network?.dispose();
    this.#network = undefined;
    this.#onnx = undefined;
  }

  static fromJSON(json: unknown): LstmAttentionForecaster {
    const parsed = parseModelJson<LstmAttentionOptions, LstmAttentionState>(json, { kind: KIND, version: 1 });
    const model = new LstmAttentionForecaster(parsed.options);
    if (parsed.state === null) return model;
    const state = parsed.state as unknown;
    if (
      !isRecord(state) ||
      !isRecord(state.layout) ||
      !Array.isArray(state.weights) ||
      !Array.isArray(state.tails) ||
      !Array.isArray(state.levels)
    ) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected { axis, layout, levels, weights, tails, minObservations, report }',
      });
    }
    state.weights.forEach((w: unknown, i: number) => {
      if (!isRecord(w) || !Array.isArray(w.shape) || typeof w.data !== 'string') {
        throw new InvalidModelJsonError({
          kind: KIND,
          path: `state.weights[${i}]`,
          message: 'expected { shape, data (base64 float32) }',
        });
      }
    });
    return model.setState(parsed.state);
  }
}
