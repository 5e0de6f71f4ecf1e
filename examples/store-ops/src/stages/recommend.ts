import {
  createInteractions,
  evaluateRecommender,
  ItemKnnRecommender,
  PopularityRecommender,
  timeSplit,
} from '@shoppilot/recsys';
import type { DemoContext } from '../context';
import type { StageDefinition, StageTools } from '../runner/stage-runner';
import { type ContextVariantsResult, contextVariants, MERCHANT_RULES } from './recommend/context-variants';
import { purchaseInteractions, readableReason } from './recommend/data';

const MIN_CUSTOMERS = 5;
const DAY = 86_400_000;

export interface RecommendSection {
  customers: number;
  products: number;
  interactions: number;
  evaluation: {
    protocol: string;
    models: Array<{
      name: string;
      hr: number;
      ndcg: number;
      recall: number;
      coverage: number;
      diversity: number;
    }>;
  };
  users: Array<{
    userId: string;
    purchases: number;
    recent: string[];
    items: Array<{
      rank: number;
      itemId: string;
      description: string;
      group: string;
      score: number;
      reasons: string[];
    }>;
  }>;
  contexts: ContextVariantsResult;
  rules: Array<{ name: string; when: string; favours: string }>;
}

function itemKnn() {
  return new ItemKnnRecommender({ similarity: 'cosine', neighbours: 100 });
}

/** Item-kNN (cosine) trained on purchases; checked on the last 30 days against popularity. */
async function recommend(context: DemoContext, tools: StageTools): Promise<void> {
  const retail = await context.retail();
  const { rows, catalog } = purchaseInteractions(retail.lines, MIN_CUSTOMERS);
  const data = createInteractions(rows);
  const split = timeSplit(data, { cutTime: retail.end - 30 * DAY, dropColdUsers: true, dropNewItems: true });
  const models = [
    { name: 'item-kNN (cosine)', create: itemKnn },
    { name: 'popularity', create: () => new PopularityRecommender() },
  ];
  const evaluation = [];
  for (const { name, create } of models) {
    const model = await create().fit(split.train);
    const result = await evaluateRecommender(model, split, { k: 10 });
    const m = result.metrics;
    evaluation.push({
      name,
      hr: m.hr,
      ndcg: m.ndcg,
      recall: m.recall,
      coverage: m.coverage,
      diversity: m.diversity,
    });
  }
  tools.note(evaluation.map((e) => `${e.name}: hit rate @10 ${(100 * e.hr).toFixed(1)}%`).join(', '));
  const cut = new Date(retail.end - 30 * DAY).toISOString().slice(0, 10);
  const protocol = `time split: trained on purchases before ${cut}, scored on what each customer bought for the first time in the 30 days after (customers and products new in those days left out)`;
  const model = await itemKnn().fit(data);
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.userId, (counts.get(row.userId) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const sampleUsers = [
    ranked[Math.floor(ranked.length * 0.1)],
    ranked[Math.floor(ranked.length * 0.5)],
    ranked[Math.floor(ranked.length * 0.85)],
  ];
  const users = sampleUsers.map(([userId, purchases]) => {
    const recommendation = model.recommend(userId, { k: 10 });
    const recent = rows
      .filter((r) => r.userId === userId)
      .slice(-3)
      .map((r) => catalog.get(r.itemId)?.description ?? r.itemId);
    return {
      userId,
      purchases,
      recent,
      items: recommendation.items.map((item, i) => ({
        rank: i + 1,
        itemId: item.itemId,
        description: catalog.get(item.itemId)?.description ?? item.itemId,
        group: catalog.get(item.itemId)?.group ?? '',
        score: item.score,
        reasons: item.reasons.map((r) => readableReason(r, catalog)),
      })),
    };
  });
  context.report.recommend = {
    customers: data.userIds.length,
    products: data.itemIds.length,
    interactions: rows.length,
    evaluation: { protocol, models: evaluation },
    users,
    contexts: contextVariants(model, sampleUsers[0][0], catalog),
    rules: MERCHANT_RULES.map((r) => ({
      name: r.name,
      when: [r.when.week, ...(r.when.dayparts ?? [])].filter(Boolean).join(' '),
      favours: (r.favour.categories ?? []).join(', '),
    })),
  };
}

export const recommendStage: StageDefinition<DemoContext> = {
  name: 'recommend',
  title: 'Recommend: top-10 with reasons, context variants, diversity',
  run: recommend,
};
