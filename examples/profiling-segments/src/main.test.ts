import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { run } from './main';

/** The committed file's lines, split on commas outside double quotes (an independent reading). */
function rows(): string[][] {
  const file = fileURLToPath(
    new URL('../../../datasets/online_retail/online_retail_subset.csv.gz', import.meta.url),
  );
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map(
      (line) =>
        line
          .match(/("([^"]|"")*"|[^,]*)(,|$)/g)
          ?.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [],
    );
}

describe('examples/profiling-segments', () => {
  it('profiles every customer of the file and matches a hand count for one of them', {
    timeout: 180_000,
  }, async () => {
    const result = await run();
    const lines = rows();
    const withCustomer = lines.filter((r) => r[6] !== '' && Number(r[5]) >= 0);
    expect(result.rows).toBe(lines.length);
    expect(result.customers).toBe(new Set(withCustomer.map((r) => r[6])).size);
    expect(Object.values(result.segments).reduce((a, b) => a + b, 0)).toBe(result.customers);
    // customer 17850: orders = distinct purchase times; net spend = Σ quantity × price (refunds subtract)
    const mine = withCustomer.filter((r) => r[6] === '17850');
    const orders = new Set(mine.filter((r) => Number(r[3]) > 0).map((r) => r[4])).size;
    const net = mine.reduce((sum, r) => sum + Number(r[3]) * Number(r[5]), 0);
    expect(result.customer.features.frequency).toBe(orders);
    expect(result.customer.features.monetary).toBeCloseTo(net, 6);
    expect(result.k).toBeGreaterThanOrEqual(2);
  });
});
