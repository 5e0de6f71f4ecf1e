import type { GenerateRequest, GenerateResult, LanguageModel } from '../llm/language-model';

/** One scripted answer: the text, a partial result, or an error to throw. */
export type MockAnswer = string | (Partial<GenerateResult> & { text: string }) | Error;

export interface MockLanguageModelOptions {
  provider?: string;
  modelId?: string;
  /**
   * Answers in order (the last one repeats), or a function of the request. Default: `mock answer`.
   */
  answers?: MockAnswer[] | ((request: GenerateRequest, call: number) => MockAnswer | Promise<MockAnswer>);
}

/** A scripted `LanguageModel` for tests: records every request in `calls`. */
export class MockLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly calls: GenerateRequest[] = [];
  readonly #answers: NonNullable<MockLanguageModelOptions['answers']>;

  constructor(options: MockLanguageModelOptions = {}) {
    this.provider = options.provider ?? 'mock';
    this.modelId = options.modelId ?? 'mock';
    this.#answers = options.answers ?? ['mock answer'];
  }

  async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
    const call = this.calls.push(request) - 1;
    const answer =
      typeof this.#answers === 'function'
        ? await this.#answers(request, call)
        : this.#answers[Math.min(call, this.#answers.length - 1)];
    if (answer instanceof Error) throw answer;
    const partial = typeof answer === 'string' ? { text: answer } : answer;
    return {
      finishReason: 'stop',
      usage: {},
      warnings: [],
      model: { provider: this.provider, modelId: this.modelId },
      ...partial,
    };
  }
}
