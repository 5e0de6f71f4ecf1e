import { describe, expect, it } from 'vitest';
import { createDecision } from './decision';

describe('createDecision', () => {
  const base = { value: 3, reasons: ['stock below reorder point'], model: { name: 'test', version: '1' } };

  it('gives every decision a distinct RFC 4122 UUID unless an id is passed', () => {
    const ids = Array.from({ length: 2000 }, () => createDecision(base).id);
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids.slice(0, 20)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(createDecision({ ...base, id: 'order-17' }).id).toBe('order-17');
  });

  it('starts issued with the given timestamp or now', () => {
    const before = Date.now();
    const made = createDecision(base);
    expect(made.status).toBe('issued');
    expect(Date.parse(made.createdAt)).toBeGreaterThanOrEqual(before);
    expect(createDecision({ ...base, createdAt: '2026-01-02T00:00:00.000Z' }).createdAt).toBe(
      '2026-01-02T00:00:00.000Z',
    );
  });
});
