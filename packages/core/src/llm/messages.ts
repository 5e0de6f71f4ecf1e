import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { ChatMessage, GenerateRequest } from './language-model';

const roles = new Set(['system', 'user', 'assistant']);

/** The request as one message list: system first, then `messages`, then `prompt` as a user turn. */
export function toChatMessages(request: GenerateRequest): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (request.system) out.push({ role: 'system', content: request.system });
  for (const message of request.messages ?? []) out.push({ role: message.role, content: message.content });
  if (request.prompt !== undefined) out.push({ role: 'user', content: request.prompt });
  return out;
}

/** The last user message's text ('' when there is none). */
export function lastUserText(request: GenerateRequest): string {
  const messages = toChatMessages(request);
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'user') return messages[i].content;
  return '';
}

/** Checks a request's fields; throws `InvalidArgumentError` naming the field. */
export function validateRequest(request: GenerateRequest): void {
  if (request === null || typeof request !== 'object') {
    throw new InvalidArgumentError({ argument: 'request', message: 'must be an object', value: request });
  }
  const { prompt, messages } = request;
  if (prompt !== undefined && typeof prompt !== 'string') {
    throw new InvalidArgumentError({
      argument: 'request.prompt',
      message: 'must be a string',
      value: prompt,
    });
  }
  if (messages !== undefined) validateMessages(messages);
  if ((prompt === undefined || prompt === '') && (messages === undefined || messages.length === 0)) {
    throw new InvalidArgumentError({
      argument: 'request',
      message: 'give a non-empty `prompt` or `messages`',
    });
  }
  const { maxTokens, temperature, stop } = request;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0)) {
    throw new InvalidArgumentError({
      argument: 'request.maxTokens',
      message: 'must be a positive integer',
      value: maxTokens,
    });
  }
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0)) {
    throw new InvalidArgumentError({
      argument: 'request.temperature',
      message: 'must be a finite number >= 0',
      value: temperature,
    });
  }
  if (stop !== undefined && !(Array.isArray(stop) && stop.every((s) => typeof s === 'string'))) {
    throw new InvalidArgumentError({
      argument: 'request.stop',
      message: 'must be an array of strings',
      value: stop,
    });
  }
}

function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages)) {
    throw new InvalidArgumentError({
      argument: 'request.messages',
      message: 'must be an array',
      value: messages,
    });
  }
  messages.forEach((message, index) => {
    const ok =
      message !== null &&
      typeof message === 'object' &&
      roles.has((message as ChatMessage).role) &&
      typeof (message as ChatMessage).content === 'string';
    if (!ok) {
      throw new InvalidArgumentError({
        argument: `request.messages[${index}]`,
        message: 'must be { role: "system" | "user" | "assistant", content: string }',
        value: message,
      });
    }
  });
}
