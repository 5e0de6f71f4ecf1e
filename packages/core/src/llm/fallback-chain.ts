import { AdapterError } from '../errors/adapter-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { isCallerAbort, isRetryableError } from './adapter-errors';
import type { FailedAttempt, GenerateRequest, GenerateResult, LanguageModel } from './language-model';

export interface FallbackChainOptions {
  /**
   * Which failures move on to the next model: `any` (every error except the caller's abort — a
   * wrong key or a malformed answer from the primary still gets an answer from the template model)
   * or `retryable` (only `AdapterError`s marked retryable: 429, 5xx, timeouts, network). Default `any`.
   */
  fallbackOn?: 'any' | 'retryable';
  /** Provider name reported when asking the chain itself. Default `fallback-chain`. */
  provider?: string;
  /** Called for each failed model before the next one is tried. */
  onFallback?: (attempt: FailedAttempt, error: unknown) => void;
}

/**
 * Tries models in order and answers with the first that succeeds. The result's `model` is the one
 * that answered; `degraded` is true when it was not the first; `failedAttempts` lists each model
 * that failed and why. When all fail, throws an `AdapterError` whose message lists every attempt
 * (reason of the last failure; `cause` an `AggregateError` of all of them).
 *
 * ```ts
 * const model = createFallbackChain([deepseek, localOllama, new TemplateLanguageModel({ templates })]);
 * ```
 */
export function createFallbackChain(
  models: readonly LanguageModel[],
  options: FallbackChainOptions = {},
): FallbackChain {
  return new FallbackChain(models, options);
}

export class FallbackChain implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly models: readonly LanguageModel[];
  readonly #options: FallbackChainOptions;

  constructor(models: readonly LanguageModel[], options: FallbackChainOptions = {}) {
    if (!Array.isArray(models) || models.length === 0) {
      throw new InvalidArgumentError({
        argument: 'models',
        message: 'give at least one model',
        value: models,
      });
    }
    this.models = [...models];
    this.#options = options;
    this.provider = options.provider ?? 'fallback-chain';
    this.modelId = this.models.map((model) => `${model.provider}:${model.modelId}`).join(' > ');
  }

  async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
    const failedAttempts: FailedAttempt[] = [];
    const errors: unknown[] = [];
    for (const [index, model] of this.models.entries()) {
      try {
        const result = await model.doGenerate(request);
        const earlier = [...failedAttempts, ...(result.failedAttempts ?? [])];
        return { ...result, degraded: index > 0 || result.degraded === true, failedAttempts: earlier };
      } catch (error) {
        if (isCallerAbort(error) || request.signal?.aborted) throw error;
        if (this.#options.fallbackOn === 'retryable' && !isRetryableError(error)) throw error;
        const attempt = describeFailure(model, error);
        failedAttempts.push(attempt);
        errors.push(error);
        this.#options.onFallback?.(attempt, error);
      }
    }
    throw allFailed(this.provider, failedAttempts, errors);
  }

  toJSON(): { provider: string; models: string[] } {
    return {
      provider: this.provider,
      models: this.models.map((model) => `${model.provider}:${model.modelId}`),
    };
  }
}

function describeFailure(model: LanguageModel, error: unknown): FailedAttempt {
  const ref = { provider: model.provider, modelId: model.modelId };
  if (AdapterError.isInstance(error)) {
    return { model: ref, reason: error.reason, message: error.message, statusCode: error.statusCode };
  }
  return { model: ref, reason: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

function allFailed(provider: string, attempts: FailedAttempt[], errors: unknown[]): AdapterError {
  const last = attempts[attempts.length - 1];
  const list = attempts.map(
    (a, i) => `${i + 1}. ${a.model.provider}:${a.model.modelId} (${a.reason}): ${a.message}`,
  );
  return new AdapterError({
    adapter: provider,
    reason: last.reason === 'unknown' ? 'server' : last.reason,
    statusCode: last.statusCode,
    retryable: errors.some(isRetryableError),
    message: `all ${attempts.length} models failed:\n${list.join('\n')}`,
    cause: new AggregateError(errors, 'every model in the fallback chain failed'),
  });
}
