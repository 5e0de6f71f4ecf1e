import type { FailedAttempt } from '@shoppilot/core';
import {
  type CopyChannel,
  type CopyLanguage,
  copyChannels,
  copyLanguages,
  generateCopy,
  learnBrandVoice,
} from '@shoppilot/marketing';
import { defineCommand } from 'citty';
import { choiceFlag, integerFlag, printJson, printLines, printNote, UsageError } from '../../output/index';
import { buildModel, readFacts, readHistory } from './copy-inputs';

export const copyGenerateCommand = defineCommand({
  meta: {
    name: 'generate',
    description:
      'Write checked marketing copy variants (facts, compliance, length, format) with the offline template model or an OpenAI-compatible LLM',
  },
  args: {
    channel: { type: 'string', description: `Channel: ${copyChannels.join(', ')}`, required: true },
    language: { type: 'string', description: `Language: ${copyLanguages.join(', ')}`, required: true },
    facts: {
      type: 'string',
      description:
        'Product facts JSON (name, price, originalPrice, discountPercent, currency, category, sellingPoints, promotionEnds)',
    },
    name: { type: 'string', description: 'Product name (overrides the facts file)' },
    price: { type: 'string', description: 'Selling price' },
    'original-price': { type: 'string', description: 'Price before the discount' },
    discount: { type: 'string', description: 'Percent off (20 = 20% off; default: from the original price)' },
    currency: { type: 'string', description: 'ISO 4217 currency (default CNY)' },
    category: { type: 'string', description: 'Product category' },
    points: { type: 'string', description: 'Selling points separated by ";"' },
    ends: { type: 'string', description: 'Last day of the promotion (YYYY-MM-DD)' },
    segment: { type: 'string', description: 'Audience segment, e.g. "new customers"' },
    history: {
      type: 'string',
      description:
        'Past copy with results (CSV/JSONL: text, channel, language, ctr | clicks + impressions | conversions): learn the brand voice, few-shot examples',
    },
    banned: { type: 'string', description: "The merchant's banned words, comma-separated" },
    variants: { type: 'string', description: 'Variants to write (default 3)' },
    'max-attempts': {
      type: 'string',
      description: 'Drafts per variant, regenerated with the reasons (default 3)',
    },
    'base-url': {
      type: 'string',
      description:
        'OpenAI-compatible API root, e.g. http://localhost:11434/v1 (default: offline template model)',
    },
    model: { type: 'string', description: 'Model name at --base-url' },
    'api-key-env': {
      type: 'string',
      description: 'Environment variable holding the API key (none sent when omitted)',
    },
    fallback: {
      type: 'boolean',
      description: 'Fall back to the template model when the LLM fails (--no-fallback: fail)',
      default: true,
    },
    seed: { type: 'string', description: 'Seed (default 0)' },
    json: { type: 'boolean', description: 'Print only the JSON result', default: false },
  },
  async run({ args }) {
    const channel = choiceFlag(args.channel, 'channel', copyChannels) as CopyChannel;
    const language = choiceFlag(args.language, 'language', copyLanguages) as CopyLanguage;
    const facts = await readFacts(args);
    const failures: FailedAttempt[] = [];
    const model = buildModel(args, failures);
    const voice = args.history ? await learnBrandVoice(await readHistory(args.history)) : undefined;
    const seed = args.seed === undefined ? 0 : Number(args.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${args.seed}"`);
    const result = await generateCopy(
      { facts, channel, language, segment: args.segment },
      {
        model,
        voice,
        variants: integerFlag(args.variants, 'variants'),
        maxAttempts: integerFlag(args['max-attempts'], 'max-attempts'),
        merchantBannedWords: args.banned
          ?.split(',')
          .map((w) => w.trim())
          .filter(Boolean),
        seed,
      },
    );
    const fallbacks = failures.map((f) => ({
      model: `${f.model.provider}:${f.model.modelId}`,
      reason: f.reason,
      message: f.message,
    }));
    // A variant that never passed its checks is printed with its violations, and the exit code is 1.
    if (result.variants.some((v) => !v.passed)) process.exitCode = 1;
    if (args.json) return printJson({ ...result, fallbacks });
    if (fallbacks.length)
      printNote(
        `warning: ${fallbacks.length} call(s) fell back to the template model (${fallbacks[0].model}: ${fallbacks[0].message})`,
      );
    for (const warning of result.warnings) printNote(`warning: ${warning}`);
    printLines(
      ...result.variants.flatMap((v) => [
        `${v.id} ${v.passed ? 'passed' : 'FAILED'} (${v.attempts} attempt${v.attempts > 1 ? 's' : ''}, ${v.model.provider}:${v.model.modelId})`,
        `  ${v.text}`,
        ...v.checks.filter((c) => !c.passed).map((c) => `  ${c.name}: ${c.violations.join('; ')}`),
      ]),
    );
  },
});

/** `shoppilot copy generate`. */
export const copyCommand = defineCommand({
  meta: { name: 'copy', description: 'Marketing copy: write checked variants for a product and channel' },
  subCommands: { generate: copyGenerateCommand },
});
