import { InvalidArgumentError } from '@shoppilot/core';
import { formatDay, weekday } from '../panel/time-axis';

/** E-commerce shopping festivals computed by rule. */
export type FestivalName = '618' | 'double-11' | 'double-12' | 'black-friday' | 'cyber-monday';

export const FESTIVALS: readonly FestivalName[] = [
  '618',
  'double-11',
  'double-12',
  'black-friday',
  'cyber-monday',
];

export interface FestivalDay {
  name: FestivalName;
  /** Days since 1970-01-01. */
  day: number;
  date: string;
}

const DAY_MS = 86_400_000;

/** Day number of a festival in a year: 618 = 18 June (JD.com), Double 11/12 = 11 Nov / 12 Dec
 * (Alibaba), Black Friday = the day after the fourth Thursday of November (US Thanksgiving),
 * Cyber Monday = the Monday after it. */
export function festivalDay(name: FestivalName, year: number): number {
  switch (name) {
    case '618':
      return Date.UTC(year, 5, 18) / DAY_MS;
    case 'double-11':
      return Date.UTC(year, 10, 11) / DAY_MS;
    case 'double-12':
      return Date.UTC(year, 11, 12) / DAY_MS;
    case 'black-friday':
      return thanksgiving(year) + 1;
    case 'cyber-monday':
      return thanksgiving(year) + 4;
    default:
      throw new InvalidArgumentError({
        argument: 'name',
        message: `unknown festival; known: ${FESTIVALS.join(', ')}`,
        value: name,
      });
  }
}

/** Every festival day of the given names in the years `from..to` (inclusive), sorted by date. */
export function festivalDays(
  from: number,
  to: number,
  names: readonly FestivalName[] = FESTIVALS,
): FestivalDay[] {
  const out: FestivalDay[] = [];
  for (let year = from; year <= to; year++) {
    for (const name of names) {
      const day = festivalDay(name, year);
      out.push({ name, day, date: formatDay(day) });
    }
  }
  return out.sort((a, b) => a.day - b.day);
}

/** US Thanksgiving: the fourth Thursday of November. */
function thanksgiving(year: number): number {
  const first = Date.UTC(year, 10, 1) / DAY_MS;
  const offset = (4 - weekday(first) + 7) % 7;
  return first + offset + 21;
}
