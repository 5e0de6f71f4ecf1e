import { describe, expect, it } from 'vitest';
import { weekStart } from '../stages/forecast/weekly-demand';
import { storeKpis } from './kpis';
import { isServiceCode, productGroup } from './product-group';
import type { RetailLine } from './retail';
import { lineToEvent } from './to-events';

function line(
  invoice: string,
  customerId: string | undefined,
  day: string,
  quantity: number,
  unitPrice: number,
  row = 1,
): RetailLine {
  return {
    row,
    invoice,
    itemId: 'A',
    description: 'WHITE HANGING HEART T-LIGHT HOLDER',
    quantity,
    timestamp: Date.parse(`${day}T10:00:00Z`),
    unitPrice,
    customerId,
    country: 'United Kingdom',
    cancelled: invoice.startsWith('C'),
    service: false,
    group: 'HOLDER',
  };
}

describe('product groups', () => {
  it('takes the last word that names a product, singular', () => {
    expect(productGroup('WHITE HANGING HEART T-LIGHT HOLDER')).toBe('HOLDER');
    expect(productGroup('JUMBO BAG RED RETROSPOT')).toBe('BAG');
    expect(productGroup('SET OF 3 CAKE TINS PANTRY DESIGN')).toBe('PANTRY');
    expect(productGroup('PAPER CHAIN KIT 50S CHRISTMAS')).toBe('CHRISTMAS');
    expect(productGroup('GLASS')).toBe('GLASS');
    expect(productGroup('???')).toBe('OTHER');
    expect(isServiceCode('POST')).toBe(true);
    expect(isServiceCode('85123A')).toBe(false);
  });
});

describe('store KPIs', () => {
  // customer 1: orders on Jan 3 (2 × £5) and Feb 7 (1 × £20); customer 2: one order Jan 4 (4 × £2.50),
  // cancelled one unit of it (−1 × £2.50); a guest order Feb 8 (1 × £30).
  const lines = [
    line('1', 'c1', '2011-01-03', 2, 5),
    line('2', 'c2', '2011-01-04', 4, 2.5),
    line('C3', 'c2', '2011-01-05', -1, 2.5),
    line('4', 'c1', '2011-02-07', 1, 20),
    line('5', undefined, '2011-02-08', 1, 30),
  ];
  const kpis = Object.fromEntries(storeKpis(lines).kpis.map((k) => [k.name, k.value]));

  it('computes revenue, AOV and repurchase rate by their definitions', () => {
    expect(kpis['Orders']).toBe(4);
    expect(kpis['Net revenue']).toBeCloseTo(10 + 10 - 2.5 + 20 + 30, 10);
    expect(kpis['Average order value (AOV)']).toBeCloseTo(70 / 4, 10);
    expect(kpis['Repurchase rate']).toBeCloseTo(1 / 2, 10);
    expect(kpis['Guest share of orders']).toBeCloseTo(1 / 4, 10);
    expect(kpis['Cancellation rate (value)']).toBeCloseTo(2.5 / 70, 10);
    // customer-months before the last month: c1 Jan (kept in Feb), c2 Jan (not kept) → 1/2
    expect(kpis['Month-over-month retention']).toBeCloseTo(1 / 2, 10);
  });

  it('names the KPIs the data cannot give instead of inventing them', () => {
    const missing = storeKpis(lines)
      .kpis.filter((k) => k.value === undefined)
      .map((k) => k.name);
    expect(missing).toEqual(expect.arrayContaining(['ROAS', 'Gross margin', 'NPS']));
  });

  it('follows the first cohort month by month', () => {
    const { retentionCurve, cohortSize, cohortMonth } = storeKpis(lines);
    expect(cohortMonth).toBe('2011-01');
    expect(cohortSize).toBe(2);
    expect(retentionCurve).toEqual([{ month: 1, share: 0.5 }]);
  });
});

describe('events and weeks', () => {
  it('turns a cancellation into a refund with a positive quantity and a guest into a pseudo-user', () => {
    expect(lineToEvent(line('C3', 'c2', '2011-01-05', -1, 2.5, 7))).toMatchObject({
      eventId: 'C3#7',
      type: 'refund',
      quantity: 1,
      userId: 'c2',
    });
    expect(lineToEvent(line('5', undefined, '2011-02-08', 1, 30))).toMatchObject({
      userId: 'guest:5',
      type: 'buy',
    });
  });

  it('puts a time in its Monday week', () => {
    expect(new Date(weekStart(Date.parse('2011-12-09T12:00:00Z'))).toISOString()).toBe(
      '2011-12-05T00:00:00.000Z',
    );
    expect(new Date(weekStart(Date.parse('2011-12-05T00:00:00Z'))).toISOString()).toBe(
      '2011-12-05T00:00:00.000Z',
    );
    expect(new Date(weekStart(Date.parse('2011-12-04T23:59:00Z'))).toISOString()).toBe(
      '2011-11-28T00:00:00.000Z',
    );
  });
});
