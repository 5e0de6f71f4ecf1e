import { describe, expect, it } from 'vitest';
import { readCdnow, run } from './main';

const within = (actual: number, expected: number, share: number) =>
  expect(Math.abs(actual / expected - 1)).toBeLessThan(share);

describe('examples/marketing-clv', () => {
  const result = run();

  it('fits the published CDNOW parameters (Fader, Hardie & Lee 2005; lifetimes) within 1%', () => {
    within(result.bgnbd.r, 0.2426, 0.01);
    within(result.bgnbd.alpha, 4.4135, 0.01);
    within(result.bgnbd.a, 0.7929, 0.01);
    within(result.bgnbd.b, 2.4258, 0.01);
    within(result.gammaGamma.p, 6.25, 0.01);
    within(result.gammaGamma.q, 3.74, 0.01);
    within(result.gammaGamma.v, 15.45, 0.01);
    expect(result.customers).toBe(2357);
  });

  it('counts the holdout repeat purchases from the raw file, and predicts about 1,650 of them', () => {
    const purchases = readCdnow();
    const first = new Map<string, string>();
    for (const p of purchases)
      if (!first.has(p.customerId) || String(p.date) < String(first.get(p.customerId)))
        first.set(p.customerId, String(p.date));
    const days = new Set(
      purchases
        .filter(
          (p) =>
            String(p.date) > '1997-09-30' &&
            String(p.date) <= '1998-06-30' &&
            String(first.get(p.customerId)) <= '1997-09-30',
        )
        .map((p) => `${p.customerId} ${p.date}`),
    );
    expect(result.holdout.actual).toBe(days.size);
    within(result.holdout.predicted, 1650, 0.02);
  });

  it('ranks customers by CLV with a stage and an action each', () => {
    expect(result.top).toHaveLength(5);
    for (let i = 1; i < result.top.length; i++)
      expect(result.top[i].clv).toBeLessThanOrEqual(result.top[i - 1].clv);
    for (const t of result.top) expect(t.action.length).toBeGreaterThan(0);
  });
});
