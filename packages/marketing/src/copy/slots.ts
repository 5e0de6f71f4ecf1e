import type { CopyLanguage } from './channels';
import type { ProductFacts } from './product-facts';

const locales: Record<CopyLanguage, string> = {
  zh: 'zh-CN',
  en: 'en-US',
  ja: 'ja-JP',
  ko: 'ko-KR',
  es: 'es-ES',
  fr: 'fr-FR',
  de: 'de-DE',
};

export function localeOf(language: string): string {
  return locales[language as CopyLanguage] ?? language;
}

/** A price in the language's currency format (Intl.NumberFormat; no decimals for whole amounts). */
export function formatPrice(value: number, currency: string, language: string): string {
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(value);
}

/** A promotion end date (YYYY-MM-DD) in a short numeric form per language: 6月18日, 6/18, 18/06, 18.06. */
export function formatDate(iso: string, language: string): string {
  const [, month, day] = iso.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (language) {
    case 'zh':
    case 'ja':
      return `${month}月${day}日`;
    case 'ko':
      return `${month}월 ${day}일`;
    case 'en':
      return `${month}/${day}`;
    case 'de':
      return `${pad(day)}.${pad(month)}.`;
    default:
      return `${pad(day)}/${pad(month)}`;
  }
}

/** The discount as the language says it: 8折 (zh), 20% off, 20%オフ, 20% 할인, -20 %, 20 % Rabatt. */
export function formatDiscount(percent: number, language: string): string {
  switch (language) {
    case 'zh':
      return `${(100 - percent) / 10}折`;
    case 'ja':
      return `${percent}%オフ`;
    case 'ko':
      return `${percent}% 할인`;
    case 'es':
      return `-${percent}%`;
    case 'fr':
      return `-${percent} %`;
    case 'de':
      return `${percent} % Rabatt`;
    default:
      return `${percent}% off`;
  }
}

/**
 * Fills `{name}`, `{price}`, `{originalPrice}`, `{discount}`, `{endDate}` and `{point}` in a draft
 * from the facts (slot filling: numbers are never left to the model). Unknown slots stay as written
 * and are reported by the fact check.
 */
export function fillSlots(
  text: string,
  facts: ProductFacts & { currency: string },
  language: string,
): string {
  const values: Record<string, string | undefined> = {
    name: facts.name,
    price: formatPrice(facts.price, facts.currency, language),
    originalPrice:
      facts.originalPrice !== undefined
        ? formatPrice(facts.originalPrice, facts.currency, language)
        : undefined,
    discount:
      facts.discountPercent !== undefined ? formatDiscount(facts.discountPercent, language) : undefined,
    endDate: facts.promotionEnds ? formatDate(facts.promotionEnds, language) : undefined,
    point: facts.sellingPoints?.[0],
  };
  return text.replace(
    /\{(name|price|originalPrice|discount|endDate|point)\}/g,
    (slot, key: string) => values[key] ?? slot,
  );
}
