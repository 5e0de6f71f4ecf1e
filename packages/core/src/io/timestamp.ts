/**
 * How timestamps are written in a file.
 * - `auto` (default): detected from the first non-empty timestamp of the file, and every later
 *   value must have the same form (so seconds and milliseconds are never mixed up silently).
 * - `iso`: ISO 8601 / RFC 3339 date or date-time (`2024-05-01`, `2024-05-01T12:30:00Z`,
 *   `2024-05-01 12:30:00+08:00`); without an offset the time is read as UTC.
 * - `date`: date only, `YYYY-MM-DD` (midnight UTC).
 * - `unix-s` / `unix-ms`: seconds / milliseconds since the epoch (fractions allowed).
 * - `yyyymmdd`: compact dates such as `19970101` (never auto-detected: they look like unix seconds).
 * - a function from the raw value to milliseconds since the epoch (return NaN when it cannot parse).
 */
export type TimestampFormat = 'auto' | ResolvedTimestampFormat;
export type ResolvedTimestampFormat =
  | 'iso'
  | 'date'
  | 'unix-s'
  | 'unix-ms'
  | 'yyyymmdd'
  | ((value: string | number) => number);

export type TimestampResult = { ok: true; value: number } | { ok: false; message: string; expected: string };

/** Below this a unix number is read as seconds (1e11 s is year 5138; 1e11 ms is March 1973). */
const SECONDS_LIMIT = 1e11;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const EXPECTED: Record<string, string> = {
  iso: 'an ISO 8601 date or date-time like 2024-05-01T12:30:00Z',
  date: 'a date like 2024-05-01',
  'unix-s': 'unix time in seconds',
  'unix-ms': 'unix time in milliseconds',
  yyyymmdd: 'a compact date like 20240501',
  auto: 'an ISO 8601 date-time or unix time in seconds or milliseconds',
  custom: 'a timestamp the custom timestampFormat function can parse',
};

/** Human description of a timestamp format, for error messages. */
export function describeTimestampFormat(format: TimestampFormat): string {
  return EXPECTED[typeof format === 'function' ? 'custom' : format];
}

/** Milliseconds since the epoch of an ISO 8601 string, or NaN. Validates the calendar date. */
export function parseIsoTimestamp(text: string): number {
  const match = ISO.exec(text);
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const millis = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return utcMillis(year, month, day, hour, minute, second) + millis - offsetMinutes(offset) * 60_000;
}

function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  // Date.UTC reads years 0-99 as 1900-1999, so those go through setUTCFullYear.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === 'Z' || offset === 'z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toNumber(value: string | number): number {
  if (typeof value === 'number') return value;
  return NUMERIC.test(value) ? Number(value) : Number.NaN;
}

/** Parses one value in a known format; NaN when it does not have that form. */
export function parseTimestampAs(value: string | number, format: ResolvedTimestampFormat): number {
  if (typeof format === 'function') return format(value);
  switch (format) {
    case 'unix-s':
      return Math.round(toNumber(value) * 1000);
    case 'unix-ms':
      return Math.round(toNumber(value));
    case 'iso':
      return typeof value === 'string' ? parseIsoTimestamp(value) : Number.NaN;
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? parseIsoTimestamp(value) : Number.NaN;
    case 'yyyymmdd': {
      const match = COMPACT.exec(String(value));
      return match ? parseIsoTimestamp(`${match[1]}-${match[2]}-${match[3]}`) : Number.NaN;
    }
  }
}

/** The format family of one value: `iso`, `unix-s`, `unix-ms`, or undefined when neither. */
export function detectTimestampFormat(value: string | number): 'iso' | 'unix-s' | 'unix-ms' | undefined {
  const number = toNumber(value);
  if (Number.isFinite(number)) return Math.abs(number) < SECONDS_LIMIT ? 'unix-s' : 'unix-ms';
  if (typeof value === 'string' && ISO.test(value)) return 'iso';
  return undefined;
}

/**
 * Parses the timestamps of one file. In `auto` mode the first non-empty value fixes the format
 * (`detected`, with the row it came from); later values of another form are rejected, including
 * unix numbers whose magnitude says the other unit.
 */
export class TimestampParser {
  readonly format: TimestampFormat;
  detected: { format: 'iso' | 'unix-s' | 'unix-ms'; row?: number } | undefined;

  constructor(format: TimestampFormat = 'auto') {
    this.format = format;
  }

  /** The format in use: the explicit one, the detected one, or `auto` before the first value. */
  get resolved(): TimestampFormat {
    return this.format === 'auto' ? (this.detected?.format ?? 'auto') : this.format;
  }

  parse(value: string | number, row?: number): TimestampResult {
    if (this.format !== 'auto') return this.finish(parseTimestampAs(value, this.format), this.format);
    const family = detectTimestampFormat(value);
    if (!this.detected) {
      if (!family) return { ok: false, message: 'not a timestamp', expected: EXPECTED.auto };
      this.detected = { format: family, row };
    }
    const format = this.detected.format;
    if (family !== format) {
      const where = this.detected.row !== undefined ? ` (detected from row ${this.detected.row})` : '';
      return {
        ok: false,
        message: `${family ? `looks like ${EXPECTED[family]}` : 'not a timestamp'}, but this file's timestamps are ${EXPECTED[format]}${where}`,
        expected: EXPECTED[format],
      };
    }
    return this.finish(parseTimestampAs(value, format), format);
  }

  private finish(value: number, format: ResolvedTimestampFormat): TimestampResult {
    if (Number.isFinite(value)) return { ok: true, value };
    return { ok: false, message: 'not a valid timestamp', expected: describeTimestampFormat(format) };
  }
}
