import { LexiconScorer } from './lexicon-scorer';

export type Aspect = 'price' | 'quality' | 'logistics' | 'service';

/** Keywords per aspect (Chinese and English); extend or replace them. */
export const DEFAULT_ASPECT_KEYWORDS: Readonly<Record<Aspect, readonly string[]>> = {
  price: [
    '价格',
    '价钱',
    '便宜',
    '贵',
    '划算',
    '实惠',
    '性价比',
    '优惠',
    '降价',
    'price',
    'cheap',
    'expensive',
    'value',
    'cost',
    'overpriced',
    'deal',
    'money',
  ],
  quality: [
    '质量',
    '品质',
    '做工',
    '材质',
    '正品',
    '假货',
    '耐用',
    '手感',
    '效果',
    'quality',
    'material',
    'durable',
    'broke',
    'broken',
    'sturdy',
    'flimsy',
    'works',
    'taste',
    'fresh',
  ],
  logistics: [
    '物流',
    '快递',
    '发货',
    '送货',
    '包装',
    '配送',
    '到货',
    '运输',
    'shipping',
    'delivery',
    'delivered',
    'package',
    'packaging',
    'arrived',
    'shipped',
  ],
  service: [
    '客服',
    '服务',
    '态度',
    '售后',
    '退货',
    '退款',
    '回复',
    '商家',
    'service',
    'support',
    'seller',
    'refund',
    'return',
    'staff',
    'customer service',
    'waiter',
    'waitress',
  ],
};

export interface AspectHint {
  aspect: string;
  /** The keyword that matched. */
  keyword: string;
  /** The clause it was found in. */
  clause: string;
  /** Lexicon polarity of that clause: 1, -1 or 0. */
  polarity: number;
}

/** Clause breaks: punctuation and contrast words ("but", 但是, 不过, 可是). */
const CLAUSE_BREAK = /[。！？!?.,，;；\n]|\bbut\b|\bhowever\b|\bthough\b|但是|不过|可是/;

/**
 * Which aspects a review talks about (price, quality, logistics, service) and, from the lexicon,
 * whether each clause mentioning one is positive or negative. A hint, not a trained model.
 */
export function aspectHints(
  text: string,
  options: { keywords?: Readonly<Record<string, readonly string[]>>; scorer?: LexiconScorer } = {},
): AspectHint[] {
  const keywords = options.keywords ?? DEFAULT_ASPECT_KEYWORDS;
  const scorer = options.scorer ?? defaultScorer();
  const hints: AspectHint[] = [];
  for (const part of text.toLowerCase().split(CLAUSE_BREAK)) {
    const clause = part.trim();
    if (!clause) continue;
    for (const [aspect, words] of Object.entries(keywords)) {
      const keyword = words.find((word) =>
        /^[a-z ]+$/.test(word) ? new RegExp(`\\b${word}\\b`).test(clause) : clause.includes(word),
      );
      if (keyword) hints.push({ aspect, keyword, clause, polarity: Math.sign(scorer.score(clause).score) });
    }
  }
  return hints;
}

let shared: LexiconScorer | undefined;
function defaultScorer(): LexiconScorer {
  shared ??= new LexiconScorer();
  return shared;
}
