import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, sleep } from './retry';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': 'Wed, 01 May 2024 12:00:07 GMT' }, 7000],
    [{ 'retry-after': 'Wed, 01 May 2024 11:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j -> %s ms', (headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), now)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles per retry, is capped, and jitters within [delay/2, delay]', () => {
    expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, 500, 30_000, () => 1))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([0, 1, 2].map((retry) => backoffDelay(retry, 500, 30_000, () => 0))).toEqual([250, 500, 1000]);
    expect(backoffDelay(10, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(1, 500, 30_000, () => 0.5)).toBe(750);
  });
});

describe('sleep', () => {
  it('rejects with an aborted AdapterError as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal, 'test');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ reason: 'aborted', adapter: 'test' });
  });
});
