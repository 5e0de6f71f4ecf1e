import type { GenerateRequest, GenerateResult, LanguageModel } from './language-model';
import { validateRequest } from './messages';

/**
 * Generates text with any `LanguageModel`: validates the request (throws `InvalidArgumentError`
 * naming the field), then calls the model. Failures of the model are `AdapterError`s.
 *
 * ```ts
 * const { text, model } = await generateText(new TemplateLanguageModel(), { prompt: 'Hello' });
 * ```
 */
export async function generateText(model: LanguageModel, request: GenerateRequest): Promise<GenerateResult> {
  validateRequest(request);
  return model.doGenerate(request);
}
