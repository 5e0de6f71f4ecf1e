import { InvalidArgumentError } from '@shoppilot/core';
import { dayOfPeriod, daysInPeriod, type TimeAxis, weekday } from '../panel/time-axis';
import { FESTIVALS, type FestivalName, festivalDays } from './festivals';
import { fourierTerms } from './fourier';
import { builtinHolidays, type Holiday } from './holidays';

export interface CalendarFeatureOptions {
  /** Countries whose built-in holidays are counted (CN, US, GB, DE). Default none. */
  countries?: readonly string[];
  /** More holidays (e.g. from `parseHolidayCsv`), counted per their country. Default none. */
  holidays?: readonly Holiday[];
  /** Shopping festivals counted in the `festival` column. Default all five. */
  festivals?: readonly FestivalName[];
  /** Yearly Fourier order (pairs of sin/cos terms). Default 3; 0 leaves them out. */
  yearlyOrder?: number;
  /** Weekly Fourier order for daily data. Default 2 for `day`, else unused. */
  weeklyOrder?: number;
  /** Cap (days) of `daysToEvent` / `daysSinceEvent`. Default 30. */
  maxEventDistance?: number;
}

export interface CalendarFeatures {
  /** Column names in a stable order. */
  names: string[];
  /** One array per column, one entry per period. */
  values: Record<string, Float64Array>;
}

/**
 * Calendar features of `count` periods from `start` on a date axis: month, ISO week of year,
 * day of week (daily data), holidays per country and shopping festivals in the period, days to the
 * next / since the last event (holiday or festival), and Fourier terms of the year (and week).
 * Every feature depends on the date only, so it is known for the future.
 */
export function calendarFeatures(
  start: number,
  count: number,
  axis: TimeAxis,
  options: CalendarFeatureOptions = {},
): CalendarFeatures {
  if (axis.kind !== 'date') {
    throw new InvalidArgumentError({
      argument: 'axis',
      message: 'calendar features need a date axis, not period numbers',
      value: axis.kind,
    });
  }
  const maxDistance = options.maxEventDistance ?? 30;
  const days = Float64Array.from({ length: count }, (_, i) => dayOfPeriod(start + i, axis));
  const lengths = Float64Array.from({ length: count }, (_, i) => daysInPeriod(start + i, axis));
  const values: Record<string, Float64Array> = {};
  values.month = days.map((day) => new Date(day * 86_400_000).getUTCMonth() + 1);
  values.weekOfYear = days.map(isoWeek);
  if (axis.frequency === 'day') values.dayOfWeek = days.map(weekday);
  const byCountry = groupHolidays(options);
  for (const [country, holidayDays] of byCountry)
    values[`holidays_${country}`] = countIn(holidayDays, days, lengths);
  const years = yearRange(days);
  const festivals = festivalDays(years[0] - 1, years[1] + 1, options.festivals ?? FESTIVALS).map(
    (f) => f.day,
  );
  values.festival = countIn(festivals, days, lengths);
  const events = [...new Set([...festivals, ...[...byCountry.values()].flat()])].sort((a, b) => a - b);
  values.daysToEvent = days.map((day) => Math.min(maxDistance, distanceTo(events, day)));
  values.daysSinceEvent = days.map((day) => Math.min(maxDistance, distanceSince(events, day)));
  const yearly = options.yearlyOrder ?? 3;
  if (yearly > 0) Object.assign(values, fourierTerms(days, 365.25, yearly, 'year'));
  const weekly = options.weeklyOrder ?? 2;
  if (axis.frequency === 'day' && weekly > 0) Object.assign(values, fourierTerms(days, 7, weekly, 'week'));
  return { names: Object.keys(values), values };
}

/** ISO 8601 week number (1..53) of a day number. */
export function isoWeek(day: number): number {
  const thursday = day + 3 - ((weekday(day) + 6) % 7);
  const yearStart = Date.UTC(new Date(thursday * 86_400_000).getUTCFullYear(), 0, 1) / 86_400_000;
  return Math.floor((thursday - yearStart) / 7) + 1;
}

function groupHolidays(options: CalendarFeatureOptions): Map<string, number[]> {
  const byCountry = new Map<string, Set<number>>();
  const add = (holiday: Holiday) => {
    const set = byCountry.get(holiday.country) ?? new Set<number>();
    set.add(holiday.day);
    byCountry.set(holiday.country, set);
  };
  for (const country of options.countries ?? []) builtinHolidays(country).forEach(add);
  for (const holiday of options.holidays ?? []) add(holiday);
  return new Map([...byCountry].map(([country, set]) => [country, [...set].sort((a, b) => a - b)]));
}

function countIn(sortedDays: readonly number[], starts: Float64Array, lengths: Float64Array): Float64Array {
  return starts.map((day, i) => lowerBound(sortedDays, day + lengths[i]) - lowerBound(sortedDays, day));
}

function distanceTo(sortedDays: readonly number[], day: number): number {
  const index = lowerBound(sortedDays, day);
  return index < sortedDays.length ? sortedDays[index] - day : Number.POSITIVE_INFINITY;
}

function distanceSince(sortedDays: readonly number[], day: number): number {
  const index = lowerBound(sortedDays, day) - 1;
  return index >= 0 ? day - sortedDays[index] : Number.POSITIVE_INFINITY;
}

/** First index whose value is >= target. */
function lowerBound(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function yearRange(days: Float64Array): [number, number] {
  const year = (day: number) => new Date(day * 86_400_000).getUTCFullYear();
  return days.length ? [year(days[0]), year(days[days.length - 1])] : [1970, 1970];
}
