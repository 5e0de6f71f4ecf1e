import {
  BaseEstimator,
  InvalidModelJsonError,
  isAbortError,
  type LongRunningOptions,
  parseModelJson,
  withFallback,
} from '@shoppilot/core';
import { observedCount, type Panel } from '../../panel/types';
import { EtsForecaster, type EtsOptions } from '../ets/ets-forecaster';
import { applyNonnegative } from '../nonnegative';
import type { Forecaster, ForecastResult, PredictOptions, QuantileForecast } from '../types';
import { isRecord } from '../univariate-forecaster';
import { LstmAttentionForecaster, type LstmAttentionOptions } from './lstm-forecaster';

export interface LstmWithFallbackOptions extends LstmAttentionOptions {
  /** Options of the AutoETS fallback (season length etc.). Default AutoETS with m = 1. */
  fallback?: EtsOptions;
}

export interface LstmWithFallbackState {
  /** Why the neural model could not be used at all (training failed), when it could not. */
  neuralFailure: string | null;
  /** Series too short for the neural model, with the reason. */
  shortSeries: Record<string, string>;
  neural: unknown;
  fallback: unknown;
}

const KIND = 'forecast.lstm-attention-with-fallback';

/**
 * The LSTM+Attention model wrapped with core's `withFallback`: series too short for it, and every
 * series when training or inference fails, are forecast by AutoETS instead — and each such
 * forecast says so in `fallback: { model, reason }`. AutoETS is fitted on every series so any of
 * them can fall back at prediction time.
 */
export class LstmWithFallbackForecaster
  extends BaseEstimator<LstmWithFallbackOptions, LstmWithFallbackState>
  implements Forecaster
{
  readonly kind = KIND;
  readonly name = 'lstm-attention';
  #neural: LstmAttentionForecaster;
  #fallback: EtsForecaster;

  constructor(options: LstmWithFallbackOptions = {}) {
    super(options);
    const { fallback, ...neural } = options;
    this.#neural = new LstmAttentionForecaster(neural);
    this.#fallback = new EtsForecaster(fallback ?? {});
  }

  /** The wrapped neural model (fitted unless `neuralFailure` is set). */
  get neural(): LstmAttentionForecaster {
    return this.#neural;
  }

  async fit(panel: Panel, options: LongRunningOptions = {}): Promise<this> {
    const minimum = this.#neural.minObservations;
    const shortSeries: Record<string, string> = {};
    const eligible = panel.series.filter((s) => {
      const available = observedCount(s.target);
      if (available >= minimum) return true;
      shortSeries[s.id] = `series too short for the neural model: ${available} < ${minimum} observed values`;
      return false;
    });
    const train = withFallback(
      async (p: Panel) => {
        await this.#neural.fit(p, options);
        return null;
      },
      () => null,
      {
        guard: (p) => (p.series.length === 0 ? `no series has ${minimum} observed values` : undefined),
        rethrow: isAbortError,
      },
    );
    const outcome = await train({ ...panel, series: eligible });
    this.#fallback.fit(panel, { signal: options.signal });
    return this.setState({
      neuralFailure: outcome.source === 'fallback' ? (outcome.reason ?? 'unknown') : null,
      shortSeries,
      neural: outcome.source === 'primary' ? this.#neural.toJSON() : null,
      fallback: this.#fallback.toJSON(),
    });
  }

  async predict(options: PredictOptions): Promise<ForecastResult> {
    const state = this.requireState();
    const history = options.history ?? undefined;
    const ids = history ? history.series.map((s) => s.id) : Object.keys(this.fittedIds());
    const minimum = this.#neural.minObservations;
    const tooShort = (id: string) => {
      if (state.shortSeries[id]) return state.shortSeries[id];
      const series = history?.series.find((s) => s.id === id);
      const available = series ? observedCount(series.target) : minimum;
      return available < minimum
        ? `series too short for the neural model: ${available} < ${minimum} observed values`
        : undefined;
    };
    const neuralIds = state.neuralFailure ? [] : ids.filter((id) => !tooShort(id));
    const reasons = new Map(
      ids
        .filter((id) => !neuralIds.includes(id))
        .map((id) => [id, state.neuralFailure ?? tooShort(id) ?? '']),
    );
    const run = withFallback(
      (subset: string[]) =>
        this.#neural.predict({
          ...options,
          nonnegative: false,
          history: history && subsetOf(history, subset),
        }),
      () => null,
      {
        guard: (subset) => (subset.length === 0 ? 'nothing for the neural model' : undefined),
        rethrow: isAbortError,
      },
    );
    const neural = await run(neuralIds);
    if (neural.source === 'fallback' && neuralIds.length)
      for (const id of neuralIds) reasons.set(id, neural.reason ?? 'neural model failed');
    const forecasts: QuantileForecast[] =
      neural.source === 'primary' && neural.value ? [...neural.value.forecasts] : [];
    if (reasons.size) {
      const fallbackIds = [...reasons.keys()];
      const result = this.#fallback.predict({
        ...options,
        nonnegative: false,
        history: history ? subsetOf(history, fallbackIds) : undefined,
      });
      for (const forecast of result.forecasts) {
        const reason = reasons.get(forecast.id);
        if (reason === undefined) continue;
        // A series too short even for AutoETS says both steps of the fallback.
        const fallback = forecast.fallback
          ? { model: forecast.fallback.model, reason: `${reason}; ${forecast.fallback.reason}` }
          : { model: this.#fallback.name, reason };
        forecasts.push({ ...forecast, fallback });
      }
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    forecasts.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const warnings = reasons.size
      ? [`${reasons.size} series forecast by ${this.#fallback.name} instead of the neural model`]
      : [];
    if (neural.source === 'primary' && neural.value) warnings.push(...neural.value.warnings);
    const histories = options.nonnegative
      ? (history?.series.map((s) => s.target) ?? this.fittedSeries().map((s) => s.values))
      : [];
    return applyNonnegative({ forecasts, warnings }, options.nonnegative, histories);
  }

  /** The series the model was fitted on (ids and training values, as the AutoETS state keeps them). */
  private fittedSeries(): Array<{ id: string; values: Array<number | null> }> {
    const fallback = this.#fallback.toJSON().state as {
      series: Array<{ id: string; values: Array<number | null> }>;
    } | null;
    return fallback?.series ?? [];
  }

  private fittedIds(): Record<string, true> {
    return Object.fromEntries(this.fittedSeries().map((s) => [s.id, true as const]));
  }

  static fromJSON(json: unknown): LstmWithFallbackForecaster {
    const parsed = parseModelJson<LstmWithFallbackOptions, LstmWithFallbackState>(json, {
      kind: KIND,
      version: 1,
    });
    const model = new LstmWithFallbackForecaster(parsed.options);
    if (parsed.state === null) return model;
    const state = parsed.state as unknown;
    if (!isRecord(state) || !isRecord(state.shortSeries) || state.fallback === undefined) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected { neuralFailure, shortSeries, neural, fallback }',
      });
    }
    if (state.neural !== null) model.#neural = LstmAttentionForecaster.fromJSON(state.neural);
    model.#fallback = EtsForecaster.fromJSON(state.fallback);
    return model.setState(parsed.state);
  }
}

function subsetOf(panel: Panel, ids: readonly string[]): Panel {
  const keep = new Set(ids);
  return { ...panel, series: panel.series.filter((s) => keep.has(s.id)) };
}
