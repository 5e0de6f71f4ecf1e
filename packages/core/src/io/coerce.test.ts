import { describe, expect, it } from 'vitest';
import { coerceValue, parseNumberText } from './coerce';

describe('parseNumberText', () => {
  it('accepts plain decimal and scientific notation only', () => {
    expect(parseNumberText(' 12.5 ')).toBe(12.5);
    expect(parseNumberText('-3')).toBe(-3);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('1e3')).toBe(1000);
    for (const text of ['NaN', 'Infinity', '-Infinity', '1,000', '0x1f', '', '12abc', '1e']) {
      expect(parseNumberText(text)).toBeNaN();
    }
    expect(parseNumberText('2,55', ',')).toBe(2.55);
    expect(parseNumberText('2.55', ',')).toBeNaN();
  });
});

describe('coerceValue', () => {
  it('numbers: finite only, with the reason', () => {
    expect(coerceValue('7', 'number')).toEqual({ ok: true, value: 7 });
    expect(coerceValue('1e400', 'number')).toMatchObject({ ok: false, message: 'number too large' });
    expect(coerceValue('NaN', 'number')).toMatchObject({ ok: false, message: 'not a number' });
    expect(coerceValue(Number.POSITIVE_INFINITY, 'number')).toMatchObject({ ok: false });
  });

  it('booleans in the usual spellings', () => {
    for (const text of ['true', 'TRUE', '1', 'yes', 'Y', 't'])
      expect(coerceValue(text, 'boolean')).toEqual({ ok: true, value: true });
    for (const text of ['false', '0', 'no', 'N', 'f'])
      expect(coerceValue(text, 'boolean')).toEqual({ ok: true, value: false });
    expect(coerceValue('maybe', 'boolean').ok).toBe(false);
  });

  it('ids from JSON numbers become strings', () => {
    expect(coerceValue(17850, 'string')).toEqual({ ok: true, value: '17850' });
  });

  it('lists from JSON arrays or separated text', () => {
    expect(coerceValue('Food > Drinks > Juice', 'string-list')).toEqual({
      ok: true,
      value: ['Food', 'Drinks', 'Juice'],
    });
    expect(coerceValue('["a","b"]', 'string-list')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(coerceValue('0.1 0.2|0.3', 'number-list')).toEqual({ ok: true, value: [0.1, 0.2, 0.3] });
    expect(coerceValue('[1, 2]', 'number-list')).toEqual({ ok: true, value: [1, 2] });
    expect(coerceValue('1;x', 'number-list')).toMatchObject({
      ok: false,
      message: 'list item 2 is not a number',
    });
    expect(coerceValue('a/b', 'string-list', { listSeparator: '/' })).toEqual({
      ok: true,
      value: ['a', 'b'],
    });
  });

  it('objects from JSON text', () => {
    expect(coerceValue('{"color":"red"}', 'json')).toEqual({ ok: true, value: { color: 'red' } });
    expect(coerceValue('[1]', 'json').ok).toBe(false);
  });
});
