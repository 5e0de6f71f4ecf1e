import { ShopPilotError } from '@shoppilot/core';

const marker = 'shoppilot.error.InsufficientHistoryError';
const symbol = Symbol.for(marker);

/** A series has too few observed points for what was asked (a model, a horizon, a backtest). */
export class InsufficientHistoryError extends ShopPilotError {
  readonly [symbol] = true;
  readonly series: string;
  /** Observed points needed. */
  readonly required: number;
  /** Observed points available. */
  readonly available: number;

  constructor({
    series,
    required,
    available,
    reason,
    cause,
  }: { series: string; required: number; available: number; reason: string; cause?: unknown }) {
    super({
      message: `series "${series}" has ${available} observed point(s), ${reason} needs at least ${required}.`,
      cause,
    });
    this.name = 'InsufficientHistoryError';
    this.series = series;
    this.required = required;
    this.available = available;
  }

  static override isInstance(error: unknown): error is InsufficientHistoryError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
