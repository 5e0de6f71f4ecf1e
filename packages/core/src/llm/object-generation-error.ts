import { errorMarker, ShopPilotError } from '../errors/shoppilot-error';

const { marker, symbol } = errorMarker('ObjectGenerationError');

/**
 * `generateObject` got no answer that parses as JSON and matches the schema, after all retries.
 * Holds the last raw answer so callers can log or repair it.
 */
export class ObjectGenerationError extends ShopPilotError {
  readonly [symbol] = true;
  /** The last raw text the model returned. */
  readonly text: string;
  /** How many generations were tried. */
  readonly attempts: number;
  /** Why the last answer was rejected (JSON syntax error or schema issues). */
  readonly validationMessage: string;

  constructor({
    text,
    attempts,
    validationMessage,
    cause,
  }: { text: string; attempts: number; validationMessage: string; cause?: unknown }) {
    super({
      message: `The model's answer did not match the schema after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${validationMessage}`,
      cause,
    });
    this.name = 'ObjectGenerationError';
    this.text = text;
    this.attempts = attempts;
    this.validationMessage = validationMessage;
  }

  static override isInstance(error: unknown): error is ObjectGenerationError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
