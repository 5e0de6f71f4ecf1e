import { InvalidArgumentError } from '@shoppilot/core';

/** Returns p when it is strictly between 0 and 1, otherwise throws naming `argument`. */
export function requireProbability(p: number, argument = 'p'): number {
  if (!(p > 0 && p < 1)) {
    throw new InvalidArgumentError({ argument, message: 'must be strictly between 0 and 1', value: p });
  }
  return p;
}
