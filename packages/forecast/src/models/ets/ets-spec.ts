import { InvalidArgumentError } from '@shoppilot/core';

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'M';
export type SeasonType = 'N' | 'A' | 'M';

/** One ETS form: error, trend (optionally damped) and season, e.g. ETS(M,Ad,M). */
export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  damped: boolean;
  season: SeasonType;
}

/** Smoothing parameters in the error-correction form of Hyndman et al. (2008). */
export interface EtsParams {
  alpha: number;
  /** 0 without a trend. */
  beta: number;
  /** 0 without a season. */
  gamma: number;
  /** 1 without damping. */
  phi: number;
}

/** `ETS(M,Ad,M)` notation. */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend}${spec.damped ? 'd' : ''},${spec.season})`;
}

/**
 * Reads a model string as R's `ets(model = )`: three letters error/trend/season with `Z` for
 * "choose", e.g. `ZZZ`, `MAM`, `ANN`; `damped` may be given as `AAdN`-style `d` after the trend.
 */
export function parseEtsModel(model: string): {
  error: string;
  trend: string;
  season: string;
  damped?: boolean;
} {
  const match = /^([AMZ])([NAMZ])(d?)([NAMZ])$/.exec(model);
  if (!match) {
    throw new InvalidArgumentError({
      argument: 'model',
      message: 'expected three letters error/trend/season (A, M, N or Z), e.g. "ZZZ", "MAM", "AAdN"',
      value: model,
    });
  }
  return { error: match[1], trend: match[2], season: match[4], damped: match[3] ? true : undefined };
}

/** Number of states: level, trend, m seasonal states. */
export function stateCount(spec: EtsSpec, m: number): number {
  return 1 + (spec.trend !== 'N' ? 1 : 0) + (spec.season !== 'N' ? m : 0);
}
