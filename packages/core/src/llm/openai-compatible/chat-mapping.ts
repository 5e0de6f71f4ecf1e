import { z } from 'zod';
import { AdapterError } from '../../errors/adapter-error';
import type {
  ChatMessage,
  FinishReason,
  GenerateRequest,
  LanguageModelWarning,
  TokenUsage,
} from '../language-model';
import { toChatMessages } from '../messages';
import { redactSecrets } from './api-key';

/** How JSON answers are requested from the server. */
export type JsonMode = 'json_schema' | 'json_object' | 'prompt';

export interface ChatSettings {
  model: string;
  jsonMode: JsonMode;
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  extraBody?: Record<string, unknown>;
}

/** The `/chat/completions` request body for a request. */
export function buildChatBody(request: GenerateRequest, settings: ChatSettings): Record<string, unknown> {
  const messages = withJsonInstructions(toChatMessages(request), request, settings.jsonMode);
  const body: Record<string, unknown> = { ...settings.extraBody, model: settings.model, messages };
  if (request.maxTokens !== undefined) body[settings.maxTokensField] = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stop?.length) body.stop = request.stop;
  const format = request.responseFormat;
  if (format?.type === 'json' && settings.jsonMode !== 'prompt') {
    body.response_format =
      settings.jsonMode === 'json_schema' && format.schema
        ? {
            type: 'json_schema',
            json_schema: {
              name: schemaName(format.name),
              description: format.description,
              schema: format.schema,
              strict: false,
            },
          }
        : { type: 'json_object' };
  }
  return body;
}

/**
 * For `json_object` and `prompt` modes the schema travels in the system message (OpenAI's
 * `json_object` mode also requires the word "JSON" in the messages).
 */
function withJsonInstructions(
  messages: ChatMessage[],
  request: GenerateRequest,
  mode: JsonMode,
): ChatMessage[] {
  const format = request.responseFormat;
  if (format?.type !== 'json' || (mode === 'json_schema' && format.schema)) return messages;
  const instruction = format.schema
    ? `Answer with a single JSON value that matches this JSON schema, and nothing else:\n${JSON.stringify(format.schema)}`
    : 'Answer with a single valid JSON value and nothing else.';
  if (messages[0]?.role === 'system') {
    return [{ role: 'system', content: `${messages[0].content}\n\n${instruction}` }, ...messages.slice(1)];
  }
  return [{ role: 'system', content: instruction }, ...messages];
}

function schemaName(name: string | undefined): string {
  const cleaned = (name ?? 'output').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned || 'output';
}

const chatCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().nullish(),
      completion_tokens: z.number().nullish(),
      total_tokens: z.number().nullish(),
    })
    .nullish(),
});

export interface ParsedChat {
  text: string;
  finishReason: FinishReason;
  usage: TokenUsage;
  warnings: LanguageModelWarning[];
}

/** Validates a `/chat/completions` response; throws `AdapterError` (invalid-response) naming the problem. */
export function parseChatResponse(value: unknown, adapter: string): ParsedChat {
  const parsed = chatCompletionSchema.safeParse(value);
  if (!parsed.success) throw invalidShape(value, parsed.error, adapter);
  const choice = parsed.data.choices[0];
  const finishReason = mapFinishReason(choice.finish_reason);
  const warnings: LanguageModelWarning[] = [];
  let text = choice.message.content;
  if (text == null) {
    if (choice.message.refusal == null && finishReason !== 'content-filter') {
      throw new AdapterError({
        adapter,
        reason: 'invalid-response',
        message: 'choices[0].message.content is missing',
      });
    }
    warnings.push({
      type: 'other',
      message: `the model refused: ${choice.message.refusal ?? 'content filter'}`,
    });
    text = '';
  }
  const usage = parsed.data.usage;
  return {
    text,
    finishReason: choice.message.refusal ? 'content-filter' : finishReason,
    usage: {
      inputTokens: usage?.prompt_tokens ?? undefined,
      outputTokens: usage?.completion_tokens ?? undefined,
      totalTokens: usage?.total_tokens ?? undefined,
    },
    warnings,
  };
}

export function invalidShape(value: unknown, error: z.ZodError, adapter: string): AdapterError {
  const serverError = (value as { error?: { message?: unknown } } | null)?.error?.message;
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  const message =
    typeof serverError === 'string'
      ? `the response is an error object: ${redactSecrets(serverError.slice(0, 200), undefined)}`
      : `unexpected response shape at ${where}: ${issue.message}`;
  return new AdapterError({ adapter, reason: 'invalid-response', message });
}

function mapFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
      return reason;
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case null:
    case undefined:
      return 'unknown';
    default:
      return 'other';
  }
}
