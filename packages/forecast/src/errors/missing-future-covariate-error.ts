import { ShopPilotError } from '@shoppilot/core';

const marker = 'shoppilot.error.MissingFutureCovariateError';
const symbol = Symbol.for(marker);

/**
 * A model needs a future-known covariate (planned price, promotion, holiday flag…) over the
 * forecast horizon and it was not supplied, or only for part of the horizon. Names the
 * covariate, the series and every missing date.
 */
export class MissingFutureCovariateError extends ShopPilotError {
  readonly [symbol] = true;
  readonly covariate: string;
  readonly series: string;
  /** Labels (ISO dates or period numbers) of the periods without a value. */
  readonly missingDates: readonly string[];

  constructor({
    covariate,
    series,
    missingDates,
    cause,
  }: { covariate: string; series: string; missingDates: readonly string[]; cause?: unknown }) {
    const shown = missingDates.slice(0, 10).join(', ');
    const more = missingDates.length > 10 ? ` and ${missingDates.length - 10} more` : '';
    super({
      message: `future covariate "${covariate}" is missing for series "${series}" at ${missingDates.length} forecast date(s): ${shown}${more}. Supply its planned values for the whole horizon.`,
      cause,
    });
    this.name = 'MissingFutureCovariateError';
    this.covariate = covariate;
    this.series = series;
    this.missingDates = missingDates;
  }

  static override isInstance(error: unknown): error is MissingFutureCovariateError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
