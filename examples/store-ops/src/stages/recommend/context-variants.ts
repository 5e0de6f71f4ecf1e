import { HashingEmbedder } from '@shoppilot/core';
import {
  type Candidate,
  candidateSimilarity,
  type MerchantRule,
  type RankingContext,
  type Recommender,
  rankForContext,
} from '@shoppilot/recsys';
import { type CatalogItem, readableReason } from './data';

/** The merchant's rules for a gift shop, as data. */
export const MERCHANT_RULES: MerchantRule[] = [
  {
    name: 'weekday lunch: small quick gifts',
    when: { week: 'weekday', dayparts: ['lunch'] },
    favour: { categories: ['CARD', 'WRAP', 'BAG', 'TIN', 'BOX', 'PEN', 'NOTEBOOK'] },
    boost: 0.5,
  },
  {
    name: 'weekend evening: decorating the home',
    when: { week: 'weekend', dayparts: ['evening'] },
    favour: {
      categories: ['HOLDER', 'LIGHT', 'CANDLE', 'FRAME', 'DECORATION', 'CUSHION', 'LANTERN', 'CLOCK'],
    },
    boost: 0.5,
  },
];

/** Wednesday 7 Dec 2011 12:30 on a phone; Sunday 4 Dec 2011 19:30 on a desktop (UK time = UTC in winter). */
export const CONTEXTS: Array<{ name: string; context: RankingContext }> = [
  { name: 'mobile, weekday noon', context: { timestamp: Date.UTC(2011, 11, 7, 12, 30), device: 'mobile' } },
  {
    name: 'desktop, weekend evening',
    context: { timestamp: Date.UTC(2011, 11, 4, 19, 30), device: 'desktop' },
  },
];

export interface ContextList {
  name: string;
  layout: string;
  presentation: string;
  rulesApplied: string[];
  items: Array<{ itemId: string; description: string; group: string; reasons: string[] }>;
  distinctGroups: number;
  /** Mean pairwise cosine similarity of the items' description vectors (lower = more varied). */
  meanSimilarity: number;
}

export interface ContextVariantsResult {
  userId: string;
  lists: ContextList[];
  /** The same desktop list without diversity, to show what MMR changed. */
  withoutDiversity: { distinctGroups: number; meanSimilarity: number; items: string[] };
  diversityWeight: number;
}

const DIVERSITY = 0.6;

function meanSimilarity(items: readonly Candidate[]): number {
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      total += candidateSimilarity(items[i], items[j]);
      pairs++;
    }
  }
  return pairs ? total / pairs : 0;
}

/** Re-ranks one customer's candidates for two contexts, with MMR diversity and a cap of 3 per product group. */
export function contextVariants(
  model: Recommender,
  userId: string,
  catalog: ReadonlyMap<string, CatalogItem>,
): ContextVariantsResult {
  const embedder = new HashingEmbedder({ dimensions: 256 });
  const recommended = model.recommend(userId, { k: 60 });
  const candidates: Candidate[] = recommended.items.map((item) => {
    const info = catalog.get(item.itemId);
    return {
      itemId: item.itemId,
      score: item.score,
      category: info?.group,
      vector: embedder.embedSync([info?.description ?? item.itemId])[0],
      reasons: item.reasons.map((r) => readableReason(r, catalog)),
    };
  });
  const toList = (name: string, ranking: ReturnType<typeof rankForContext>): ContextList => ({
    name,
    layout: ranking.presentation.layout,
    presentation: `${ranking.presentation.layout}, ${ranking.presentation.visibleItems} visible: ${ranking.presentation.reason}`,
    rulesApplied: ranking.rulesApplied,
    items: ranking.items.map((c) => ({
      itemId: c.itemId,
      description: catalog.get(c.itemId)?.description ?? c.itemId,
      group: c.category ?? '',
      reasons: c.reasons,
    })),
    distinctGroups: new Set(ranking.items.map((c) => c.category)).size,
    meanSimilarity: meanSimilarity(ranking.items),
  });
  const business = { categoryCaps: { default: 3 } };
  const lists = CONTEXTS.map(({ name, context }) =>
    toList(
      name,
      rankForContext(candidates, context, {
        k: 10,
        rules: MERCHANT_RULES,
        diversity: { method: 'mmr', weight: DIVERSITY },
        business,
      }),
    ),
  );
  const plain = rankForContext(candidates, CONTEXTS[1].context, { k: 10, rules: MERCHANT_RULES });
  return {
    userId,
    lists,
    withoutDiversity: {
      distinctGroups: new Set(plain.items.map((c) => c.category)).size,
      meanSimilarity: meanSimilarity(plain.items),
      items: plain.items.map((c) => c.itemId),
    },
    diversityWeight: DIVERSITY,
  };
}
