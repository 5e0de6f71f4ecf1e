import { InvalidArgumentError } from '@shoppilot/core';
import { parse } from 'csv-parse/sync';
import { formatDay, parseIsoDay } from '../panel/time-axis';
import { HOLIDAY_ENTRIES, HOLIDAY_NAMES } from './holiday-data';

/** One public holiday on one date. */
export interface Holiday {
  /** Days since 1970-01-01. */
  day: number;
  /** ISO date. */
  date: string;
  name: string;
  /** ISO 3166 alpha-2 country code. */
  country: string;
}

/** Countries whose holidays ship with the package (1995-2044, from prophet's table, MIT). */
export const BUILTIN_HOLIDAY_COUNTRIES: readonly string[] = Object.keys(HOLIDAY_ENTRIES);

const EPOCH_1995 = Date.UTC(1995, 0, 1) / 86_400_000;

/**
 * The built-in public holidays of a country (CN, US, GB, DE). For the other countries of
 * prophet's table read the CSV with `parseHolidayCsv`.
 */
export function builtinHolidays(country: string): Holiday[] {
  const encoded = HOLIDAY_ENTRIES[country];
  const names = HOLIDAY_NAMES[country];
  if (encoded === undefined || names === undefined) {
    throw new InvalidArgumentError({
      argument: 'country',
      message: `no built-in holidays for "${country}" (built in: ${BUILTIN_HOLIDAY_COUNTRIES.join(', ')}); load other countries with parseHolidayCsv()`,
      value: country,
    });
  }
  return encoded.split(' ').map((entry) => {
    const day = EPOCH_1995 + Number.parseInt(entry.slice(0, 3), 36);
    return { day, date: formatDay(day), name: names[Number.parseInt(entry.slice(3), 36)], country };
  });
}

/**
 * Reads a holiday table in prophet's layout (`ds,holiday,country[,year]`, header line, quoted
 * fields allowed), keeping only `countries` when given.
 */
export function parseHolidayCsv(text: string, options: { countries?: readonly string[] } = {}): Holiday[] {
  const lines: string[][] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  const header = (lines[0] ?? []).map((column) => column.trim());
  const [ds, name, country] = ['ds', 'holiday', 'country'].map((column) => header.indexOf(column));
  if (ds < 0 || name < 0 || country < 0) {
    throw new InvalidArgumentError({
      argument: 'text',
      message: 'expected a header with ds, holiday and country columns',
      value: header.join(','),
    });
  }
  const keep = options.countries ? new Set(options.countries) : undefined;
  const out: Holiday[] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i];
    if (keep && !keep.has(fields[country])) continue;
    const day = parseIsoDay(fields[ds] ?? '');
    if (Number.isNaN(day)) {
      throw new InvalidArgumentError({
        argument: 'text',
        message: `line ${i + 1}: cannot read date`,
        value: fields[ds],
      });
    }
    out.push({ day, date: formatDay(day), name: fields[name], country: fields[country] });
  }
  return out;
}
