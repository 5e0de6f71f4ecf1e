import { describe, expect, it } from 'vitest';
import { run } from './main';

describe('examples/inventory-replenish', () => {
  it('orders what the forecast quantiles say, by hand', async () => {
    const { orders } = await run();
    const bySku = Object.fromEntries(orders.map((o) => [o.sku, o]));
    // MUG-01: lead 1 week: reorder point = p95 75 (p50 60 + safety 15); order up to 75 + next week's mean 62 = 137;
    // position 40 + 20 = 60 → 77, rounded up to the case pack of 6 → 78; value 78 × £2.50 = £195 > £150
    expect(bySku['MUG-01']).toMatchObject({ quantity: 78, value: 195, status: 'pending-approval' });
    // BAG-02: lead 2 weeks: p95 280 + 295 = 575 (quantiles summed comonotonically); up to 575 + 205 = 780;
    // position 90 → 690 (a multiple of 10); £828
    expect(bySku['BAG-02']).toMatchObject({ quantity: 690, value: 828, status: 'pending-approval' });
    // LAMP-03: position 55 >= reorder point 19 → nothing to order
    expect(bySku['LAMP-03']).toMatchObject({ quantity: 0, status: 'hold' });
    expect(bySku['MUG-01'].reasons[0]).toContain('reorder point 75');
  });

  it('gives stockpyl’s EOQ and newsvendor answers', async () => {
    const { eoq, newsvendor } = await run();
    expect(eoq.orderQuantity).toBeCloseTo(304.0468, 4);
    expect(eoq.cost).toBeCloseTo(68.4105, 4);
    expect(newsvendor.orderUpTo).toBeCloseTo(56.604, 3);
    expect(newsvendor.cost).toBeCloseTo(1.9976, 4);
  });
});
