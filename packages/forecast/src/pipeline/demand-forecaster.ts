import {
  BaseEstimator,
  InvalidArgumentError,
  InvalidModelJsonError,
  type LongRunningOptions,
  parseModelJson,
} from '@shoppilot/core';
import { createForecaster, type ModelContext } from '../models/registry';
import { DEFAULT_LEVELS, type Forecaster, type ForecastResult } from '../models/types';
import { isRecord } from '../models/univariate-forecaster';
import { type PanelOutlierChange, treatPanelOutliers } from '../outliers/panel-outliers';
import type { OutlierOptions } from '../outliers/rolling-outliers';
import { buildPanel, type PanelSpec } from '../panel/build-panel';
import { buildFutureCovariates, type FutureCovariates } from '../panel/future-covariates';
import type { TimeAxis } from '../panel/time-axis';
import type { Panel } from '../panel/types';

export interface DemandForecasterOptions extends Omit<ModelContext, 'horizon'> {
  /** Model name or alias of `createForecaster` (`auto-ets`, `ridge`, `lstm-attention`…). Default `auto-ets`. */
  model?: string;
  /** Periods to forecast (global models are trained for it). Default 8. */
  horizon?: number;
  /** Quantile levels. Default [0.1, 0.5, 0.9]. */
  levels?: readonly number[];
  /** How long-format rows become a panel (id, time, target, covariates, gaps). Needed to fit rows. */
  panel?: PanelSpec;
  /** Outlier treatment of the training targets (see `detectOutliers`); false for none. Default false. */
  outliers?: OutlierOptions | false;
  /** Clip forecasts at 0 (units; not for a log target). Default false. */
  nonnegative?: boolean;
}

export interface DemandForecasterState {
  /** The panel's time axis (future rows are read onto it). */
  axis: TimeAxis;
  /** The fitted model's JSON. */
  model: unknown;
  /** Alignment and outlier notes of the fit. */
  notes: string[];
}

export interface DemandPredictOptions extends LongRunningOptions {
  /** Default the `horizon` option. */
  horizon?: number;
  /** Planned future covariates: built, or long-format rows read with the `panel` spec's columns. */
  future?: FutureCovariates | Iterable<Record<string, unknown>>;
  /** Newer history to forecast from without refitting. */
  history?: Panel;
}

const KIND = 'forecast.demand-forecaster';

/**
 * The one-object entry: long-format rows (or a panel) in, aligned with the `panel` spec, outliers
 * treated, the chosen model fitted, and mean + quantile forecasts out — with every note (alignment,
 * outliers, fallbacks, clipping) in the result's warnings.
 */
export class DemandForecaster extends BaseEstimator<DemandForecasterOptions, DemandForecasterState> {
  readonly kind = KIND;
  #model: Forecaster | undefined;
  /** The outlier points of the last fit in this process (not serialised). */
  outliers: PanelOutlierChange[] = [];

  constructor(options: DemandForecasterOptions = {}) {
    super(options);
  }

  async fit(
    data: Panel | Iterable<Record<string, unknown>>,
    options: LongRunningOptions = {},
  ): Promise<this> {
    const notes: string[] = [];
    let panel = isPanel(data) ? data : this.buildFromRows(data, notes);
    if (this.options.outliers) {
      const treated = treatPanelOutliers(panel, this.options.outliers);
      panel = treated.panel;
      this.outliers = treated.points;
      notes.push(`outliers: ${treated.points.length} found, ${treated.changed} changed`);
    }
    const model = createForecaster(this.options.model ?? 'auto-ets', this.context());
    await model.fit(panel, options);
    this.#model = model;
    return this.setState({ axis: panel.axis, model: model.toJSON(), notes });
  }

  async predict(options: DemandPredictOptions = {}): Promise<ForecastResult> {
    const state = this.requireState();
    const model = this.#model!;
    const result = await model.predict({
      horizon: options.horizon ?? this.horizon,
      levels: this.options.levels ?? DEFAULT_LEVELS,
      future: this.futureOf(options.future),
      history: options.history,
      nonnegative: this.options.nonnegative,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return { forecasts: result.forecasts, warnings: [...state.notes, ...result.warnings] };
  }

  private get horizon(): number {
    return this.options.horizon ?? 8;
  }

  private context(): ModelContext {
    const { model: _m, levels: _l, panel: _p, outliers: _o, nonnegative: _n, ...context } = this.options;
    return { ...context, horizon: this.horizon };
  }

  private buildFromRows(rows: Iterable<Record<string, unknown>>, notes: string[]): Panel {
    if (!this.options.panel) {
      throw new InvalidArgumentError({
        argument: 'panel',
        message: 'fitting long-format rows needs the `panel` option (id, time, target columns)',
        value: undefined,
      });
    }
    const built = buildPanel(rows, this.options.panel);
    notes.push(...built.warnings);
    return built.panel;
  }

  private futureOf(future: DemandPredictOptions['future']): FutureCovariates | undefined {
    if (future === undefined || isFutureCovariates(future)) return future;
    const spec = this.options.panel;
    const { axis } = this.requireState();
    if (!spec) {
      throw new InvalidArgumentError({
        argument: 'future',
        message: 'future rows need the `panel` option (id and time columns)',
        value: undefined,
      });
    }
    const covariates = spec.futureCovariates ?? [];
    return buildFutureCovariates(
      future,
      { id: spec.id, time: spec.time, covariates, source: spec.source },
      axis,
    );
  }

  static async fromJSON(json: unknown): Promise<DemandForecaster> {
    const parsed = parseModelJson<DemandForecasterOptions, DemandForecasterState>(json, {
      kind: KIND,
      version: 1,
    });
    const forecaster = new DemandForecaster(parsed.options);
    if (parsed.state === null) return forecaster;
    const state = parsed.state as unknown;
    if (!isRecord(state) || !isRecord(state.axis) || !isRecord(state.model) || !Array.isArray(state.notes)) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected { axis, model, notes[] }',
      });
    }
    const blank = createForecaster(parsed.options.model ?? 'auto-ets', forecaster.context());
    const restore = (
      blank.constructor as unknown as { fromJSON(j: unknown): Forecaster | Promise<Forecaster> }
    ).fromJSON;
    forecaster.#model = await restore(state.model);
    return forecaster.setState(parsed.state);
  }
}

function isPanel(data: unknown): data is Panel {
  return isRecord(data) && Array.isArray(data.series) && isRecord(data.axis);
}

function isFutureCovariates(future: unknown): future is FutureCovariates {
  return isRecord(future) && future.series instanceof Map && isRecord(future.axis);
}
