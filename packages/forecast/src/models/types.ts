import type { Estimator, LongRunningOptions } from '@shoppilot/core';
import type { FutureCovariates } from '../panel/future-covariates';
import type { Panel } from '../panel/types';

/** Forecast values at one quantile level over the horizon. */
export interface QuantileBand {
  /** Probability level in (0, 1), e.g. 0.9 for p90. */
  level: number;
  /** One value per forecast period. */
  values: number[];
}

/**
 * The forecast of one series: what downstream planning (safety stock, newsvendor, order-up-to)
 * consumes. `quantiles` are sorted by level; use `quantileValues()` to read a level.
 */
export interface QuantileForecast {
  /** Series id. */
  id: string;
  /** Period labels (ISO dates, or period numbers on an index axis). */
  dates: string[];
  /** Period indices on the panel's time axis. */
  periods: number[];
  /** Mean (point) forecast per period. */
  mean: number[];
  /** Quantile forecasts, ascending by level. */
  quantiles: QuantileBand[];
  /** The model that produced this forecast (e.g. `auto-ets` or `lstm-attention`). */
  model: string;
  /** Set when a fallback model answered instead of the requested one. */
  fallback?: { model: string; reason: string };
  /** Notes about this series (e.g. the ETS form chosen). */
  warnings: string[];
}

/** What every forecaster's `predict` returns. */
export interface ForecastResult {
  forecasts: QuantileForecast[];
  /** Notes about the whole call. */
  warnings: string[];
}

export interface PredictOptions extends LongRunningOptions {
  /** Periods to forecast after the end of each series. */
  horizon: number;
  /** Quantile levels. Default [0.1, 0.5, 0.9]. */
  levels?: readonly number[];
  /** Known future values of the future covariates (required by models that use them). */
  future?: FutureCovariates;
  /**
   * Newer history of the same series to forecast from without refitting (parameters stay, states
   * are updated). Default: the data the model was fitted on.
   */
  history?: Panel;
  /**
   * Clip the mean and every quantile at 0 (sales, units). Meant for targets in units: on a log
   * target (e.g. `logmove`) negative values are real, so clip after back-transforming instead;
   * when the history has negative values the result warns. Default false.
   */
  nonnegative?: boolean;
}

/** A model that fits a whole panel (many series at once) and forecasts every series. */
export interface Forecaster<TOptions = unknown, TState = unknown> extends Estimator<TOptions, TState> {
  fit(panel: Panel, options?: LongRunningOptions): this | Promise<this>;
  predict(options: PredictOptions): ForecastResult | Promise<ForecastResult>;
}

export const DEFAULT_LEVELS: readonly number[] = [0.1, 0.5, 0.9];
