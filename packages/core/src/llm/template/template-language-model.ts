import { HashingEmbedder } from '../../embedding/hashing-embedder';
import { murmurHash3 } from '../../embedding/murmur-hash3';
import type { TextEmbedder } from '../../embedding/text-embedder';
import { AdapterError } from '../../errors/adapter-error';
import { createRng } from '../../random/rng';
import { throwIfCallerAborted } from '../adapter-errors';
import type {
  EmbedCallOptions,
  EmbedResult,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  LanguageModelWarning,
} from '../language-model';
import { lastUserText } from '../messages';
import { exampleFromJsonSchema } from './example-from-json-schema';
import { stableStringify } from './stable-stringify';
import type { AnyTemplate, TemplateContext, TemplateOutput } from './template';

export interface TemplateLanguageModelOptions {
  /** Templates by task name (`request.task.name`). Default: none. */
  templates?: Record<string, AnyTemplate>;
  /** Model id reported in results. Default `template`. */
  modelId?: string;
  /**
   * When no template is registered for the request's task: `'generic'` answers JSON requests with a
   * value built from the JSON schema and text requests with the task's string input or the last user
   * message (each with a `fallback` warning); `'error'` throws `AdapterError` (reason `bad-request`).
   * Default `'generic'`.
   */
  onMissingTemplate?: 'generic' | 'error';
  /** Used by `doEmbed`. Default `new HashingEmbedder()` (512 dimensions). */
  embedder?: TextEmbedder;
}

/**
 * The offline, deterministic language model (the embedded default): no network, same request →
 * same text. Answers from templates registered per task name; without one, from the JSON schema.
 *
 * ```ts
 * const model = new TemplateLanguageModel({
 *   templates: { 'copy.generate': (input: { title: string }) => ({ headline: input.title }) },
 * });
 * await generateText(model, { prompt: '…', task: { name: 'copy.generate', input: { title: 'Mug' } } });
 * ```
 */
export class TemplateLanguageModel implements LanguageModel {
  readonly provider = 'shoppilot';
  readonly modelId: string;
  readonly #templates: ReadonlyMap<string, AnyTemplate>;
  readonly #options: TemplateLanguageModelOptions;
  readonly #embedder: TextEmbedder;

  constructor(options: TemplateLanguageModelOptions = {}) {
    this.#options = options;
    this.modelId = options.modelId ?? 'template';
    this.#templates = new Map(Object.entries(options.templates ?? {}));
    this.#embedder = options.embedder ?? new HashingEmbedder();
  }

  /** A new model with these templates added (replacing same-named ones); this one is unchanged. */
  withTemplates(templates: Record<string, AnyTemplate>): TemplateLanguageModel {
    return new TemplateLanguageModel({
      ...this.#options,
      templates: { ...Object.fromEntries(this.#templates), ...templates },
    });
  }

  hasTemplate(taskName: string): boolean {
    return this.#templates.has(taskName);
  }

  /** Registered task names, sorted. */
  get taskNames(): string[] {
    return [...this.#templates.keys()].sort();
  }

  async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
    throwIfCallerAborted(this.#adapter, request.signal);
    const warnings: LanguageModelWarning[] = [];
    const template = request.task ? this.#templates.get(request.task.name) : undefined;
    const text = template
      ? render(await template(request.task?.input, request, templateContext(request)))
      : this.#generic(request, warnings);
    return {
      text,
      finishReason: 'stop',
      usage: {},
      model: { provider: this.provider, modelId: this.modelId },
      warnings,
    };
  }

  async doEmbed(texts: readonly string[], options: EmbedCallOptions = {}): Promise<EmbedResult> {
    throwIfCallerAborted(this.#adapter, options.signal);
    const embeddings = await this.#embedder.embed(texts, options);
    return { embeddings, usage: {}, model: { provider: this.provider, modelId: this.#embedder.id } };
  }

  toJSON(): { provider: string; modelId: string; tasks: string[] } {
    return { provider: this.provider, modelId: this.modelId, tasks: this.taskNames };
  }

  get #adapter(): string {
    return `${this.provider}:${this.modelId}`;
  }

  #generic(request: GenerateRequest, warnings: LanguageModelWarning[]): string {
    const task = request.task?.name;
    if (this.#options.onMissingTemplate === 'error') {
      throw new AdapterError({
        adapter: this.#adapter,
        reason: 'bad-request',
        message: task
          ? `no template registered for task "${task}"`
          : 'the request names no task (request.task)',
      });
    }
    const what = task ? `no template for task "${task}"` : 'no task given';
    const format = request.responseFormat;
    if (format?.type === 'json') {
      const example = exampleFromJsonSchema(format.schema ?? { type: 'object' });
      warnings.push({
        type: 'fallback',
        message: `${what}: answered with a value built from the JSON schema`,
      });
      for (const message of example.warnings) warnings.push({ type: 'other', message });
      return JSON.stringify(example.value);
    }
    const input = request.task?.input;
    warnings.push({ type: 'fallback', message: `${what}: answered with the input text unchanged` });
    return typeof input === 'string' ? input : lastUserText(request);
  }
}

function templateContext(request: GenerateRequest): TemplateContext {
  const seed =
    request.seed ??
    murmurHash3(
      stableStringify({
        task: request.task,
        system: request.system,
        messages: request.messages,
        prompt: request.prompt,
        responseFormat: request.responseFormat,
      }),
    );
  const rng = createRng(seed);
  const schema = request.responseFormat?.type === 'json' ? request.responseFormat.schema : undefined;
  return { seed, rng, pick: (items) => rng.choice(items), schema };
}

function render(output: TemplateOutput): string {
  return typeof output === 'string' ? output : JSON.stringify(output);
}
