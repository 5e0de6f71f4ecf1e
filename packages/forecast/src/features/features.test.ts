import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay, periodOfDay, type TimeAxis } from '../panel/time-axis';
import { calendarFeatures, isoWeek } from './calendar-features';
import { festivalDays } from './festivals';
import { fourierTerms } from './fourier';
import { BUILTIN_HOLIDAY_COUNTRIES, builtinHolidays, parseHolidayCsv } from './holidays';
import { lagFeature, rollingFeature } from './lags';
import { promotionIntensity } from './promotion';

const week: TimeAxis = { frequency: 'week', kind: 'date', weekStart: 1 };
const day: TimeAxis = { frequency: 'day', kind: 'date', weekStart: 1 };

describe('holidays', () => {
  it('the built-in table equals the committed prophet CSV (datasets/calendar)', () => {
    const text = readFileSync(
      new URL('../../../../datasets/calendar/holidays_cn_us_gb_de.csv', import.meta.url),
      'utf8',
    );
    const fromCsv = parseHolidayCsv(text);
    const builtin = BUILTIN_HOLIDAY_COUNTRIES.flatMap((c) => builtinHolidays(c));
    const key = (h: { date: string; name: string; country: string }) => `${h.country}|${h.date}|${h.name}`;
    expect(builtin.map(key).sort()).toEqual(fromCsv.map(key).sort());
    expect(fromCsv.length).toBe(2338);
  });

  it('has the known dates: Chinese New Year 2024-02-10, US Thanksgiving 2024-11-28', () => {
    expect(
      builtinHolidays('CN').filter((h) => h.name === 'Chinese New Year' && h.date.startsWith('2024'))[0].date,
    ).toBe('2024-02-10');
    expect(
      builtinHolidays('US').find((h) => h.name === 'Thanksgiving' && h.date.startsWith('2024'))?.date,
    ).toBe('2024-11-28');
  });

  it('names the available countries for an unknown one', () => {
    expect(() => builtinHolidays('FR')).toThrow(/built in: CN, .*parseHolidayCsv/);
  });
});

describe('shopping festivals', () => {
  it('computes Black Friday and Cyber Monday by rule', () => {
    const dates = festivalDays(2023, 2024).map((f) => `${f.name} ${f.date}`);
    expect(dates).toEqual([
      '618 2023-06-18',
      'double-11 2023-11-11',
      'black-friday 2023-11-24',
      'cyber-monday 2023-11-27',
      'double-12 2023-12-12',
      '618 2024-06-18',
      'double-11 2024-11-11',
      'black-friday 2024-11-29',
      'cyber-monday 2024-12-02',
      'double-12 2024-12-12',
    ]);
  });
});

describe('calendarFeatures', () => {
  it('counts holidays and festivals per week and measures days to/from events', () => {
    // Week of Monday 2024-11-25 holds Thanksgiving (28th) and Black Friday (29th).
    const start = periodOfDay(parseIsoDay('2024-11-25'), week);
    const f = calendarFeatures(start, 3, week, { countries: ['US'], yearlyOrder: 2 });
    expect([...f.values.holidays_US]).toEqual([1, 0, 0]);
    // Black Friday 11-29; Cyber Monday 12-02 opens the next week; Double 12 falls in the third.
    expect([...f.values.festival]).toEqual([1, 1, 1]);
    expect([...f.values.daysToEvent]).toEqual([3, 0, 3]);
    expect(f.values.daysSinceEvent[0]).toBe(14); // Double 11 (11-11) is 14 days before 11-25
    expect([...f.values.month]).toEqual([11, 12, 12]);
    expect([...f.values.weekOfYear]).toEqual([48, 49, 50]);
    expect(f.names).toContain('sin2_year');
  });

  it('Fourier terms have the closed form', () => {
    const terms = fourierTerms([0, 1, 2, 3], 4, 1, 'q');
    expect([...terms.sin1_q].map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 1, 0, -1]);
    expect([...terms.cos1_q].map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 0, -1, -0]);
  });

  it('ISO weeks match known dates', () => {
    expect(isoWeek(parseIsoDay('2021-01-03'))).toBe(53);
    expect(isoWeek(parseIsoDay('2021-01-04'))).toBe(1);
    expect(isoWeek(parseIsoDay('2024-12-30'))).toBe(1);
  });

  it('daily data gets day of week and the CN holiday flag', () => {
    const start = periodOfDay(parseIsoDay('2024-10-01'), day);
    const f = calendarFeatures(start, 2, day, { countries: ['CN'] });
    expect([...f.values.holidays_CN]).toEqual([1, 0]);
    expect([...f.values.dayOfWeek]).toEqual([2, 3]);
  });
});

describe('lags and rolling windows never use the future', () => {
  it('closed form', () => {
    expect([...lagFeature([1, 2, 3, 4], 2)]).toEqual([Number.NaN, Number.NaN, 1, 2]);
    expect([...rollingFeature([1, 2, 3, 4, 5], { window: 2 })]).toEqual([Number.NaN, 1, 1.5, 2.5, 3.5]);
    expect([...rollingFeature([1, 2, 3, 4, 5], { window: 3, statistic: 'max', lag: 2 })]).toEqual([
      Number.NaN,
      Number.NaN,
      1,
      2,
      3,
    ]);
    expect(() => lagFeature([1], 0)).toThrow(/leak/);
  });

  it('changing any value at time k leaves every feature at t <= k unchanged (property)', () => {
    const statistics = ['mean', 'sum', 'min', 'max', 'std'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...statistics),
        fc.nat(),
        (values, lag, window, statistic, seed) => {
          const k = seed % values.length;
          const changed = [...values];
          changed[k] = 1e9;
          const a = rollingFeature(values, { window, statistic, lag });
          const b = rollingFeature(changed, { window, statistic, lag });
          const la = lagFeature(values, lag);
          const lb = lagFeature(changed, lag);
          for (let t = 0; t <= k; t++) {
            expect(Object.is(a[t], b[t])).toBe(true);
            expect(Object.is(la[t], lb[t])).toBe(true);
          }
        },
      ),
    );
  });
});

describe('promotionIntensity', () => {
  it('depth against the rolling regular price, plus weighted flags', () => {
    const result = promotionIntensity([2, 2, 1.5, 2, 1], {
      referenceWindow: 3,
      flags: { deal: [0, 0, 1, 0, 1] },
      weights: { deal: 0.5 },
    });
    expect([...result.regularPrice]).toEqual([2, 2, 2, 2, 2]);
    expect([...result.depth]).toEqual([0, 0, 0.25, 0, 0.5]);
    expect([...result.intensity]).toEqual([0, 0, 0.75, 0, 1]);
  });
});
