import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './main';

function rows(): string[][] {
  const file = fileURLToPath(new URL('../../../datasets/online_retail_sample.csv', import.meta.url));
  return readFileSync(file, 'utf8')
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

describe('examples/core-ingest', () => {
  it('writes every line with a customer into an SQLite file once, and counts the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shoppilot-ingest-'));
    try {
      const result = await run(`sqlite:${join(dir, 'shop.db')}`);
      const lines = rows();
      const guests = lines.filter((r) => r[6] === '').length;
      expect(result.rows).toBe(lines.length);
      expect(result.rejected).toEqual({ 'customerId: missing value (column "CustomerID")': guests });
      expect(result.inserted).toBe(lines.length - guests);
      expect(result.duplicatesOnSecondAppend).toBe(result.inserted);
      const mine = lines.filter((r) => r[6] === '17850' && Number(r[3]) > 0);
      expect(result.customerEvents).toBe(mine.length);
      expect(result.customerSpend).toBeCloseTo(
        mine.reduce((s, r) => s + Number(r[3]) * Number(r[5]), 0),
        6,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
