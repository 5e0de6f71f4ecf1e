import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { learnBrandVoice, selectExamples } from './brand-voice';
import { generateCopy } from './generate-copy';
import { CopyVariantTest } from './variant-test';

const history = [
  { text: '🔥 限时秒杀！手冲壶套装 到手价¥199', ctr: 0.052 },
  { text: '🔥 限时秒杀！保温杯 第二件半价', ctr: 0.047 },
  { text: '新品手冲壶 温润上釉 送礼体面', ctr: 0.021 },
  { text: '🎁 限时秒杀！咖啡豆 买二送一', ctr: 0.044 },
  { text: '夏日冰饮杯 清爽一夏', ctr: 0.012 },
];

describe('learnBrandVoice', () => {
  it('measures length, emoji and exclamation habits and favourite phrases exactly', async () => {
    const voice = await learnBrandVoice(history);
    expect(voice.samples).toBe(5);
    expect(voice.averageLength).toBeCloseTo(history.reduce((s, h) => s + [...h.text].length, 0) / 5, 12);
    expect(voice.emojiRate).toBeCloseTo(3 / 5, 12);
    expect(voice.exclamationRate).toBeCloseTo(3 / 5, 12);
    expect(voice.favouriteEmoji).toEqual(['🔥', '🎁']);
    expect(voice.favouritePhrases[0]).toBe('限时秒杀');
    expect(voice.favouritePhrases).toContain('手冲壶');
  });

  it('retrieves the most similar of the better-performing copies as examples', async () => {
    const voice = await learnBrandVoice(history);
    const examples = await selectExamples(voice, '手冲壶 陶瓷 上釉', { k: 2 });
    // candidates: CTR >= median (0.044): the 0.052, 0.047 and 0.044 copies; the pour-over one is closest
    expect(examples[0].text).toBe('🔥 限时秒杀！手冲壶套装 到手价¥199');
    expect(examples.every((e) => e.score >= 0.044)).toBe(true);
  });

  it('shapes offline copy: emoji and "!" habits where the channel allows, examples passed to the model', async () => {
    const voice = await learnBrandVoice(history);
    const result = await generateCopy(
      {
        facts: { name: '手冲壶', price: 199, originalPrice: 249, sellingPoints: ['上釉'] },
        channel: 'push',
        language: 'zh',
      },
      { voice, variants: 1 },
    );
    expect(result.variants[0].text.startsWith('🔥 ')).toBe(true);
    expect(result.variants[0].text.endsWith('！')).toBe(true);
    expect(result.variants[0].passed).toBe(true);
    expect(result.examples.length).toBeGreaterThan(0);
  });
});

describe('CopyVariantTest', () => {
  it('sends most traffic to the variant that converts best (Thompson sampling)', async () => {
    const result = await generateCopy(
      { facts: { name: 'Mug', price: 19 }, channel: 'push', language: 'en' },
      { variants: 3 },
    );
    const test = new CopyVariantTest(result, { seed: 1 });
    const rates: Record<string, number> = { v1: 0.02, v2: 0.05, v3: 0.03 };
    const rng = createRng(2);
    const shown: Record<string, number> = { v1: 0, v2: 0, v3: 0 };
    for (let i = 0; i < 20_000; i++) {
      const id = test.choose();
      shown[id]++;
      test.record(id, rng.next() < rates[id] ? 1 : 0);
    }
    expect(shown.v2 / 20_000).toBeGreaterThan(0.8);
    expect(test.probabilityBest().v2).toBeGreaterThan(0.95);
  });
});
