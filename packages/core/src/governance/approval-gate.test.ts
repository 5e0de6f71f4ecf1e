import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { MemoryStorage } from '../storage/memory-storage';
import { SqliteStorage } from '../storage/sqlite-storage';
import type { Storage } from '../storage/storage';
import { ApprovalGate } from './approval-gate';
import { createDecision, type Decision } from './decision';

interface Order {
  sku: string;
  units: number;
}

const directory = mkdtempSync(join(tmpdir(), 'shoppilot-approval-'));
let files = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function order(id: string, magnitude: number | undefined, minute: number): Decision<Order> {
  return createDecision<Order>({
    id,
    value: { sku: `sku-${id}`, units: 10 },
    reasons: ['on hand 40 + on order 20 < reorder point 75'],
    model: { name: 'inventory.reorder-point', version: '1' },
    createdAt: new Date(Date.UTC(2024, 4, 1, 9, minute)).toISOString(),
    magnitude,
  });
}

const stores: Record<string, () => Storage> = {
  memory: () => new MemoryStorage(),
  sqlite: () => new SqliteStorage({ path: join(directory, `gate-${files++}.db`) }),
};

for (const [kind, create] of Object.entries(stores)) {
  describe(`ApprovalGate on ${kind} storage`, () => {
    const opened: Storage[] = [];
    const open = () => {
      const storage = create();
      opened.push(storage);
      return storage;
    };
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close();
    });

    it('routes decisions above the threshold to a human; others are issued unchanged', async () => {
      const gate = new ApprovalGate<Order>({ storage: open(), requireApproval: 1_000 });
      const small = await gate.submit(order('small', 500, 1));
      const edge = await gate.submit(order('edge', 1_000, 2));
      const unsized = await gate.submit(order('unsized', undefined, 3));
      const big = await gate.submit(order('big', 5_000, 4));
      expect([small.status, edge.status, unsized.status]).toEqual(['issued', 'issued', 'issued']);
      expect(small.reasons).toEqual(['on hand 40 + on order 20 < reorder point 75']);
      expect(big.status).toBe('pending-approval');
      expect(big.reasons).toEqual([
        'on hand 40 + on order 20 < reorder point 75',
        'needs approval: magnitude 5000 is above the approval threshold 1000',
      ]);
      expect((await gate.pending()).map((d) => d.id)).toEqual(['big']);
      expect((await gate.list()).map((d) => d.id)).toEqual(['small', 'edge', 'unsized', 'big']);
      expect(await gate.get('big')).toEqual(big);
    });

    it('a rule function decides, and its reason joins the trace', async () => {
      const gate = new ApprovalGate<Order>({
        storage: open(),
        requireApproval: (d) => (d.value.sku === 'sku-new' ? 'first order of a new SKU' : undefined),
      });
      expect((await gate.submit(order('new', 1, 1))).reasons.at(-1)).toBe(
        'needs approval: first order of a new SKU',
      );
      expect((await gate.submit(order('old', 1e9, 2))).status).toBe('issued');
    });

    it('approve and reject record who, when and why; pending empties', async () => {
      const gate = new ApprovalGate<Order>({ storage: open(), requireApproval: 100 });
      await gate.submit(order('a', 200, 1));
      await gate.submit(order('b', 300, 2));
      const before = Date.now();
      const approved = await gate.approve('a', { by: 'buyer@shop', note: 'supplier promo' });
      const rejected = await gate.reject('b', { by: '王经理' });
      expect(approved).toMatchObject({
        status: 'approved',
        review: { by: 'buyer@shop', note: 'supplier promo' },
      });
      expect(rejected).toMatchObject({ status: 'rejected', review: { by: '王经理' } });
      expect(Date.parse(approved.review?.at ?? '')).toBeGreaterThanOrEqual(before - 1);
      expect(await gate.pending()).toEqual([]);
      expect((await gate.list()).map((d) => d.status)).toEqual(['approved', 'rejected']);
    });

    it('unknown ids, double reviews and reviews of issued decisions are errors', async () => {
      const gate = new ApprovalGate<Order>({ storage: open(), requireApproval: 100 });
      await gate.submit(order('p', 200, 1));
      await gate.submit(order('i', 50, 2));
      await expect(gate.approve('nope', { by: 'x' })).rejects.toSatisfy(InvalidArgumentError.isInstance);
      await gate.approve('p', { by: 'x' });
      const twice = await gate.reject('p', { by: 'y' }).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(twice)).toBe(true);
      expect((twice as Error).message).toContain('is approved, not pending approval');
      await expect(gate.approve('i', { by: 'x' })).rejects.toSatisfy(InvalidArgumentError.isInstance);
      expect((await gate.get('p'))?.review?.by).toBe('x');
      expect(() => new ApprovalGate({ storage: open(), requireApproval: Number.NaN })).toThrow(
        /finite number/,
      );
    });

    it('gates with different prefixes share a store without seeing each other', async () => {
      const storage = open();
      const orders = new ApprovalGate<Order>({ storage, requireApproval: 0, prefix: 'approval/orders/' });
      const budgets = new ApprovalGate<Order>({ storage, requireApproval: 0, prefix: 'approval/budgets/' });
      await orders.submit(order('o1', 1, 1));
      await budgets.submit(order('b1', 1, 2));
      expect((await orders.list()).map((d) => d.id)).toEqual(['o1']);
      expect((await budgets.pending()).map((d) => d.id)).toEqual(['b1']);
    });
  });
}

describe('ApprovalGate persistence', () => {
  it('a reopened SQLite file keeps the queue and its reviews', async () => {
    const path = join(directory, 'persist.db');
    const first = new SqliteStorage({ path });
    await new ApprovalGate<Order>({ storage: first, requireApproval: 10 }).submit(order('keep', 99, 1));
    await first.close();

    const second = new SqliteStorage({ path });
    const gate = new ApprovalGate<Order>({ storage: second, requireApproval: 10 });
    expect((await gate.pending()).map((d) => d.id)).toEqual(['keep']);
    await gate.approve('keep', { by: 'ops' });
    await second.close();

    const third = new SqliteStorage({ path });
    const reopened = await new ApprovalGate<Order>({ storage: third }).get('keep');
    expect(reopened).toMatchObject({
      status: 'approved',
      value: { sku: 'sku-keep', units: 10 },
      review: { by: 'ops' },
    });
    await third.close();
  });
});
