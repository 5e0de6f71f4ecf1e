import { errorMarker, ShopPilotError } from './shoppilot-error';

const { marker, symbol } = errorMarker('DimensionMismatchError');

/** Two arrays, matrices or tensors that must agree in size do not. */
export class DimensionMismatchError extends ShopPilotError {
  readonly [symbol] = true;
  /** What was being compared, e.g. `features of row 12` or `input "x" of model.onnx`. */
  readonly what: string;
  readonly expected: number | readonly number[];
  readonly actual: number | readonly number[];

  constructor({
    what,
    expected,
    actual,
    cause,
  }: {
    what: string;
    expected: number | readonly number[];
    actual: number | readonly number[];
    cause?: unknown;
  }) {
    super({
      message: `Dimension mismatch in ${what}: expected ${format(expected)}, got ${format(actual)}.`,
      cause,
    });
    this.name = 'DimensionMismatchError';
    this.what = what;
    this.expected = expected;
    this.actual = actual;
  }

  static override isInstance(error: unknown): error is DimensionMismatchError {
    return ShopPilotError.hasMarker(error, marker);
  }
}

function format(value: number | readonly number[]): string {
  return typeof value === 'number' ? String(value) : `[${value.join(', ')}]`;
}
