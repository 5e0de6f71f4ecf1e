import { describeReceived, InputValidationError } from '@shoppilot/core';

const MS_PER_DAY = 86_400_000;

/**
 * Day number (days since 1970-01-01, calendar date as written, no time zone shift) of a date given
 * as a `Date` (its UTC date), `YYYYMMDD`, or an ISO-like `YYYY-MM-DD[ T]hh:mm...` string. Throws
 * `InputValidationError` naming the location otherwise.
 */
export function toDayNumber(
  value: Date | string,
  location: { file?: string; row?: number; field?: string } = {},
): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isFinite(ms)) return Math.floor(ms / MS_PER_DAY);
  } else if (typeof value === 'string') {
    const text = value.trim();
    const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T ])/.exec(text);
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const ms = Date.UTC(year, month - 1, day);
      const check = new Date(ms);
      if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day) return ms / MS_PER_DAY;
    }
  }
  throw new InputValidationError({
    issues: [
      {
        ...location,
        message: 'not a date',
        expected: 'YYYY-MM-DD, YYYYMMDD or an ISO 8601 timestamp',
        received: describeReceived(value),
      },
    ],
  });
}

/** ISO date (YYYY-MM-DD) of a day number. */
export function dayNumberToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
