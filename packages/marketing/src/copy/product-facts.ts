import { type InputIssue, InputValidationError } from '@shoppilot/core';

/** What the copy may state about the product: every price, percentage and date must come from here. */
export interface ProductFacts {
  name: string;
  /** Selling price. */
  price: number;
  /** ISO 4217 currency code. Default CNY. */
  currency?: string;
  /** Price before the discount, when discounted. */
  originalPrice?: number;
  /** Discount in percent off (20 = 20% off). Derived from originalPrice when omitted. */
  discountPercent?: number;
  /** Short selling points, most important first. */
  sellingPoints?: string[];
  category?: string;
  /** Last day of the promotion (YYYY-MM-DD). */
  promotionEnds?: string;
}

/** Checks the facts and derives the discount from the original price when missing. */
export function normaliseFacts(
  facts: ProductFacts,
): Required<Pick<ProductFacts, 'currency' | 'sellingPoints'>> & ProductFacts {
  const issues: InputIssue[] = [];
  if (!facts.name?.trim()) issues.push({ field: 'name', message: 'is required' });
  if (!(facts.price > 0))
    issues.push({ field: 'price', message: 'must be > 0', received: String(facts.price) });
  if (facts.originalPrice !== undefined && !(facts.originalPrice >= facts.price)) {
    issues.push({
      field: 'originalPrice',
      message: 'must be >= price',
      received: String(facts.originalPrice),
    });
  }
  if (facts.discountPercent !== undefined && !(facts.discountPercent > 0 && facts.discountPercent < 100)) {
    issues.push({
      field: 'discountPercent',
      message: 'must be in (0, 100)',
      received: String(facts.discountPercent),
    });
  }
  if (facts.promotionEnds !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(facts.promotionEnds)) {
    issues.push({ field: 'promotionEnds', message: 'must be YYYY-MM-DD', received: facts.promotionEnds });
  }
  if (issues.length) throw new InputValidationError({ issues });
  const discountPercent =
    facts.discountPercent ??
    (facts.originalPrice && facts.originalPrice > facts.price
      ? Math.round((100 * (facts.originalPrice - facts.price)) / facts.originalPrice)
      : undefined);
  return {
    ...facts,
    currency: facts.currency ?? 'CNY',
    sellingPoints: facts.sellingPoints ?? [],
    discountPercent,
  };
}
