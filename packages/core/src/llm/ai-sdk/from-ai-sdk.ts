import { AdapterError } from '../../errors/adapter-error';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { throwIfCallerAborted } from '../adapter-errors';
import type {
  FinishReason,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  LanguageModelWarning,
  TokenUsage,
} from '../language-model';
import { toChatMessages } from '../messages';
import { fromAiSdkError } from './ai-sdk-errors';
import type { AiSdkCallOptions, AiSdkGenerateResult, AiSdkLanguageModel, AiSdkMessage } from './ai-sdk-types';

const supported = new Set(['v2', 'v3', 'v4']);

/**
 * Uses a Vercel AI SDK language model (LanguageModelV2, V3 or V4 — e.g. `openai('gpt-4o-mini')`
 * from `@ai-sdk/openai`, or `MockLanguageModelV3` from `ai/test`) as a ShopPilot `LanguageModel`.
 * Text parts of the answer are joined; errors become `AdapterError`s.
 */
export function fromAiSdk(model: AiSdkLanguageModel): LanguageModel {
  if (!model || typeof model.doGenerate !== 'function' || !supported.has(model.specificationVersion)) {
    throw new InvalidArgumentError({
      argument: 'model',
      message: `must be an AI SDK language model of specification v2, v3 or v4 (got ${String(model?.specificationVersion)})`,
    });
  }
  return new AiSdkLanguageModelBridge(model);
}

class AiSdkLanguageModelBridge implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #model: AiSdkLanguageModel;

  constructor(model: AiSdkLanguageModel) {
    this.#model = model;
    this.provider = model.provider;
    this.modelId = model.modelId;
  }

  async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
    const adapter = `${this.provider}:${this.modelId}`;
    throwIfCallerAborted(adapter, request.signal);
    const generate = this.#model.doGenerate.bind(this.#model) as (
      o: AiSdkCallOptions,
    ) => PromiseLike<AiSdkGenerateResult>;
    let result: AiSdkGenerateResult;
    try {
      result = await generate(toCallOptions(request));
    } catch (error) {
      throw fromAiSdkError(error, adapter, request.signal);
    }
    if (!result || !Array.isArray(result.content)) {
      throw new AdapterError({
        adapter,
        reason: 'invalid-response',
        message: 'doGenerate returned no content array',
      });
    }
    const text = result.content
      .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
      .join('');
    return {
      text,
      finishReason: mapFinishReason(result.finishReason),
      usage: mapUsage(result.usage),
      model: { provider: this.provider, modelId: this.modelId },
      warnings: (result.warnings ?? []).map(mapWarning),
    };
  }

  toJSON(): { provider: string; modelId: string } {
    return { provider: this.provider, modelId: this.modelId };
  }
}

function toCallOptions(request: GenerateRequest): AiSdkCallOptions {
  const prompt: AiSdkMessage[] = toChatMessages(request).map((message) =>
    message.role === 'system'
      ? { role: 'system', content: message.content }
      : { role: message.role, content: [{ type: 'text', text: message.content }] },
  );
  return {
    prompt,
    maxOutputTokens: request.maxTokens,
    temperature: request.temperature,
    stopSequences: request.stop,
    seed: request.seed,
    responseFormat: request.responseFormat,
    abortSignal: request.signal,
  };
}

const finishReasons = new Set<FinishReason>([
  'stop',
  'length',
  'content-filter',
  'tool-calls',
  'error',
  'other',
  'unknown',
]);

function mapFinishReason(reason: AiSdkGenerateResult['finishReason']): FinishReason {
  const value = typeof reason === 'string' ? reason : reason?.unified;
  return finishReasons.has(value as FinishReason) ? (value as FinishReason) : 'other';
}

function mapUsage(usage: AiSdkGenerateResult['usage']): TokenUsage {
  const count = (value: unknown) =>
    typeof value === 'number' ? value : ((value as { total?: number } | undefined)?.total ?? undefined);
  const inputTokens = count(usage?.inputTokens);
  const outputTokens = count(usage?.outputTokens);
  const totalTokens =
    usage?.totalTokens ??
    (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined);
  return { inputTokens, outputTokens, totalTokens };
}

function mapWarning(warning: unknown): LanguageModelWarning {
  const w = (warning ?? {}) as {
    type?: string;
    message?: string;
    feature?: string;
    setting?: unknown;
    details?: string;
  };
  const setting = typeof w.setting === 'string' ? w.setting : w.feature;
  if (w.type === 'unsupported-setting' || w.type === 'unsupported') {
    return {
      type: 'unsupported-setting',
      setting,
      message: w.details ?? `${setting ?? 'a setting'} is not supported`,
    };
  }
  if (w.type === 'compatibility')
    return { type: 'compatibility', setting, message: w.details ?? String(setting) };
  return { type: 'other', message: w.message ?? w.details ?? JSON.stringify(warning) };
}
