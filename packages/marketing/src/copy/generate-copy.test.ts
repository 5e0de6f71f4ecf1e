import type { GenerateRequest, GenerateResult, LanguageModel } from '@shoppilot/core';
import { TemplateLanguageModel } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { copyChannels, copyLanguages } from './channels';
import { copyResultSchema } from './copy-schema';
import { generateCopy } from './generate-copy';

const facts = {
  name: 'Ceramic Pour-Over Set',
  price: 199,
  originalPrice: 249,
  currency: 'CNY',
  promotionEnds: '2025-06-18',
  sellingPoints: ['hand-glazed', 'dishwasher safe'],
};
const zhFacts = { ...facts, name: '手作陶瓷手冲壶', sellingPoints: ['手工上釉', '可洗碗机清洗'] };

/** A scripted model: answers each call with the next text of `answers` (JSON `{ text }`). */
function scripted(answers: string[]): LanguageModel & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    provider: 'test',
    modelId: 'scripted',
    requests,
    async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
      requests.push(request);
      const text = answers[Math.min(requests.length - 1, answers.length - 1)];
      return {
        text: JSON.stringify({ text }),
        finishReason: 'stop',
        usage: {},
        model: { provider: 'test', modelId: 'scripted' },
        warnings: [],
      };
    },
  } as LanguageModel & { requests: GenerateRequest[] };
}

describe('generateCopy offline (built-in templates)', () => {
  it('writes valid copy for every channel x language: facts, compliance, length and format pass on the first draft', async () => {
    for (const language of copyLanguages) {
      for (const channel of copyChannels) {
        const result = await generateCopy(
          { facts: language === 'zh' ? zhFacts : facts, channel, language },
          { variants: 2 },
        );
        expect(copyResultSchema.parse(result)).toEqual(result);
        for (const variant of result.variants) {
          expect(
            variant.passed,
            `${language}/${channel}: ${variant.text} ${JSON.stringify(variant.checks)}`,
          ).toBe(true);
          expect(variant.attempts).toBe(1);
          expect(variant.checks.map((c) => c.name)).toEqual(['facts', 'compliance', 'length', 'format']);
        }
      }
    }
  });

  it('inserts the facts: the zh push names the product, 8折 for 20% off, the price and the end date', async () => {
    const result = await generateCopy(
      { facts: zhFacts, channel: 'push', language: 'zh', segment: '会员' },
      { variants: 1 },
    );
    expect(result.variants[0].text).toBe('会员专享 手作陶瓷手冲壶 8折 到手价¥199 6月18日截止 立即抢购');
  });

  it('is deterministic', async () => {
    const brief = { facts, channel: 'social-post' as const, language: 'fr' as const };
    expect(await generateCopy(brief)).toEqual(await generateCopy(brief));
  });

  it('adds the templates to a TemplateLanguageModel that lacks them', async () => {
    const result = await generateCopy(
      { facts, channel: 'email-subject', language: 'de' },
      { model: new TemplateLanguageModel(), variants: 1 },
    );
    expect(result.variants[0].passed).toBe(true);
  });
});

describe('generateCopy with a model that makes mistakes', () => {
  it('regenerates with the reasons and fills slots from the facts', async () => {
    const model = scripted(['全网最低价 {name} 只要 ¥99！', '{name} 限时 {discount} 到手价{price}']);
    const result = await generateCopy(
      { facts: zhFacts, channel: 'push', language: 'zh' },
      { model, variants: 1 },
    );
    const [variant] = result.variants;
    expect(variant.passed).toBe(true);
    expect(variant.attempts).toBe(2);
    expect(variant.text).toBe('手作陶瓷手冲壶 限时 8折 到手价¥199');
    const retry = model.requests[1].messages?.map((m) => m.content).join('\n') ?? '';
    expect(retry).toMatch(/price "¥99" does not match/);
    expect(retry).toMatch(/banned absolute term "最"/);
  });

  it('returns a variant that never passes with its violations listed, never silently', async () => {
    const model = scripted(['Best price ever: 50% off, only $10 until 7/4!']);
    const result = await generateCopy(
      { facts, channel: 'search-ad', language: 'en' },
      { model, variants: 1, maxAttempts: 2, merchantBannedWords: ['best price'] },
    );
    const [variant] = result.variants;
    expect(variant.passed).toBe(false);
    expect(variant.attempts).toBe(2);
    const violations = variant.checks.flatMap((c) => c.violations);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/price "\$10"/),
        expect.stringMatching(/percentage "50%"/),
        expect.stringMatching(/date "7\/4"/),
        expect.stringMatching(/banned word "best price"/),
        expect.stringMatching(/over the search-ad limit of 30/),
        expect.stringMatching(/"!" is not allowed/),
      ]),
    );
    expect(result.warnings).toEqual(['variant v1 failed its checks after 2 attempts']);
  });
});
