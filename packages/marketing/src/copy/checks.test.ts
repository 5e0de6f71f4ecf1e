import { describe, expect, it } from 'vitest';
import { checkCompliance, checkFormat, checkLength } from './compliance';
import { checkFacts, parseAmount } from './fact-check';
import { fillSlots, formatDiscount } from './slots';

const facts = {
  name: 'Mug',
  price: 199,
  originalPrice: 249,
  discountPercent: 20,
  promotionEnds: '2025-06-18',
  currency: 'CNY',
};

describe('fact check', () => {
  it.each([
    ['到手价¥199，原价¥249，省¥50', 'zh', true],
    ['到手价¥189', 'zh', false],
    ['8折', 'zh', true],
    ['7折', 'zh', false],
    ['20% off, ends 6/18', 'en', true],
    ['25% off', 'en', false],
    ['ends 6/19', 'en', false],
    ['ends Jun 18', 'en', true],
    ['6월 18일까지', 'ko', true],
    ['2025年6月18日まで', 'ja', true],
    ['2024年6月18日まで', 'ja', false],
    ['bis 18.06. nur 199 CN¥', 'de', true],
    ['à 1 299,50 €', 'fr', false],
    ['Set 特価元 199', 'ja', true],
  ])('%s (%s) passes: %s', (text, language, passed) => {
    expect(checkFacts(text, facts, language).passed).toBe(passed);
  });

  it('parses amounts by the language conventions', () => {
    expect(parseAmount('1.299,50', 'de')).toBe(1299.5);
    expect(parseAmount('1,299.50', 'en')).toBe(1299.5);
    expect(parseAmount('19,90', 'fr')).toBe(19.9);
    expect(parseAmount('1\u202f299', 'fr')).toBe(1299);
  });
});

describe('compliance, length, format', () => {
  it('flags the Advertising Law absolute terms and merchant banned words', () => {
    expect(checkCompliance('全网最低价，顶级品质').violations).toHaveLength(3); // 最, 最低价, 顶级
    expect(checkCompliance('热卖新品').passed).toBe(true);
    expect(checkCompliance('Cheap mugs', { merchantBannedWords: ['cheap'] }).violations).toEqual([
      `contains the merchant's banned word "cheap"`,
    ]);
  });

  it('checks the channel limit in code points and the format rules', () => {
    expect(checkLength('一二三四五六七八九十一二三四五', 'search-ad', 'zh').passed).toBe(true);
    expect(checkLength('一二三四五六七八九十一二三四五六', 'search-ad', 'zh').violations).toEqual([
      '16 characters, over the search-ad limit of 15',
    ]);
    expect(checkFormat('Hello 🔥', 'product-title', 'en').violations).toEqual([
      'emoji are not allowed in product-title',
    ]);
    expect(checkFormat('新品上市', 'sms', 'zh').violations).toEqual([
      'SMS must include the opt-out "回T退订"',
    ]);
    expect(checkFormat('{name} now', 'push', 'en').violations).toEqual(['unfilled slot {name}']);
  });

  it('fills slots from the facts', () => {
    expect(fillSlots('{name} {discount} {price} {endDate}', facts, 'zh')).toBe('Mug 8折 ¥199 6月18日');
    expect(formatDiscount(25, 'zh')).toBe('7.5折');
  });
});
