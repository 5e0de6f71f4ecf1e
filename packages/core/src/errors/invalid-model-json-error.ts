import { errorMarker, ShopPilotError } from './shoppilot-error';

const { marker, symbol } = errorMarker('InvalidModelJsonError');

/** A serialised model (`toJSON()` output or a model file) is not what `fromJSON` expects. */
export class InvalidModelJsonError extends ShopPilotError {
  readonly [symbol] = true;
  /** The estimator kind that tried to load it. */
  readonly kind: string;
  /** Path inside the JSON where the problem is, e.g. `state.weights`. */
  readonly path: string;

  constructor({
    kind,
    path = '',
    message,
    cause,
  }: { kind: string; path?: string; message: string; cause?: unknown }) {
    super({ message: `Cannot load ${kind}${path ? ` at \`${path}\`` : ''}: ${message}`, cause });
    this.name = 'InvalidModelJsonError';
    this.kind = kind;
    this.path = path;
  }

  static override isInstance(error: unknown): error is InvalidModelJsonError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
