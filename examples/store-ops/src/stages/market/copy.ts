import {
  createFallbackChain,
  createOpenAICompatible,
  type LanguageModel,
  TemplateLanguageModel,
} from '@shoppilot/core';
import {
  type CopyChannel,
  type CopyLanguage,
  checkCompliance,
  checkFacts,
  generateCopy,
  type ProductFacts,
} from '@shoppilot/marketing';
import type { RetailLine } from '../../data/retail';

export interface CopySample {
  product: string;
  channel: string;
  language: string;
  text: string;
  passed: boolean;
  attempts: number;
  model: string;
  checks: Array<{ name: string; passed: boolean; violations: string[] }>;
}

export interface ComplianceExample {
  draft: string;
  language: string;
  passed: boolean;
  violations: string[];
}

export interface CopyResultSection {
  model: string;
  facts: Array<{
    name: string;
    price: number;
    originalPrice: number;
    currency: string;
    promotionEnds: string;
  }>;
  samples: CopySample[];
  complianceExamples: ComplianceExample[];
  passedShare: number;
  warnings: string[];
}

const BRIEFS: ReadonlyArray<{ channel: CopyChannel; language: CopyLanguage }> = [
  { channel: 'push', language: 'zh' },
  { channel: 'push', language: 'en' },
  { channel: 'product-title', language: 'zh' },
  { channel: 'email-subject', language: 'en' },
];

function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The shop's best sellers by revenue, with an illustrative 20% promotion (the data has none). */
export function productFacts(lines: readonly RetailLine[], count: number): ProductFacts[] {
  const byItem = new Map<string, { revenue: number; prices: number[]; name: string }>();
  for (const line of lines) {
    if (line.cancelled || line.service || line.unitPrice <= 0) continue;
    const entry = byItem.get(line.itemId) ?? { revenue: 0, prices: [], name: line.description };
    entry.revenue += line.quantity * line.unitPrice;
    entry.prices.push(line.unitPrice);
    byItem.set(line.itemId, entry);
  }
  return [...byItem.values()]
    .sort((a, b) => b.revenue - a.revenue)
    .slice(0, count)
    .map((item) => {
      const originalPrice = median(item.prices);
      return {
        name: titleCase(item.name),
        price: Math.round(originalPrice * 80) / 100,
        originalPrice,
        currency: 'GBP',
        sellingPoints: ['one of our best sellers', 'ships from the UK'],
        promotionEnds: '2011-12-24',
      };
    });
}

/** The offline template model, or an OpenAI-compatible server with the template model as fallback. */
export function copyModel(baseURL: string | undefined, modelId: string): LanguageModel {
  const offline = new TemplateLanguageModel();
  if (!baseURL) return offline;
  const remote = createOpenAICompatible({
    baseURL,
    model: modelId,
    apiKeyEnv: 'OPENAI_API_KEY',
    timeoutMs: 20_000,
    maxRetries: 1,
  });
  return createFallbackChain([remote, offline]);
}

/** Copy variants per brief with their checks, and the checks on drafts that break the rules. */
export async function writeCopy(
  facts: readonly ProductFacts[],
  model: LanguageModel,
  seed: number,
): Promise<CopyResultSection> {
  const samples: CopySample[] = [];
  const warnings: string[] = [];
  for (const product of facts) {
    for (const brief of BRIEFS) {
      const result = await generateCopy({ facts: product, ...brief }, { model, variants: 2, seed });
      warnings.push(
        ...result.warnings.map((w) => `${product.name} ${brief.channel}/${brief.language}: ${w}`),
      );
      for (const variant of result.variants) {
        samples.push({
          product: product.name,
          channel: brief.channel,
          language: brief.language,
          text: variant.text,
          passed: variant.passed,
          attempts: variant.attempts,
          model: `${variant.model.provider}/${variant.model.modelId}`,
          checks: variant.checks,
        });
      }
    }
  }
  const first = facts[0];
  const drafts: Array<{ draft: string; language: CopyLanguage }> = [
    { draft: `全网最低价！${first.name} 仅需¥9.9，错过再等一年`, language: 'zh' },
    { draft: `国家级品质 ${first.name}，第一名的选择`, language: 'zh' },
    { draft: `${first.name}: now £0.99, guaranteed lowest price`, language: 'en' },
  ];
  const complianceExamples = drafts.map(({ draft, language }) => {
    const compliance = checkCompliance(draft, { merchantBannedWords: ['guaranteed'] });
    const factCheck = checkFacts(draft, first, language);
    const violations = [...compliance.violations, ...factCheck.violations];
    return { draft, language, passed: violations.length === 0, violations };
  });
  return {
    model: `${model.provider}/${model.modelId}`,
    facts: facts.map((f) => ({
      name: f.name,
      price: f.price,
      originalPrice: f.originalPrice ?? f.price,
      currency: f.currency ?? 'GBP',
      promotionEnds: f.promotionEnds ?? '',
    })),
    samples,
    complianceExamples,
    passedShare: samples.filter((s) => s.passed).length / Math.max(1, samples.length),
    warnings,
  };
}
