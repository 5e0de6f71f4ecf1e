import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runShoppilot } from '../../testing/index';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => join(here, '__fixtures__', name);
const cli = (...args: string[]) => runShoppilot(args);

describe('shoppilot replenish', () => {
  it('writes order decisions with reasons as CSV', async () => {
    const { code, stdout } = await cli(
      'replenish',
      '--forecast',
      fixture('forecast.csv'),
      '--stock',
      fixture('stock.csv'),
      '--period-unit',
      'day',
    );
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^sku,action,quantity,order_value,status/);
    // OJ-1: reorder point = 2-day p95 = 2 x 14 = 28; order-up-to 28 + 10 = 38; 38 - 17 = 21 -> 4 cases of 6 = 24
    const oj1 = lines.find((l) => l.startsWith('OJ-1'));
    expect(oj1).toMatch(
      /^OJ-1,order,24,84,issued,17,28,38,8,20,forecast-quantile,"on hand 12 \+ on order 5 = 17 < reorder point 28 = 2-day lead-time demand p50 20 \+ safety stock 8 at 95% service \| /,
    );
    expect(oj1).toMatch(/rounded 21 up to 24 \(case pack 6\)"$/);
    expect(lines.find((l) => l.startsWith('OJ-2'))).toMatch(/^OJ-2,hold,0,0,issued,30/);
  });

  it('puts orders above the approval threshold in the queue and writes JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-replenish-'));
    const out = join(dir, 'orders.json');
    const { code, stderr } = await cli(
      'replenish',
      '--forecast',
      fixture('forecast.csv'),
      '--stock',
      fixture('stock.csv'),
      '--approval-threshold',
      '50',
      '--store',
      `sqlite:${join(dir, 'queue.db')}`,
      '--format',
      'json',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/0 order\(s\) issued, 1 waiting for approval, 1 hold/);
    const decisions = JSON.parse(readFileSync(out, 'utf8'));
    expect(decisions[0]).toMatchObject({
      subject: 'OJ-1',
      status: 'pending-approval',
      value: { quantity: 24, orderValue: 84 },
    });
    expect(decisions[0].reasons.at(-1)).toBe(
      'needs approval: order value 84 is above the approval threshold 50',
    );
  });

  it('fails with the SKU and field on negative stock, and with usage errors on bad flags', async () => {
    const bad = await cli(
      'replenish',
      '--forecast',
      fixture('forecast.csv'),
      '--stock',
      fixture('stock-bad.csv'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/stock-bad\.csv, row 1, SKU "OJ-1", field "onHand": negative stock/);
    const usage = await cli(
      'replenish',
      '--forecast',
      fixture('forecast.csv'),
      '--stock',
      fixture('stock.csv'),
      '--service-level',
      '1.5',
    );
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--service-level must be a number strictly between 0 and 1/);
  });
});

describe('shoppilot inventory simulate', () => {
  it('prints the KPIs of a policy over a demand history as JSON', async () => {
    const { code, stdout } = await cli(
      'inventory',
      'simulate',
      '--demand',
      fixture('demand.csv'),
      '--warmup',
      '20',
      '--lead-time',
      '1',
      '--holding-cost',
      '1',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ skus: 3, periods: 40, options: { start: 20, leadTime: 1 } });
    expect(result.kpis.fillRate).toBeGreaterThan(0.8);
    expect(result.kpis.fillRate).toBeLessThanOrEqual(1);
    expect(result.kpis.holdingCost).toBeCloseTo(result.kpis.averageInventory * 20, 6);
  });

  it('a higher rule-of-thumb multiplier holds more stock', async () => {
    const run = async (multiplier: string) =>
      JSON.parse(
        (
          await cli(
            'inventory',
            'simulate',
            '--demand',
            fixture('demand.csv'),
            '--policy',
            'rule-of-thumb',
            '--multiplier',
            multiplier,
          )
        ).stdout,
      ).kpis;
    const [low, high] = await Promise.all([run('0.2'), run('2')]);
    expect(high.averageOnHand).toBeGreaterThan(low.averageOnHand);
    expect(high.fillRate).toBeGreaterThanOrEqual(low.fillRate);
  });
});
