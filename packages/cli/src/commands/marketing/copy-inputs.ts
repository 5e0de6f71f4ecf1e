import { readFile } from 'node:fs/promises';
import {
  createFallbackChain,
  createOpenAICompatible,
  type FailedAttempt,
  type LanguageModel,
  readRecords,
  TemplateLanguageModel,
} from '@shoppilot/core';
import { copyTemplates, type HistoricalCopy, type ProductFacts } from '@shoppilot/marketing';
import { UsageError } from '../../output/index';

/** The flags that describe the product (each overrides the same field of `--facts FILE.json`). */
export interface FactFlags {
  facts?: string;
  name?: string;
  price?: string;
  'original-price'?: string;
  discount?: string;
  currency?: string;
  category?: string;
  points?: string;
  ends?: string;
}

/** Product facts from `--facts FILE.json` and/or the single-field flags. */
export async function readFacts(flags: FactFlags): Promise<ProductFacts> {
  let facts: Partial<ProductFacts> = {};
  if (flags.facts) {
    try {
      facts = JSON.parse(await readFile(flags.facts, 'utf8')) as Partial<ProductFacts>;
    } catch (error) {
      throw new UsageError(`--facts ${flags.facts}: ${(error as Error).message}`);
    }
  }
  const number = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new UsageError(`--${flag} must be a number, got "${value}"`);
    return parsed;
  };
  const overrides: Partial<ProductFacts> = {
    name: flags.name,
    price: number(flags.price, 'price'),
    originalPrice: number(flags['original-price'], 'original-price'),
    discountPercent: number(flags.discount, 'discount'),
    currency: flags.currency,
    category: flags.category,
    promotionEnds: flags.ends,
    sellingPoints: flags.points
      ?.split(/[;；]/)
      .map((point) => point.trim())
      .filter(Boolean),
  };
  for (const [key, value] of Object.entries(overrides))
    if (value !== undefined) (facts as Record<string, unknown>)[key] = value;
  if (!facts.name || facts.price === undefined)
    throw new UsageError('give the product with --facts FILE.json or at least --name and --price');
  return facts as ProductFacts;
}

/** Past copy with its results (CSV or JSONL: text, and optionally channel, language, ctr, clicks, impressions, conversions). */
export async function readHistory(file: string): Promise<HistoricalCopy[]> {
  const fields = { ctr: 'number', clicks: 'number', impressions: 'number', conversions: 'number' } as const;
  const history: HistoricalCopy[] = [];
  for await (const batch of readRecords(file, { fields })) {
    for (const row of batch) {
      if (!('text' in row))
        throw new UsageError(`${file}: no column "text" (columns: ${Object.keys(row).join(', ')})`);
      const optional = (key: string) => (row[key] === undefined || row[key] === null ? undefined : row[key]);
      history.push({
        text: String(row.text ?? ''),
        channel: optional('channel') as string | undefined,
        language: optional('language') as string | undefined,
        ctr: optional('ctr') as number | undefined,
        clicks: optional('clicks') as number | undefined,
        impressions: optional('impressions') as number | undefined,
        conversions: optional('conversions') as number | undefined,
      });
    }
  }
  return history;
}

export interface ModelFlags {
  'base-url'?: string;
  model?: string;
  'api-key-env'?: string;
  fallback?: boolean;
}

/**
 * The offline template model, or an OpenAI-compatible model at `--base-url` followed (unless
 * `--no-fallback`) by the template model when it fails; failed attempts are collected in `failures`.
 */
export function buildModel(flags: ModelFlags, failures: FailedAttempt[]): LanguageModel {
  const templates = new TemplateLanguageModel({ templates: copyTemplates });
  if (!flags['base-url']) {
    if (flags.model) throw new UsageError('--model needs --base-url');
    return templates;
  }
  if (!flags.model) throw new UsageError('--base-url needs --model (the model name the server knows)');
  const remote = createOpenAICompatible({
    baseURL: flags['base-url'],
    model: flags.model,
    apiKeyEnv: flags['api-key-env'],
  });
  if (flags.fallback === false) return remote;
  return createFallbackChain([remote, templates], { onFallback: (attempt) => failures.push(attempt) });
}
