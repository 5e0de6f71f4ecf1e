import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { MockLanguageModel } from '../testing/mock-language-model';
import { generateObject, toJsonSchema } from './generate-object';
import { generateText } from './generate-text';
import { ObjectGenerationError } from './object-generation-error';
import { parseJsonText } from './parse-json-text';

const schema = z.object({ headline: z.string().min(3), score: z.number().min(0).max(1).default(0.5) });

describe('generateObject', () => {
  it('sends the JSON schema and returns the parsed object (defaults applied)', async () => {
    const model = new MockLanguageModel({
      answers: [{ text: '{"headline":"Hello"}', usage: { inputTokens: 10, outputTokens: 4 } }],
    });
    const result = await generateObject(model, { schema, prompt: 'write', schemaName: 'copy' });
    expect(result.object).toEqual({ headline: 'Hello', score: 0.5 });
    expect([result.attempts, result.text]).toEqual([1, '{"headline":"Hello"}']);
    expect(model.calls[0].responseFormat).toEqual({
      type: 'json',
      schema: toJsonSchema(schema),
      name: 'copy',
      description: undefined,
    });
    expect(model.calls[0].messages).toEqual([{ role: 'user', content: 'write' }]);
    expect(result.usage).toEqual({ inputTokens: 10, outputTokens: 4 });
  });

  it('retries with the validation error in the prompt, then succeeds; usage is summed', async () => {
    const model = new MockLanguageModel({
      answers: [
        { text: 'Sure! {"headline": "Hi"}', usage: { inputTokens: 5 } },
        { text: '```json\n{"headline": "Hi there", "score": 0.9}\n```', usage: { inputTokens: 7 } },
      ],
    });
    const result = await generateObject(model, { schema, system: 'be brief', prompt: 'write' });
    expect(result.object).toEqual({ headline: 'Hi there', score: 0.9 });
    expect(result.attempts).toBe(2);
    expect(result.usage.inputTokens).toBe(12);
    const retry = model.calls[1];
    expect(retry.system).toBe('be brief');
    expect(retry.messages?.slice(0, 2)).toEqual([
      { role: 'user', content: 'write' },
      { role: 'assistant', content: 'Sure! {"headline": "Hi"}' },
    ]);
    expect(retry.messages?.[2].content).toMatch(/rejected: does not match the schema: headline: Too small/);
  });

  it('after maxRetries, throws ObjectGenerationError with the raw text of the last answer', async () => {
    const model = new MockLanguageModel({ answers: ['not json at all', '{"headline": 1}'] });
    const error = await generateObject(model, { schema, prompt: 'x', maxRetries: 1 }).catch((e) => e);
    expect(ObjectGenerationError.isInstance(error)).toBe(true);
    expect([error.text, error.attempts]).toEqual(['{"headline": 1}', 2]);
    expect(error.validationMessage).toMatch(/headline: Invalid input: expected string, received number/);
    expect(model.calls.length).toBe(2);
  });

  it('model errors propagate unchanged', async () => {
    const failure = new Error('down');
    await expect(
      generateObject(new MockLanguageModel({ answers: [failure] }), { schema, prompt: 'x' }),
    ).rejects.toBe(failure);
  });

  it('validates the request', async () => {
    const model = new MockLanguageModel();
    await expect(generateObject(model, { schema, prompt: 'x', maxRetries: -1 })).rejects.toThrow(
      /maxRetries/,
    );
    await expect(generateText(model, { prompt: '' })).rejects.toThrow(InvalidArgumentError);
    await expect(generateText(model, { prompt: 'x', temperature: -1 })).rejects.toThrow(/temperature/);
    await expect(
      generateText(model, { messages: [{ role: 'robot' as 'user', content: 'x' }] }),
    ).rejects.toThrow(/request\.messages\[0\]/);
    expect(model.calls.length).toBe(0);
  });
});

describe('parseJsonText', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['```json\n[1, 2]\n```', [1, 2]],
    ['Here you go: {"a": "} tricky {"} and more text', { a: '} tricky {' }],
    ['  "just a string"  ', 'just a string'],
  ])('parses %j', (text, expected) => {
    expect(parseJsonText(text)).toEqual({ ok: true, value: expected });
  });

  it('reports text without JSON', () => {
    const result = parseJsonText('no json here');
    expect(result.ok).toBe(false);
  });
});
