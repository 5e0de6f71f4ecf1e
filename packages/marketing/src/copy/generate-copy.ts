import {
  generateObject,
  InvalidArgumentError,
  type LanguageModel,
  TemplateLanguageModel,
} from '@shoppilot/core';
import { type BrandVoice, selectExamples } from './brand-voice';
import {
  type ChannelSpec,
  type CopyChannel,
  type CopyLanguage,
  channelMaxLength,
  copyChannels,
  copyLanguages,
} from './channels';
import {
  type ComplianceOptions,
  type CopyCheck,
  checkCompliance,
  checkFormat,
  checkLength,
} from './compliance';
import { type CopyResult, type CopyVariant, copyDraftSchema } from './copy-schema';
import { COPY_TASK, type CopyTaskInput, copyTemplates } from './copy-templates';
import { checkFacts } from './fact-check';
import { normaliseFacts, type ProductFacts } from './product-facts';
import { fillSlots } from './slots';

export interface CopyBrief {
  facts: ProductFacts;
  channel: CopyChannel;
  language: CopyLanguage;
  /** Audience segment, e.g. "new customers", "会员". */
  segment?: string;
}

export interface GenerateCopyOptions extends ComplianceOptions {
  /** Any language model; default: core's offline TemplateLanguageModel with the built-in copy templates. */
  model?: LanguageModel;
  /** Variants to write. Default 3. */
  variants?: number;
  /** Drafts per variant (first + regenerations with the reasons). Default 3. */
  maxAttempts?: number;
  /** Brand voice learned from past copy (habits + few-shot examples). */
  voice?: BrandVoice;
  /** Few-shot examples to retrieve from the voice. Default 3. */
  examples?: number;
  seed?: number;
  signal?: AbortSignal;
}

/**
 * Writes copy variants for a brief: each draft comes from the model (JSON `{ text }`), has its
 * `{slots}` filled from the facts, then must pass the fact check (every price, percentage and date
 * matches the facts), compliance (legal absolute terms, merchant banned words), the channel's length
 * limit and format. A failing draft is regenerated with the reasons up to `maxAttempts` times; a
 * variant that never passes is returned with `passed: false` and its violations, never dropped.
 */
export async function generateCopy(brief: CopyBrief, options: GenerateCopyOptions = {}): Promise<CopyResult> {
  validateBrief(brief);
  const facts = normaliseFacts(brief.facts);
  const model = withCopyTemplates(options.model);
  const maxLength = channelMaxLength(
    brief.channel,
    brief.language,
    options.channelOverrides as Partial<Record<CopyChannel, Partial<ChannelSpec>>>,
  );
  const briefText = [facts.name, facts.category, ...facts.sellingPoints].filter(Boolean).join(' ');
  const examples = options.voice
    ? await selectExamples(options.voice, briefText, {
        k: options.examples ?? 3,
        channel: brief.channel,
        language: brief.language,
      })
    : [];
  const variants: CopyVariant[] = [];
  for (let variant = 0; variant < (options.variants ?? 3); variant++) {
    variants.push(
      await writeVariant(
        model,
        { brief, facts, maxLength, variant, examples: examples.map((e) => e.text) },
        options,
      ),
    );
  }
  const warnings = variants
    .filter((v) => !v.passed)
    .map((v) => `variant ${v.id} failed its checks after ${v.attempts} attempts`);
  return {
    channel: brief.channel,
    language: brief.language,
    variants,
    examples: examples.map((e) => e.text),
    warnings,
  };
}

interface VariantContext {
  brief: CopyBrief;
  facts: CopyTaskInput['facts'];
  maxLength: number;
  variant: number;
  examples: string[];
}

async function writeVariant(
  model: LanguageModel,
  context: VariantContext,
  options: GenerateCopyOptions,
): Promise<CopyVariant> {
  const maxAttempts = options.maxAttempts ?? 3;
  let feedback: string[] | undefined;
  let last: CopyVariant | undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const input = taskInput(context, attempt, feedback, options.voice);
    const result = await generateObject(model, {
      schema: copyDraftSchema,
      schemaName: 'copy',
      system: systemPrompt(input, context.examples),
      prompt: userPrompt(input),
      task: { name: COPY_TASK, input },
      seed: (options.seed ?? 0) * 1000 + context.variant * 10 + attempt,
      signal: options.signal,
    });
    const text = fillSlots(result.object.text.trim(), context.facts, context.brief.language);
    const checks = runChecks(text, context, options);
    last = {
      id: `v${context.variant + 1}`,
      text,
      passed: checks.every((c) => c.passed),
      checks,
      attempts: attempt + 1,
      model: result.model,
    };
    if (last.passed) return last;
    feedback = checks.flatMap((c) => c.violations);
  }
  return last!;
}

/** All checks of one draft. */
export function runChecks(
  text: string,
  context: { brief: CopyBrief; facts: ProductFacts },
  options: ComplianceOptions = {},
): CopyCheck[] {
  const { channel, language } = context.brief;
  const facts = checkFacts(text, context.facts, language);
  return [
    { name: 'facts', ...facts },
    checkCompliance(text, options),
    checkLength(text, channel, language, options),
    checkFormat(text, channel, language, options),
  ];
}

function taskInput(
  context: VariantContext,
  attempt: number,
  feedback: string[] | undefined,
  voice: BrandVoice | undefined,
): CopyTaskInput {
  return {
    locale: context.brief.language,
    channel: context.brief.channel,
    facts: context.facts,
    segment: context.brief.segment,
    voice: voice && {
      emojiRate: voice.emojiRate,
      exclamationRate: voice.exclamationRate,
      favouritePhrases: voice.favouritePhrases,
      favouriteEmoji: voice.favouriteEmoji,
    },
    variant: context.variant,
    attempt,
    feedback,
    maxLength: context.maxLength,
  };
}

function systemPrompt(input: CopyTaskInput, examples: string[]): string {
  const lines = [
    `You write ${input.channel} marketing copy in language "${input.locale}", at most ${input.maxLength} characters.`,
    'Answer with JSON {"text": "..."} only.',
    'Use the slots {name}, {price}, {originalPrice}, {discount}, {endDate} for facts; never write other prices, percentages or dates.',
    'Never use absolute claims (最, 第一, 顶级, 国家级, best, No.1, ...).',
  ];
  if (input.voice) {
    lines.push(
      `Brand voice: about ${Math.round(input.voice.emojiRate * 100)}% of our copies use emoji, ${Math.round(input.voice.exclamationRate * 100)}% use "!"; favourite phrases: ${input.voice.favouritePhrases.slice(0, 5).join(', ')}.`,
    );
  }
  if (examples.length) lines.push('Our best past copies:', ...examples.map((e) => `- ${e}`));
  return lines.join('\n');
}

function userPrompt(input: CopyTaskInput): string {
  const { facts } = input;
  const lines = [
    `Product: ${facts.name}${facts.category ? ` (${facts.category})` : ''}`,
    `Selling points: ${facts.sellingPoints.join('; ') || 'none given'}`,
    `Audience: ${input.segment ?? 'all customers'}`,
    `Variant ${input.variant + 1}: make it different from the other variants.`,
  ];
  if (input.feedback?.length)
    lines.push(`The previous draft failed these checks, fix them: ${input.feedback.join('; ')}`);
  return lines.join('\n');
}

/** The given model, with the built-in copy templates added when it is a template model without them. */
export function withCopyTemplates(model: LanguageModel | undefined): LanguageModel {
  if (!model) return new TemplateLanguageModel({ templates: copyTemplates });
  if (model instanceof TemplateLanguageModel && !model.hasTemplate(COPY_TASK))
    return model.withTemplates(copyTemplates);
  return model;
}

function validateBrief(brief: CopyBrief): void {
  if (!(copyChannels as readonly string[]).includes(brief.channel)) {
    throw new InvalidArgumentError({
      argument: 'brief.channel',
      message: `must be one of ${copyChannels.join(', ')}`,
      value: brief.channel,
    });
  }
  if (!(copyLanguages as readonly string[]).includes(brief.language)) {
    throw new InvalidArgumentError({
      argument: 'brief.language',
      message: `must be one of ${copyLanguages.join(', ')}`,
      value: brief.language,
    });
  }
}
