import { z } from 'zod';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type {
  ChatMessage,
  GenerateRequest,
  GenerateResult,
  JsonSchema,
  LanguageModel,
  TokenUsage,
} from './language-model';
import { validateRequest } from './messages';
import { ObjectGenerationError } from './object-generation-error';
import { parseJsonText } from './parse-json-text';

export interface GenerateObjectRequest<S extends z.ZodType> extends Omit<GenerateRequest, 'responseFormat'> {
  /** The zod schema the answer must match; its JSON Schema (`z.toJSONSchema`) is sent to the model. */
  schema: S;
  /** Name of the output (OpenAI `json_schema.name`). Default `output`. */
  schemaName?: string;
  /** What the output is, for providers that use it. */
  schemaDescription?: string;
  /**
   * How many more generations to try after an answer that is not valid JSON or does not match the
   * schema; each retry shows the model its previous answer and the validation error. Default 2.
   */
  maxRetries?: number;
}

export interface GenerateObjectResult<T> extends GenerateResult {
  /** The parsed, schema-validated answer (zod's output: defaults and transforms applied). */
  object: T;
  /** Generations made (1 + retries used). */
  attempts: number;
}

/**
 * Generates a JSON value that matches a zod schema. Retries with the validation error in the prompt
 * up to `maxRetries` times, then throws `ObjectGenerationError` holding the raw text. Usage is summed
 * over attempts; warnings are collected from all of them.
 */
export async function generateObject<S extends z.ZodType>(
  model: LanguageModel,
  request: GenerateObjectRequest<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const { schema, schemaName, schemaDescription, maxRetries = 2, ...base } = request;
  validateRequest(base);
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new InvalidArgumentError({
      argument: 'maxRetries',
      message: 'must be an integer >= 0',
      value: maxRetries,
    });
  }
  const jsonSchema = toJsonSchema(schema);
  const responseFormat = {
    type: 'json' as const,
    schema: jsonSchema,
    name: schemaName ?? 'output',
    description: schemaDescription,
  };
  let messages: ChatMessage[] = conversation(base);
  const usage: TokenUsage = {};
  const warnings: GenerateResult['warnings'] = [];
  let last: { text: string; message: string } = { text: '', message: '' };
  for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
    const result = await model.doGenerate({ ...base, prompt: undefined, messages, responseFormat });
    addUsage(usage, result.usage);
    warnings.push(...result.warnings);
    const checked = validate(schema, result.text);
    if (checked.ok)
      return { ...result, usage, warnings, object: checked.value as z.output<S>, attempts: attempt };
    last = { text: result.text, message: checked.message };
    messages = [
      ...messages,
      { role: 'assistant', content: result.text },
      { role: 'user', content: retryPrompt(checked.message) },
    ];
  }
  throw new ObjectGenerationError({
    text: last.text,
    attempts: maxRetries + 1,
    validationMessage: last.message,
  });
}

/** The JSON Schema of the values a zod schema accepts (its input side), without `$schema`. */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function conversation(request: GenerateRequest): ChatMessage[] {
  const messages = [...(request.messages ?? [])];
  if (request.prompt !== undefined) messages.push({ role: 'user', content: request.prompt });
  return messages;
}

function validate(
  schema: z.ZodType,
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  const result = schema.safeParse(parsed.value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 8).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  return { ok: false, message: `does not match the schema: ${issues.join('; ')}` };
}

function retryPrompt(message: string): string {
  return (
    `Your previous answer was rejected: ${message}. ` +
    'Reply again with only the corrected JSON value that matches the JSON schema, with no other text.'
  );
}

function addUsage(total: TokenUsage, usage: TokenUsage): void {
  for (const key of ['inputTokens', 'outputTokens', 'totalTokens'] as const) {
    if (usage[key] !== undefined) total[key] = (total[key] ?? 0) + usage[key];
  }
}
