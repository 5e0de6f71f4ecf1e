import { InvalidArgumentError } from '@shoppilot/core';
import { CrostonForecaster } from './baselines/croston';
import { MovingAverageForecaster } from './baselines/moving-average';
import { NaiveForecaster } from './baselines/naive';
import { SeasonalNaiveForecaster } from './baselines/seasonal-naive';
import { ThetaForecaster } from './baselines/theta';
import { EtsForecaster } from './ets/ets-forecaster';
import { LstmWithFallbackForecaster, type LstmWithFallbackOptions } from './lstm/lstm-with-fallback';
import type { CovariateTransform } from './ridge/ridge-design';
import { RidgeForecaster, type RidgeOptions } from './ridge/ridge-forecaster';
import type { Forecaster } from './types';

/** What a model made by name needs to know about the job. */
export interface ModelContext {
  /** Forecast horizon (global models are trained for it). */
  horizon: number;
  /** Season length m. Default 1. */
  seasonLength?: number;
  /** Transform per covariate for the covariate models, e.g. `{ price: 'log' }`. */
  transforms?: Readonly<Record<string, CovariateTransform>>;
  /** Per-group slopes for the ridge model, e.g. `{ price: 'brand' }`. */
  slopesBy?: Readonly<Record<string, string>>;
  /** Seed of the neural model. Default 42. */
  seed?: number;
  /** More options per model name (merged over the defaults). */
  overrides?: Readonly<Record<string, Record<string, unknown>>>;
}

const FACTORIES: Record<string, (context: ModelContext) => Forecaster> = {
  naive: () => new NaiveForecaster(),
  'seasonal-naive': (c) => new SeasonalNaiveForecaster({ seasonLength: c.seasonLength ?? 1 }),
  'moving-average': (c) => new MovingAverageForecaster({ window: 4, ...c.overrides?.['moving-average'] }),
  mean: () => new MovingAverageForecaster({ window: Number.MAX_SAFE_INTEGER }),
  ses: () => new EtsForecaster({ model: 'ANN' }),
  holt: () => new EtsForecaster({ model: 'AAN', damped: false }),
  damped: () => new EtsForecaster({ model: 'AAN', damped: true }),
  'holt-winters-additive': (c) =>
    new EtsForecaster({ model: 'AAA', damped: false, seasonLength: c.seasonLength ?? 1 }),
  'holt-winters-multiplicative': (c) =>
    new EtsForecaster({ model: 'MAM', damped: false, seasonLength: c.seasonLength ?? 1 }),
  'auto-ets': (c) => new EtsForecaster({ seasonLength: c.seasonLength ?? 1, ...c.overrides?.['auto-ets'] }),
  theta: (c) => new ThetaForecaster({ seasonLength: c.seasonLength ?? 1 }),
  croston: () => new CrostonForecaster({ method: 'classic' }),
  sba: () => new CrostonForecaster({ method: 'sba' }),
  tsb: () => new CrostonForecaster({ method: 'tsb' }),
  ridge: (c) =>
    new RidgeForecaster({
      maxHorizon: c.horizon,
      transforms: c.transforms,
      slopesBy: c.slopesBy,
      ...(c.overrides?.ridge as RidgeOptions),
    }),
  'lstm-attention': (c) =>
    new LstmWithFallbackForecaster({
      horizon: c.horizon,
      transforms: c.transforms,
      seed: c.seed ?? 42,
      fallback: { seasonLength: c.seasonLength ?? 1 },
      ...(c.overrides?.['lstm-attention'] as LstmWithFallbackOptions),
    }),
};

const ALIASES: Record<string, string> = {
  snaive: 'seasonal-naive',
  ma: 'moving-average',
  ets: 'auto-ets',
  autoets: 'auto-ets',
  'hw-additive': 'holt-winters-additive',
  'hw-multiplicative': 'holt-winters-multiplicative',
  lstm: 'lstm-attention',
};

/** Model names `createForecaster` knows (aliases: snaive, ma, ets, hw-additive, hw-multiplicative, lstm). */
export const MODEL_NAMES: readonly string[] = Object.keys(FACTORIES);

/** Canonical name of a model name or alias, or an error listing the known ones. */
export function canonicalModelName(name: string): string {
  const key = name.trim().toLowerCase();
  const canonical = ALIASES[key] ?? key;
  if (!FACTORIES[canonical]) {
    throw new InvalidArgumentError({
      argument: 'models',
      message: `unknown model "${name}"; known: ${MODEL_NAMES.join(', ')}`,
      value: name,
    });
  }
  return canonical;
}

/** A fresh, unfitted forecaster by name, set up for the job (horizon, season, covariate transforms). */
export function createForecaster(name: string, context: ModelContext): Forecaster {
  return FACTORIES[canonicalModelName(name)](context);
}
