import { errorMarker, ShopPilotError } from './shoppilot-error';

const { marker, symbol } = errorMarker('NotFittedError');

/** `predict` (or another method needing learned state) was called before `fit`. */
export class NotFittedError extends ShopPilotError {
  readonly [symbol] = true;
  readonly estimator: string;

  constructor({ estimator, method = 'predict' }: { estimator: string; method?: string }) {
    super({ message: `${estimator} is not fitted: call fit() before ${method}().` });
    this.name = 'NotFittedError';
    this.estimator = estimator;
  }

  static override isInstance(error: unknown): error is NotFittedError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
