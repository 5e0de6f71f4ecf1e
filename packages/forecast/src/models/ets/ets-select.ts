import { InvalidArgumentError } from '@shoppilot/core';
import { type EtsCriterion, type EtsFit, fitEtsForm } from './ets-fit';
import { type EtsSpec, etsName, parseEtsModel, type SeasonType, type TrendType } from './ets-spec';

export interface EtsSelectOptions {
  /** `ZZZ` chooses everything; letters fix a component (e.g. `MZZ`, `AAN`). Default `ZZZ`. */
  model?: string;
  /** true, false, or `auto` (try both). Default `auto`. */
  damped?: boolean | 'auto';
  /** Criterion that picks the form. Default `aicc`. */
  ic?: 'aicc' | 'aic' | 'bic';
  /** Also try multiplicative trends. Default false (as R). */
  allowMultiplicativeTrend?: boolean;
  /** Only additive forms. Default false. */
  additiveOnly?: boolean;
  /** Fit criterion. Default `lik` (maximum likelihood). */
  criterion?: EtsCriterion;
  /** Most objective evaluations per form. Default 2000. */
  maxEvaluations?: number;
}

export interface EtsSelection {
  fit: EtsFit;
  /** Every form tried and its criterion (Infinity when it could not be fitted). */
  candidates: Array<{ form: string; ic: number }>;
  warnings: string[];
}

/**
 * Fits every allowed ETS form and keeps the best by AICc (AutoETS, Hyndman et al. 2002/2008):
 * multiplicative errors only for positive data, seasons only for 2 <= m <= 24 and n > m, and
 * R's restrictions (no additive error with multiplicative components, no M,M,A).
 */
export function selectEts(
  y: ArrayLike<number>,
  seasonLength: number,
  options: EtsSelectOptions = {},
): EtsSelection {
  const warnings: string[] = [];
  const parsed = parseEtsModel(options.model ?? 'ZZZ');
  const observed = Array.from(y).filter((v) => !Number.isNaN(v));
  let m = seasonLength;
  let seasons = choices(parsed.season, ['N', 'A', 'M']) as SeasonType[];
  if (m > 24 && seasons.some((s) => s !== 'N')) {
    if (parsed.season !== 'Z')
      throw new InvalidArgumentError({
        argument: 'seasonLength',
        message: 'ETS seasons need m <= 24',
        value: m,
      });
    warnings.push(`season length ${m} > 24: seasonality ignored`);
  }
  if (m > 1 && m <= 24 && y.length <= m && seasons.some((s) => s !== 'N')) {
    warnings.push(`${y.length} periods are not more than the season length ${m}: seasonality ignored`);
  }
  if (m <= 1 || m > 24 || y.length <= m) {
    seasons = ['N'];
    m = 1;
  }
  const positive = observed.every((v) => v > 0);
  const errors = choices(parsed.error, ['A', 'M']).filter((e) => positive || e === 'A') as Array<'A' | 'M'>;
  if (errors.length === 0) {
    throw new InvalidArgumentError({
      argument: 'model',
      message: 'multiplicative errors need positive data',
      value: options.model,
    });
  }
  const trends = choices(
    parsed.trend,
    options.allowMultiplicativeTrend ? ['N', 'A', 'M'] : ['N', 'A'],
  ) as TrendType[];
  const dampings =
    parsed.damped !== undefined
      ? [parsed.damped]
      : options.damped === undefined || options.damped === 'auto'
        ? [true, false]
        : [options.damped];
  const candidates: EtsSelection['candidates'] = [];
  let best: EtsFit | undefined;
  let bestIc = Number.POSITIVE_INFINITY;
  for (const error of errors)
    for (const trend of trends)
      for (const season of seasons)
        for (const damped of dampings) {
          const spec: EtsSpec = { error, trend, season, damped };
          if (!allowed(spec, options, observed.length, m)) continue;
          const fit = fitEtsForm(y, spec, m, {
            criterion: options.criterion,
            maxEvaluations: options.maxEvaluations,
          });
          const ic = fit ? fit[options.ic ?? 'aicc'] : Number.POSITIVE_INFINITY;
          candidates.push({ form: etsName(spec), ic });
          if (fit && ic < bestIc) {
            best = fit;
            bestIc = ic;
          }
        }
  if (!best) {
    warnings.push(
      `${observed.length} observed values are too few to select an ETS form: simple exponential smoothing with α by grid search`,
    );
    return { fit: shortSeriesFit(y), candidates, warnings };
  }
  return { fit: best, candidates, warnings };
}

function allowed(spec: EtsSpec, options: EtsSelectOptions, n: number, m: number): boolean {
  if (spec.trend === 'N' && spec.damped) return false;
  if (spec.error === 'A' && (spec.trend === 'M' || spec.season === 'M')) return false;
  if (spec.error === 'M' && spec.trend === 'M' && spec.season === 'A') return false;
  if (options.additiveOnly && (spec.error === 'M' || spec.trend === 'M' || spec.season === 'M')) return false;
  // Enough data for the form (R: n > npars + 4, else it switches to Holt-Winters).
  const parameters = 2 + (spec.trend !== 'N' ? 2 : 0) + (spec.season !== 'N' ? m : 0) + (spec.damped ? 1 : 0);
  return n > parameters + 4;
}

function choices(letter: string, all: string[]): string[] {
  return letter === 'Z' ? all : [letter];
}

/**
 * ETS(A,N,N) for series too short for maximum likelihood: the first value as the initial level
 * and α from a grid (0.05…0.95) minimising the one-step squared error.
 */
export function shortSeriesFit(y: ArrayLike<number>): EtsFit {
  const spec: EtsSpec = { error: 'A', trend: 'N', damped: false, season: 'N' };
  const values = Array.from(y).filter((v) => !Number.isNaN(v));
  if (values.length === 0)
    throw new InvalidArgumentError({ argument: 'y', message: 'no observed values', value: 0 });
  let best = { alpha: 0.5, sse: Number.POSITIVE_INFINITY };
  for (let step = 1; step <= 19; step++) {
    const alpha = step / 20;
    let level = values[0];
    let sse = 0;
    for (let t = 1; t < values.length; t++) {
      sse += (values[t] - level) ** 2;
      level += alpha * (values[t] - level);
    }
    if (sse < best.sse - 1e-12) best = { alpha, sse };
  }
  const n = values.length;
  const sigma2 = n > 1 ? best.sse / (n - 1) : 0;
  return {
    spec,
    m: 1,
    params: { alpha: best.alpha, beta: 0, gamma: 0, phi: 1 },
    initialState: [values[0]],
    finalState: [],
    loglik: Number.NaN,
    aic: Number.NaN,
    aicc: Number.NaN,
    bic: Number.NaN,
    sigma2,
    mse: sigma2,
    parameterCount: 1,
    observed: n,
  };
}
