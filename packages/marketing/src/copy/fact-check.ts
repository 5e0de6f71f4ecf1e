import type { ProductFacts } from './product-facts';

export interface FactCheckResult {
  passed: boolean;
  violations: string[];
}

const CURRENCY = String.raw`(?:US\$|CN¥|[¥￥$€£₩元円원]|RMB|CNY|USD|EUR|JPY|KRW|GBP)`;
const NUMBER = String.raw`\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)`;
const PRICE_BEFORE = new RegExp(`${CURRENCY}\\s?(${NUMBER})`, 'g');
const PRICE_AFTER = new RegExp(`(${NUMBER})\\s?(?:元|円|원|€|£|CN¥|[¥￥$]|EUR|USD|RMB|CNY|yuan|euros?)`, 'g');
const PERCENT = /(\d+(?:[.,]\d+)?)\s?[%％]/g;
const ZHE = /(\d+(?:\.\d+)?)\s?折/g;
const DATE_PATTERNS: Array<{
  pattern: RegExp;
  parts: (m: RegExpExecArray) => Array<[number, number, number?]>;
}> = [
  { pattern: /(\d{4})-(\d{1,2})-(\d{1,2})/g, parts: (m) => [[Number(m[2]), Number(m[3]), Number(m[1])]] },
  {
    pattern: /(?:(\d{4})\s?年\s?)?(\d{1,2})\s?月\s?(\d{1,2})\s?日/g,
    parts: (m) => [[Number(m[2]), Number(m[3]), m[1] ? Number(m[1]) : undefined]],
  },
  { pattern: /(\d{1,2})\s?월\s?(\d{1,2})\s?일/g, parts: (m) => [[Number(m[1]), Number(m[2])]] },
  {
    pattern: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?/g,
    parts: (m) => [[Number(m[2]), Number(m[1]), m[3] ? Number(m[3]) : undefined]],
  },
  {
    pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?(?![\d/])/g,
    parts: (m) => [
      [Number(m[1]), Number(m[2])],
      [Number(m[2]), Number(m[1])],
    ],
  },
  {
    pattern: /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s(\d{1,2})\b/g,
    parts: (m) => [[MONTHS.indexOf(m[1]) + 1, Number(m[2])]],
  },
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Checks every price, percentage (and Chinese 折 discount) and date written in `text` against the
 * facts: prices must equal the price, the original price or the saving; percentages the discount;
 * dates the promotion end. Anything else is a violation naming what was found and what is allowed.
 */
export function checkFacts(text: string, facts: ProductFacts, language: string): FactCheckResult {
  const violations: string[] = [];
  const allowedPrices = [
    facts.price,
    facts.originalPrice,
    facts.originalPrice !== undefined ? facts.originalPrice - facts.price : undefined,
  ].filter((v): v is number => v !== undefined);
  for (const pattern of [PRICE_BEFORE, PRICE_AFTER]) {
    for (const match of text.matchAll(pattern)) {
      const value = parseAmount(match[1], language);
      if (!allowedPrices.some((p) => Math.abs(p - value) < 0.005)) {
        violations.push(
          `price "${match[0].trim()}" does not match the facts (allowed: ${allowedPrices.join(', ')})`,
        );
      }
    }
  }
  for (const match of text.matchAll(PERCENT)) {
    const value = Number(match[1].replace(',', '.'));
    if (facts.discountPercent === undefined || Math.abs(value - facts.discountPercent) > 1e-9) {
      violations.push(
        `percentage "${match[0]}" does not match the discount (${facts.discountPercent ?? 'none'}%)`,
      );
    }
  }
  for (const match of text.matchAll(ZHE)) {
    const expected = facts.discountPercent !== undefined ? (100 - facts.discountPercent) / 10 : undefined;
    if (expected === undefined || Math.abs(Number(match[1]) - expected) > 1e-9) {
      violations.push(
        `discount "${match[0]}" does not match the facts (${expected !== undefined ? `${expected}折` : 'no discount'})`,
      );
    }
  }
  violations.push(...checkDates(text, facts.promotionEnds));
  return { passed: violations.length === 0, violations };
}

function checkDates(text: string, promotionEnds: string | undefined): string[] {
  const violations: string[] = [];
  const [year, month, day] = promotionEnds ? promotionEnds.split('-').map(Number) : [];
  const seen = new Set<string>();
  for (const { pattern, parts } of DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (seen.has(`${match.index}`)) continue;
      seen.add(`${match.index}`);
      const readings = parts(match);
      const ok = readings.some(
        ([m, d, y]) =>
          promotionEnds !== undefined &&
          m === month &&
          d === day &&
          (y === undefined || y === year || y === year % 100),
      );
      if (!ok)
        violations.push(`date "${match[0]}" does not match the promotion end (${promotionEnds ?? 'none'})`);
    }
  }
  return violations;
}

/** Parses "1,299.00", "1.299,00", "19,90", "1 299" by the language's conventions. */
export function parseAmount(raw: string, language: string): number {
  const text = raw.replace(/[\u00a0\u202f ]/g, '');
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  const commaDecimal = ['de', 'fr', 'es'].includes(language);
  let normalised: string;
  if (lastComma >= 0 && lastDot >= 0) {
    normalised = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    normalised =
      commaDecimal || text.length - lastComma - 1 !== 3
        ? text.replace(/\.|,(?=\d{3}\b)/g, '').replace(',', '.')
        : text.replace(/,/g, '');
  } else if (lastDot >= 0 && commaDecimal && text.length - lastDot - 1 === 3) {
    normalised = text.replace(/\./g, '');
  } else {
    normalised = text;
  }
  return Number(normalised);
}
