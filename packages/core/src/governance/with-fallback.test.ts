import { describe, expect, it } from 'vitest';
import { withFallback } from './with-fallback';

describe('withFallback', () => {
  const primary = (x: number) => {
    if (x < 0) throw new Error('negative input');
    return x * 2;
  };
  const fallback = (x: number) => Math.abs(x);

  it('uses the primary when it answers', async () => {
    const model = withFallback(primary, fallback);
    expect(await model(3)).toEqual({ value: 6, source: 'primary' });
  });

  it('falls back on error and reports the reason and the error', async () => {
    const result = await withFallback(primary, fallback)(-4);
    expect(result.value).toBe(4);
    expect(result.source).toBe('fallback');
    expect(result.reason).toBe('primary failed: negative input');
    expect((result.error as Error).message).toBe('negative input');
  });

  it('falls back when the guard gives a reason, without calling the primary', async () => {
    let called = 0;
    const model = withFallback(
      (x: number) => {
        called++;
        return x;
      },
      () => -1,
      { guard: (x) => (x > 10 ? `input ${x} is out of range` : undefined) },
    );
    expect(await model(11)).toEqual({ value: -1, source: 'fallback', reason: 'input 11 is out of range' });
    expect(called).toBe(0);
  });

  it('rethrows aborts instead of falling back', async () => {
    const model = withFallback(
      () => {
        throw new DOMException('stopped', 'AbortError');
      },
      () => 0,
    );
    await expect(model(1)).rejects.toThrow('stopped');
  });
});
