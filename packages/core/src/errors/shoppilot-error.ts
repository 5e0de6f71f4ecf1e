const marker = 'shoppilot.error';
const symbol = Symbol.for(marker);

export interface ShopPilotErrorOptions {
  /** Human-readable description of what went wrong and where. */
  message: string;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * Base class of every error ShopPilot throws.
 *
 * Use the static `isInstance` checks rather than `instanceof`: they work across duplicated
 * package copies and across the ESM/CJS boundary (the pattern vercel/ai uses).
 */
export class ShopPilotError extends Error {
  readonly [symbol] = true;
  override readonly cause?: unknown;

  constructor({ message, cause }: ShopPilotErrorOptions) {
    super(message);
    this.name = 'ShopPilotError';
    this.cause = cause;
  }

  static isInstance(error: unknown): error is ShopPilotError {
    return ShopPilotError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, errorMarker: string): boolean {
    const markerSymbol = Symbol.for(errorMarker);
    return (
      error != null &&
      typeof error === 'object' &&
      markerSymbol in error &&
      typeof (error as Record<symbol, unknown>)[markerSymbol] === 'boolean' &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}

/** Creates the marker symbol and name for a ShopPilotError subclass. */
export function errorMarker(name: string): { marker: string; symbol: symbol } {
  const subMarker = `shoppilot.error.${name}`;
  return { marker: subMarker, symbol: Symbol.for(subMarker) };
}
