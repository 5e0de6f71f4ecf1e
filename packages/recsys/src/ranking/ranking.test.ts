import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../diversity/candidate';
import { rankForContext } from './context-ranking';
import { ContextReranker, type RerankExample } from './context-reranker';
import { applyMerchantRules, type MerchantRule, ruleApplies } from './merchant-rules';
import { presentationHint } from './presentation';
import { contextTime } from './ranking-context';

// 2024-05-07 is a Tuesday; 2024-05-11 a Saturday.
const tuesdayLunch = { timestamp: Date.UTC(2024, 4, 7, 4, 30), utcOffsetMinutes: 480, device: 'mobile' }; // 12:30 in UTC+8
const saturdayEvening = { timestamp: Date.UTC(2024, 4, 11, 12, 0), utcOffsetMinutes: 480, device: 'desktop' }; // 20:00

describe('context', () => {
  it('derives local hour, weekday, daypart and weekend from a timestamp and offset', () => {
    expect(contextTime(tuesdayLunch)).toEqual({ hour: 12, weekday: 2, daypart: 'lunch', weekend: false });
    expect(contextTime(saturdayEvening)).toEqual({ hour: 20, weekday: 6, daypart: 'evening', weekend: true });
  });

  it('presentation: compact for mobile, comparison for desktop', () => {
    expect(presentationHint(tuesdayLunch).layout).toBe('compact');
    expect(presentationHint(saturdayEvening).layout).toBe('comparison');
    expect(presentationHint({}).layout).toBe('grid');
  });
});

const rules: MerchantRule[] = [
  {
    name: 'weekday lunch favours quick meals',
    when: { week: 'weekday', dayparts: ['lunch'] },
    favour: { categories: ['quick-meals'] },
    boost: 0.5,
  },
  {
    name: 'weekend evening favours entertainment',
    when: { week: 'weekend', dayparts: ['evening'] },
    favour: { categories: ['entertainment'] },
    boost: 0.5,
  },
];
const candidates: Candidate[] = [
  { itemId: 'movie', score: 3, category: 'entertainment', reasons: [] },
  { itemId: 'sofa', score: 2.5, category: 'furniture', reasons: [] },
  { itemId: 'noodles', score: 2, category: 'quick-meals', reasons: [] },
];

describe('merchant rules as data', () => {
  it('apply only in their context and name themselves in the reasons', () => {
    expect(rules.map((r) => ruleApplies(r, tuesdayLunch))).toEqual([true, false]);
    expect(rules.map((r) => ruleApplies(r, saturdayEvening))).toEqual([false, true]);
    const lunch = applyMerchantRules(candidates, tuesdayLunch, rules);
    // Range 1: noodles 2 + 0.5 = 2.5 ties with sofa and keeps its place behind it (stable sort).
    expect(lunch.items.map((c) => [c.itemId, c.score])).toEqual([
      ['movie', 3],
      ['sofa', 2.5],
      ['noodles', 2.5],
    ]);
    expect(lunch.items[2].reasons).toEqual(['merchant rule "weekday lunch favours quick meals" (+0.5)']);
    expect(lunch.applied).toEqual(['weekday lunch favours quick meals']);
  });

  it('hour windows may wrap past midnight', () => {
    const night: MerchantRule = {
      name: 'night',
      when: { hours: [22, 2] },
      favour: { items: ['x'] },
      boost: 1,
    };
    expect(ruleApplies(night, { hour: 23 })).toBe(true);
    expect(ruleApplies(night, { hour: 1 })).toBe(true);
    expect(ruleApplies(night, { hour: 12 })).toBe(false);
  });
});

/** Logged behaviour: on mobile people take quick meals, on desktop entertainment; 'furniture' never. */
function examples(): RerankExample[] {
  const out: RerankExample[] = [];
  for (let k = 0; k < 60; k++) {
    for (const [device, liked] of [
      ['mobile', 'quick-meals'],
      ['desktop', 'entertainment'],
    ] as const) {
      for (const category of ['quick-meals', 'entertainment', 'furniture']) {
        out.push({
          context: { device, hour: 12 + (k % 3), weekday: 1 + (k % 5) },
          candidate: { itemId: `${category}-${k % 4}`, category },
          label: category === liked ? 1 : 0,
        });
      }
    }
  }
  return out;
}

describeEstimator('ContextReranker', {
  create: () => new ContextReranker({ buckets: 1024, epochs: 3, seed: 1 }),
  data: examples,
  otherData: () => examples().slice(0, 90),
  fit: (model, data) => model.fit(data),
  predict: (model) =>
    model.score({ device: 'mobile', hour: 12 }, [{ itemId: 'quick-meals-1', category: 'quick-meals' }]),
  fromJSON: (json) => ContextReranker.fromJSON(json),
});

describe('ContextReranker', () => {
  it('learns device × category preferences from logged examples', () => {
    const model = new ContextReranker({ buckets: 4096, seed: 2 }).fit(examples());
    const items = [
      { itemId: 'new-1', category: 'quick-meals' },
      { itemId: 'new-2', category: 'entertainment' },
      { itemId: 'new-3', category: 'furniture' },
    ];
    const mobile = model.predict({ device: 'mobile', hour: 13 }, items);
    const desktop = model.predict({ device: 'desktop', hour: 13 }, items);
    expect(mobile[0]).toBeGreaterThan(0.8);
    expect(mobile[1]).toBeLessThan(0.2);
    expect(desktop[1]).toBeGreaterThan(0.8);
    expect(desktop[0]).toBeLessThan(0.2);
    expect(Math.max(mobile[2], desktop[2])).toBeLessThan(0.1);
  });

  it('in the pipeline: the learned model, rules, diversity and business rules, with a presentation hint', () => {
    const model = new ContextReranker({ buckets: 4096, seed: 2 }).fit(examples());
    const ranking = rankForContext(candidates, tuesdayLunch, {
      reranker: model,
      rules,
      k: 2,
      business: { exclude: ['sofa'] },
    });
    expect(ranking.items.map((c) => c.itemId)).toEqual(['noodles', 'movie']);
    expect(ranking.presentation.layout).toBe('compact');
    expect(ranking.rulesApplied).toEqual(['weekday lunch favours quick meals']);
    expect(ranking.removed).toEqual([{ itemId: 'sofa', reason: 'excluded by rule' }]);
  });
});
