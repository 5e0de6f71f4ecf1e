import { describe, expect, it } from 'vitest';
import { detectTimestampFormat, parseIsoTimestamp, parseTimestampAs, TimestampParser } from './timestamp';

describe('parseIsoTimestamp', () => {
  it('agrees with Date.parse on valid ISO 8601 forms (naive times are UTC)', () => {
    const cases: Array<[string, string]> = [
      ['2010-12-01 08:26:00', '2010-12-01T08:26:00Z'],
      ['2024-05-01T12:30:00Z', '2024-05-01T12:30:00Z'],
      ['2024-05-01T12:30:00.123+08:00', '2024-05-01T12:30:00.123+08:00'],
      ['2024-05-01T12:30-0530', '2024-05-01T12:30:00-05:30'],
      ['2024-02-29', '2024-02-29T00:00:00Z'],
      ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z'],
    ];
    for (const [text, reference] of cases) expect(parseIsoTimestamp(text)).toBe(Date.parse(reference));
  });

  it('handles years below 100 (where Date.UTC would shift them to the 1900s)', () => {
    // python3 -c "from datetime import datetime; print(int((datetime(50,1,1)-datetime(1970,1,1)).total_seconds()*1000))"
    expect(parseIsoTimestamp('0050-01-01')).toBe(-60589296000000);
  });

  it('rejects impossible dates and non-ISO text', () => {
    for (const text of [
      '2023-02-29',
      '2024-13-01',
      '2024-04-31',
      '2024-05-01T24:00:00',
      '05/01/2024',
      'NaN',
      '',
    ]) {
      expect(parseIsoTimestamp(text)).toBeNaN();
    }
  });
});

describe('parseTimestampAs', () => {
  it('reads unix seconds and milliseconds, with fractions', () => {
    expect(parseTimestampAs('1511544070', 'unix-s')).toBe(1511544070000);
    expect(parseTimestampAs(1511544070.25, 'unix-s')).toBe(1511544070250);
    expect(parseTimestampAs('1659304800025', 'unix-ms')).toBe(1659304800025);
    expect(parseTimestampAs('1e400', 'unix-s')).toBe(Number.POSITIVE_INFINITY);
    expect(parseTimestampAs('Infinity', 'unix-ms')).toBeNaN();
  });

  it('reads compact and date-only forms only when asked', () => {
    expect(parseTimestampAs('19970101', 'yyyymmdd')).toBe(Date.UTC(1997, 0, 1));
    expect(parseTimestampAs('2024-05-01', 'date')).toBe(Date.UTC(2024, 4, 1));
    expect(parseTimestampAs('2024-05-01T10:00:00Z', 'date')).toBeNaN();
  });
});

describe('TimestampParser (auto)', () => {
  it('detects the unit from magnitude: < 1e11 is seconds', () => {
    expect(detectTimestampFormat(1511544070)).toBe('unix-s');
    expect(detectTimestampFormat('1659304800025')).toBe('unix-ms');
    expect(detectTimestampFormat('2024-05-01')).toBe('iso');
    expect(detectTimestampFormat('yesterday')).toBeUndefined();
  });

  it('locks the format of the first value and rejects a mix of units', () => {
    const parser = new TimestampParser();
    expect(parser.parse('1511544070', 1)).toEqual({ ok: true, value: 1511544070000 });
    expect(parser.resolved).toBe('unix-s');
    const mixed = parser.parse('1511544070000', 2);
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.message).toMatch(/milliseconds.*seconds \(detected from row 1\)/);
    expect(parser.parse('2017-11-25', 3).ok).toBe(false);
  });

  it('an explicit format trusts the caller', () => {
    const parser = new TimestampParser('unix-ms');
    expect(parser.parse('1000', 1)).toEqual({ ok: true, value: 1000 });
    expect(new TimestampParser((value) => Number(value) * 86_400_000).parse('2', 1)).toEqual({
      ok: true,
      value: 172_800_000,
    });
  });
});
