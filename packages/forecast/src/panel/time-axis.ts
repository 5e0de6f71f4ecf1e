import { InvalidArgumentError } from '@shoppilot/core';

/** Period length of a panel. */
export type Frequency = 'day' | 'week' | 'month';

export const FREQUENCIES: readonly Frequency[] = ['day', 'week', 'month'];

/**
 * How time values are read: `date` (ISO dates, period labels are the period start date) or
 * `index` (integers already numbering the periods, e.g. Dominick's week 40..160).
 */
export type TimeKind = 'date' | 'index';

/** The time axis of a panel: periods are integers; labels are made from them on demand. */
export interface TimeAxis {
  frequency: Frequency;
  kind: TimeKind;
  /** First day of a weekly period, 0 = Sunday … 6 = Saturday. Default 1 (Monday). */
  weekStart: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, time part ignored), or NaN. */
export function parseIsoDay(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim());
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return Number.NaN;
  return ms / DAY_MS;
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day of week (0 = Sunday) of a day number. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Period index of a day number on the axis (the period that contains the day). */
export function periodOfDay(day: number, axis: TimeAxis): number {
  switch (axis.frequency) {
    case 'day':
      return day;
    case 'week':
      // 1970-01-01 is Thursday (4); period 0 starts on the first weekStart day on or before it.
      return Math.floor((day - firstWeekStart(axis.weekStart)) / 7);
    case 'month': {
      const date = new Date(day * DAY_MS);
      return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
    }
  }
}

/** Day number of the first day of a period. */
export function dayOfPeriod(period: number, axis: TimeAxis): number {
  switch (axis.frequency) {
    case 'day':
      return period;
    case 'week':
      return firstWeekStart(axis.weekStart) + 7 * period;
    case 'month': {
      const year = 1970 + Math.floor(period / 12);
      const month = ((period % 12) + 12) % 12;
      return Date.UTC(year, month, 1) / DAY_MS;
    }
  }
}

/** Days in a period (7 for a week, 28-31 for a month). */
export function daysInPeriod(period: number, axis: TimeAxis): number {
  return dayOfPeriod(period + 1, axis) - dayOfPeriod(period, axis);
}

/** Readable label of a period: the ISO date of its first day, or the period number. */
export function periodLabel(period: number, axis: TimeAxis): string {
  return axis.kind === 'index' ? String(period) : formatDay(dayOfPeriod(period, axis));
}

/**
 * Reads one time value into a period index: an ISO date (floored to its period) for `date`
 * axes, an integer for `index` axes. Returns NaN when it cannot be read.
 */
export function parsePeriod(value: unknown, axis: TimeAxis): number {
  if (axis.kind === 'index') {
    const number = typeof value === 'number' ? value : Number(String(value).trim());
    return Number.isInteger(number) ? number : Number.NaN;
  }
  if (value instanceof Date) return periodOfDay(Math.floor(value.getTime() / DAY_MS), axis);
  const day = parseIsoDay(String(value));
  return Number.isNaN(day) ? Number.NaN : periodOfDay(day, axis);
}

/** Guesses the time kind from sample values: all integers → `index`, otherwise `date`. */
export function inferTimeKind(values: readonly unknown[]): TimeKind {
  const sample = values.slice(0, 50);
  const allIntegers = sample.every((value) => /^-?\d+$/.test(String(value).trim()));
  return sample.length > 0 && allIntegers ? 'index' : 'date';
}

export function checkFrequency(value: unknown, argument = 'frequency'): Frequency {
  if (typeof value === 'string' && (FREQUENCIES as readonly string[]).includes(value))
    return value as Frequency;
  throw new InvalidArgumentError({ argument, message: `must be one of ${FREQUENCIES.join(', ')}`, value });
}

function firstWeekStart(weekStart: number): number {
  // Day number of the first `weekStart` weekday on or before 1970-01-01 (a Thursday).
  return -((4 - weekStart + 7) % 7);
}
