import {
  BaseEstimator,
  InvalidArgumentError,
  InvalidModelJsonError,
  type LongRunningOptions,
  parseModelJson,
  throwIfAborted,
} from '@shoppilot/core';
import type { CalendarFeatureOptions } from '../../features/calendar-features';
import { futureWindow } from '../../panel/future-covariates';
import { panelEnd } from '../../panel/panel-ops';
import { periodLabel, type TimeAxis } from '../../panel/time-axis';
import type { Panel } from '../../panel/types';
import { applyNonnegative } from '../nonnegative';
import { checkLevels } from '../quantiles';
import { type ResidualQuantiles, residualQuantile, seriesScale } from '../residual-quantiles';
import { type SeriesTail, seriesOfTail, tailOf } from '../series-tail';
import {
  DEFAULT_LEVELS,
  type Forecaster,
  type ForecastResult,
  type PredictOptions,
  type QuantileForecast,
} from '../types';
import { checkHorizon, isRecord } from '../univariate-forecaster';
import { calendarLookup } from './calendar-lookup';
import { type CovariateTransform, makeLayout, newRow, type RidgeLayout } from './ridge-design';
import { fitRidgeCoefficients, predictRow } from './ridge-fit';
import { holdoutResiduals } from './ridge-holdout';
import { carryForward, fillRow } from './ridge-rows';

export interface RidgeOptions {
  /** L2 penalty on the standardised coefficients (series intercepts are not penalised). Default 1. */
  lambda?: number;
  /** Future-known covariates used. Default: all of the panel's future covariates. */
  covariates?: readonly string[];
  /** Transform per covariate, e.g. `{ price: 'log' }` for an elasticity. Default identity. */
  transforms?: Readonly<Record<string, CovariateTransform>>;
  /** Covariates whose slope differs per value of a static column, e.g. `{ price: 'brand' }`. Default none. */
  slopesBy?: Readonly<Record<string, string>>;
  /** Past-only covariates, used at the forecast origin. Default: all of the panel's past covariates. */
  pastCovariates?: readonly string[];
  /** Target lags at the origin (0 = the last value). Default [0, 1]. */
  lags?: readonly number[];
  /** Windows of trailing target means at the origin. Default [4, 13]. */
  means?: readonly number[];
  /** Longest horizon the model is trained for. Default 12. */
  maxHorizon?: number;
  /** Calendar features of the target period (date axes only). Default none. */
  calendar?: CalendarFeatureOptions | false;
  /** Intervals from errors on a holdout of the last `maxHorizon` periods (`holdout`) or in-sample. Default `holdout`. */
  calibration?: 'holdout' | 'in-sample';
}

export interface RidgeState {
  axis: TimeAxis;
  layout: RidgeLayout;
  coefficients: number[];
  residuals: ResidualQuantiles;
  scales: Record<string, number>;
  tails: SeriesTail[];
  examples: number;
}

const KIND = 'forecast.ridge';

/**
 * A global linear model across all series (one fit for the panel), the strong simple baseline with
 * covariates: per-series intercepts (fixed effects), covariate slopes (optionally per group, e.g. a
 * price elasticity per brand), target lags and trailing means at the forecast origin, a dummy per
 * horizon step, and calendar features. Direct multi-horizon: one equation serves every step.
 * Quantiles come from standardised errors on a time-based holdout.
 */
export class RidgeForecaster
  extends BaseEstimator<RidgeOptions, RidgeState>
  implements Forecaster<RidgeOptions, RidgeState>
{
  readonly kind = KIND;
  readonly name = 'ridge';

  constructor(options: RidgeOptions = {}) {
    super(options);
  }

  fit(panel: Panel, options: LongRunningOptions = {}): this {
    const maxHorizon = checkHorizon(this.options.maxHorizon ?? 12);
    const lambda = this.options.lambda ?? 1;
    if (!(lambda >= 0))
      throw new InvalidArgumentError({ argument: 'lambda', message: 'must be >= 0', value: lambda });
    const calendar = this.options.calendar
      ? calendarLookup(panel, this.options.calendar, maxHorizon)
      : undefined;
    const layout = makeLayout(panel.series, {
      future: (this.options.covariates ?? panel.covariates.future).map((name) => ({
        name,
        transform: this.options.transforms?.[name] ?? 'identity',
        group: this.options.slopesBy?.[name],
      })),
      past: [...(this.options.pastCovariates ?? panel.covariates.past)],
      lags: [...(this.options.lags ?? [0, 1])],
      means: [...(this.options.means ?? [4, 13])],
      calendar: calendar?.names ?? [],
      maxHorizon,
    });
    const end = panelEnd(panel);
    const scales = Object.fromEntries(panel.series.map((s) => [s.id, seriesScale(s.target)]));
    let residuals: ResidualQuantiles | undefined;
    if ((this.options.calibration ?? 'holdout') === 'holdout') {
      const holdout = fitRidgeCoefficients(panel, layout, lambda, calendar?.at, end - maxHorizon);
      residuals = holdoutResiduals(
        panel,
        layout,
        holdout.coefficients,
        calendar?.at,
        end - maxHorizon,
        scales,
      );
      options.onProgress?.({ stage: 'ridge-holdout', completed: 1, total: 2 });
    }
    throwIfAborted(options.signal);
    const final = fitRidgeCoefficients(panel, layout, lambda, calendar?.at, end);
    residuals ??= holdoutResiduals(panel, layout, final.coefficients, calendar?.at, end, scales, true);
    options.onProgress?.({ stage: 'ridge-fit', completed: 2, total: 2 });
    const keep = Math.max(...layout.lags, ...layout.means, 1) + 1;
    return this.setState({
      axis: panel.axis,
      layout,
      coefficients: Array.from(final.coefficients),
      residuals,
      scales,
      tails: panel.series.map((s) => tailOf(s, keep)),
      examples: final.examples,
    });
  }

  predict(options: PredictOptions): ForecastResult {
    const state = this.requireState();
    const horizon = checkHorizon(options.horizon);
    if (horizon > state.layout.maxHorizon) {
      throw new InvalidArgumentError({
        argument: 'horizon',
        message: `the model was trained for at most ${state.layout.maxHorizon} steps (option maxHorizon)`,
        value: horizon,
      });
    }
    const levels = checkLevels(options.levels ?? DEFAULT_LEVELS);
    const history = options.history?.series ?? state.tails.map(seriesOfTail);
    const index = new Map(state.layout.seriesIds.map((id, i) => [id, i]));
    const calendar =
      state.layout.calendar.length && this.options.calendar
        ? calendarLookup({ axis: state.axis, series: history }, this.options.calendar, horizon)
        : undefined;
    const row = newRow(state.layout.columns.length);
    const forecasts = history.map((series): QuantileForecast => {
      throwIfAborted(options.signal);
      const seriesIndex = index.get(series.id);
      if (seriesIndex === undefined) {
        throw new InvalidArgumentError({
          argument: 'history',
          message: `series "${series.id}" was not in the data the model was fitted on`,
          value: series.id,
        });
      }
      const from = series.start + series.target.length;
      const plans = futureWindow(
        options.future,
        series.id,
        state.layout.future.map((f) => f.name),
        from,
        horizon,
        state.axis,
      );
      const carried = carryForward(series.target);
      const origin = series.target.length - 1;
      const scale = state.scales[series.id] ?? 1;
      const mean: number[] = [];
      for (let step = 1; step <= horizon; step++) {
        const ok = fillRow(
          row,
          state.layout,
          { seriesIndex, series, carried, origin, calendarAt: calendar?.at },
          step,
          (name, k) => plans[name][k - 1],
        );
        mean.push(ok ? predictRow(row, state.layout, state.coefficients) : Number.NaN);
      }
      const quantiles = levels.map((level) => ({
        level,
        values: mean.map((m, k) => m + scale * residualQuantile(state.residuals, k + 1, level)),
      }));
      const periods = Array.from({ length: horizon }, (_, k) => from + k);
      return {
        id: series.id,
        dates: periods.map((p) => periodLabel(p, state.axis)),
        periods,
        mean,
        quantiles,
        model: this.name,
        warnings: [],
      };
    });
    return applyNonnegative(
      { forecasts, warnings: [] },
      options.nonnegative,
      history.map((s) => s.target),
    );
  }

  /** Coefficients by column name, on the original (unscaled) feature scale. */
  coefficients(): Record<string, number> {
    const { layout, coefficients } = this.requireState('coefficients');
    return Object.fromEntries(layout.columns.map((name, j) => [name, coefficients[j] / layout.scales[j]]));
  }

  static fromJSON(json: unknown): RidgeForecaster {
    const parsed = parseModelJson<RidgeOptions, RidgeState>(json, { kind: KIND, version: 1 });
    const model = new RidgeForecaster(parsed.options);
    if (parsed.state === null) return model;
    const state = parsed.state as unknown;
    if (
      !isRecord(state) ||
      !isRecord(state.layout) ||
      !Array.isArray(state.coefficients) ||
      !Array.isArray(state.tails) ||
      !isRecord(state.residuals)
    ) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected { axis, layout, coefficients, residuals, scales, tails }',
      });
    }
    const layout = state.layout as unknown as RidgeLayout;
    if (!Array.isArray(layout.columns) || layout.columns.length !== state.coefficients.length) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state.coefficients',
        message: 'must have one value per layout column',
      });
    }
    return model.setState(parsed.state);
  }
}
