import { errorMarker, ShopPilotError } from './shoppilot-error';

const { marker, symbol } = errorMarker('InvalidArgumentError');

/** An option or argument has a value the function cannot work with. */
export class InvalidArgumentError extends ShopPilotError {
  readonly [symbol] = true;
  /** Name of the argument or option, e.g. `serviceLevel` or `options.horizon`. */
  readonly argument: string;
  /** The offending value (never a secret). */
  readonly value: unknown;

  constructor({
    argument,
    message,
    value,
    cause,
  }: { argument: string; message: string; value?: unknown; cause?: unknown }) {
    super({ message: `Invalid argument \`${argument}\`: ${message}`, cause });
    this.name = 'InvalidArgumentError';
    this.argument = argument;
    this.value = value;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
