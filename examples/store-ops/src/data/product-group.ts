/**
 * Words of an Online Retail description that say what a product looks like rather than what it
 * is (colours, sizes, patterns, themes), skipped when picking the product group.
 */
const NOT_A_PRODUCT = new Set(
  (
    'RED BLUE GREEN PINK WHITE BLACK IVORY CREAM GOLD SILVER PURPLE ORANGE YELLOW BROWN GREY ' +
    'LARGE SMALL MINI JUMBO SET OF AND THE WITH IN DESIGN VINTAGE RETROSPOT POLKADOT DOTS ' +
    'SPOT SPOTS HEART HEARTS ASSORTED COLOUR COLOURS FLOWER FLORAL RETRO DOILY PAISLEY'
  ).split(' '),
);

/**
 * Stock codes that are charges or adjustments rather than products (postage, fees, manual
 * lines, discounts, samples, bad-debt adjustments).
 */
const SERVICE_CODES = new Set([
  'POST',
  'DOT',
  'M',
  'm',
  'C2',
  'D',
  'S',
  'B',
  'BANK CHARGES',
  'AMAZONFEE',
  'CRUK',
  'PADS',
]);

/** True for postage, fees, discounts and other lines that are not goods. */
export function isServiceCode(stockCode: string): boolean {
  return SERVICE_CODES.has(stockCode) || stockCode.startsWith('gift_');
}

/**
 * Product group of an Online Retail line, derived from its description: the last word that is
 * not a colour, size, pattern or theme word, singularised by dropping a final S
 * ("WHITE HANGING HEART T-LIGHT HOLDER" → HOLDER, "JUMBO BAG RED RETROSPOT" → BAG).
 * The data has no category column; this is the demo's stated substitute.
 */
export function productGroup(description: string): string {
  const words = description.toUpperCase().match(/[A-Z]+/g) ?? [];
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i];
    if (word.length < 3 || NOT_A_PRODUCT.has(word)) continue;
    return word.length > 3 && /[^SUI]S$/.test(word) && !word.endsWith('MAS') ? word.slice(0, -1) : word;
  }
  return 'OTHER';
}
