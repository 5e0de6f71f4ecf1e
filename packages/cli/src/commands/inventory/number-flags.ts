import { UsageError } from '../../output/index';

/** A finite number flag (optionally > 0 or in (0, 1)), or a usage error naming it. */
export function numberFlag(
  value: string | undefined,
  flag: string,
  constraint: 'any' | 'non-negative' | 'positive' | 'probability' = 'any',
): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  const ok =
    Number.isFinite(number) &&
    (constraint === 'any' ||
      (constraint === 'non-negative' && number >= 0) ||
      (constraint === 'positive' && number > 0) ||
      (constraint === 'probability' && number > 0 && number < 1));
  if (!ok) {
    const expected = {
      any: 'a number',
      'non-negative': 'a number >= 0',
      positive: 'a number > 0',
      probability: 'a number strictly between 0 and 1',
    }[constraint];
    throw new UsageError(`--${flag} must be ${expected}, got "${value}"`);
  }
  return number;
}
