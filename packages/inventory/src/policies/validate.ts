import { InvalidArgumentError } from '@shoppilot/core';

/** Throws InvalidArgumentError unless value is a finite number >= 0 (or > 0 when `positive`). */
export function requireNonNegative(value: number, argument: string, positive = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new InvalidArgumentError({
      argument,
      message: positive ? 'must be a finite number > 0' : 'must be a finite number >= 0',
      value,
    });
  }
  return value;
}
