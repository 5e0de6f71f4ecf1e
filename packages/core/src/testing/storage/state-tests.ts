import { expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type { BehaviorEvent } from '../../schema/behavior-event';
import { type ConformanceContext, collect } from './conformance-context';

/** Strings that break naive SQL, JSON or UTF-16 handling (none contains NUL). */
export const HOSTILE_STRINGS: readonly string[] = [
  '用户-张三',
  '评论：质量很好，物流快！',
  '😀👍🏽🇨🇳',
  "O'Brien",
  'say "hi"',
  'back\\slash\\',
  "'; DROP TABLE events; --",
  'line\nbreak\r\ttab',
  '%_*?[]',
  'ｆｕｌｌｗｉｄｔｈ',
  'zero\u200bwidth',
  'عربى',
  'a\u0301 combining',
  '\uFFFF',
  '$1 ?, :name @p',
];

/** Key-value state semantics and hostile strings everywhere. */
export function defineStateTests({ open }: ConformanceContext): void {
  it('state: set, get, overwrite, delete; values go through JSON', async () => {
    const storage = await open();
    expect(await storage.getState('missing')).toBeUndefined();
    const value = {
      n: 1.5,
      list: [1, 'two', null, { deep: true }],
      text: '中文 😀',
      empty: {},
      skip: undefined,
    };
    await storage.setState('k', value);
    expect(await storage.getState('k')).toStrictEqual({
      n: 1.5,
      list: [1, 'two', null, { deep: true }],
      text: '中文 😀',
      empty: {},
    });
    for (const scalar of [0, -1e-300, 'text', true, false, null, [], 'nul \u0000 inside a value']) {
      await storage.setState('k', scalar);
      expect(await storage.getState('k')).toStrictEqual(scalar);
    }
    await storage.setState('date', new Date(Date.UTC(2024, 0, 2)));
    expect(await storage.getState('date')).toBe('2024-01-02T00:00:00.000Z');
    await storage.setState('obj', { a: [1] });
    const read = (await storage.getState<{ a: number[] }>('obj')) as { a: number[] };
    read.a.push(2);
    expect(await storage.getState('obj')).toEqual({ a: [1] });
    expect(await storage.deleteState('k')).toBe(true);
    expect(await storage.deleteState('k')).toBe(false);
    expect(await storage.getState('k')).toBeUndefined();
    await expect(storage.setState('k', undefined)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(storage.setState('k', 10n)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(storage.setState('', 1)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(storage.getState('nul\u0000key')).rejects.toSatisfy(InvalidArgumentError.isInstance);
  });

  it('listState: literal prefixes (no wildcards), code-point order', async () => {
    const storage = await open();
    const keys = ['a', 'ab', 'a/2', 'a/10', 'a%', 'a_', 'A', 'b', '中文/1', '😀', '\uFFFD', 'a\uFFFF', 'a😀'];
    for (const [i, key] of keys.entries()) await storage.setState(key, i);
    const sorted = [
      'A',
      'a',
      'a%',
      'a/10',
      'a/2',
      'a_',
      'ab',
      'a\uFFFF',
      'a😀',
      'b',
      '中文/1',
      '\uFFFD',
      '😀',
    ];
    const entries = await storage.listState('');
    expect(entries.map((e) => e.key)).toEqual(sorted);
    expect(entries.map((e) => e.value)).toEqual(sorted.map((key) => keys.indexOf(key)));
    expect((await storage.listState('a')).map((e) => e.key)).toEqual(sorted.slice(1, 9));
    expect((await storage.listState('a%')).map((e) => e.key)).toEqual(['a%']);
    expect((await storage.listState('a_')).map((e) => e.key)).toEqual(['a_']);
    expect((await storage.listState('a/')).map((e) => e.key)).toEqual(['a/10', 'a/2']);
    expect((await storage.listState('a\uFFFF')).map((e) => e.key)).toEqual(['a\uFFFF']);
    expect((await storage.listState('中文')).map((e) => e.key)).toEqual(['中文/1']);
    expect(await storage.listState('zzz')).toEqual([]);
  });

  it('hostile and non-Latin strings round-trip in ids, contexts, keys, values and names', async () => {
    const storage = await open();
    const events: BehaviorEvent[] = HOSTILE_STRINGS.map((text, i) => ({
      userId: text,
      itemId: `${text}-item`,
      categoryId: text,
      type: 'view',
      timestamp: 1_000 + i,
      context: { channel: text, geo: text },
    }));
    await storage.appendEvents(events);
    for (const event of events) {
      const stored = await collect(storage.scanEvents({ userId: event.userId }));
      expect(stored).toHaveLength(1);
      expect({ ...stored[0], eventId: undefined }).toEqual({ ...event, eventId: undefined });
    }
    expect(new Set(await collect(storage.listUsers()))).toEqual(new Set(HOSTILE_STRINGS));
    for (const text of HOSTILE_STRINGS) {
      await storage.setState(text, { text }, { userId: text });
      expect(await storage.getState(text)).toEqual({ text });
      const info = await storage.putArtifact(text, new TextEncoder().encode(text), { metadata: { text } });
      const artifact = await storage.getArtifact(text);
      expect(info.metadata).toEqual({ text });
      expect(new TextDecoder().decode(artifact?.data)).toBe(text);
    }
    expect((await storage.listState('')).map((e) => e.key).sort()).toEqual([...HOSTILE_STRINGS].sort());
  });
}
