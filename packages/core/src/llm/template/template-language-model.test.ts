import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HashingEmbedder } from '../../embedding/hashing-embedder';
import { AdapterError } from '../../errors/adapter-error';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { createRng } from '../../random/rng';
import { generateObject } from '../generate-object';
import { generateText } from '../generate-text';
import { byLocale, defineTemplate } from './template';
import { TemplateLanguageModel } from './template-language-model';

interface CopyInput {
  locale: string;
  title: string;
  price: number;
}

const zh = defineTemplate<CopyInput>((input) => ({ headline: `${input.title}，仅需 ¥${input.price}` }));
const en = defineTemplate<CopyInput>((input, _request, context) => ({
  headline: `${context.pick(['Meet', 'Discover', 'Say hello to'])} ${input.title} — only $${input.price}`,
}));
const ja = defineTemplate<CopyInput>((input) => ({ headline: `${input.title}がたったの${input.price}円` }));

const copyTask = (input: CopyInput) => ({ name: 'copy.generate', input });

describe('TemplateLanguageModel', () => {
  const model = new TemplateLanguageModel({ templates: { 'copy.generate': byLocale({ zh, en, ja }) } });

  it('answers from the template registered for the task, per locale', async () => {
    const request = (locale: string) => ({
      prompt: 'write copy',
      task: copyTask({ locale, title: '保温杯', price: 59 }),
    });
    expect((await model.doGenerate(request('zh-CN'))).text).toBe('{"headline":"保温杯，仅需 ¥59"}');
    expect((await model.doGenerate(request('ja'))).text).toBe('{"headline":"保温杯がたったの59円"}');
    // unknown locale falls back to en
    expect(JSON.parse((await model.doGenerate(request('ko'))).text).headline).toMatch(/保温杯 — only \$59$/);
  });

  it('is deterministic: same request, same text; the variant is the one the seeded rng picks', async () => {
    const request = { prompt: 'p', task: copyTask({ locale: 'en', title: 'Mug', price: 9 }) };
    const first = await model.doGenerate(request);
    const second = await model.doGenerate({ ...request });
    expect(second.text).toBe(first.text);
    const seeded = await model.doGenerate({ ...request, seed: 42 });
    const expected = createRng(42).choice(['Meet', 'Discover', 'Say hello to']);
    expect(JSON.parse(seeded.text).headline).toBe(`${expected} Mug — only $9`);
    expect(first.model).toEqual({ provider: 'shoppilot', modelId: 'template' });
    expect([first.finishReason, first.warnings]).toEqual(['stop', []]);
  });

  it('works with generateObject: the template output is validated by the schema', async () => {
    const schema = z.object({ headline: z.string().min(5) });
    const result = await generateObject(model, {
      schema,
      prompt: 'write copy',
      task: copyTask({ locale: 'zh', title: '帆布包', price: 35 }),
    });
    expect(result.object).toEqual({ headline: '帆布包，仅需 ¥35' });
    expect(result.attempts).toBe(1);
  });

  it('without a template: a schema-valid JSON value, with a fallback warning', async () => {
    const schema = z.object({
      title: z.string().min(3),
      bullets: z.array(z.string()).min(2),
      tone: z.enum(['warm', 'bold']),
    });
    const result = await generateObject(new TemplateLanguageModel(), {
      schema,
      prompt: 'x',
      task: { name: 'copy.other', input: {} },
    });
    expect(result.object).toEqual({ title: 'title', bullets: ['bullets', 'bullets 2'], tone: 'warm' });
    expect(result.warnings[0]).toEqual({
      type: 'fallback',
      message: 'no template for task "copy.other": answered with a value built from the JSON schema',
    });
  });

  it('without a template, text requests get the task input or the last user message back', async () => {
    const plain = new TemplateLanguageModel();
    expect((await generateText(plain, { prompt: 'hello there' })).text).toBe('hello there');
    expect((await plain.doGenerate({ prompt: 'p', task: { name: 't', input: 'the input' } })).text).toBe(
      'the input',
    );
  });

  it("onMissingTemplate 'error' throws a typed error", async () => {
    const strict = new TemplateLanguageModel({ onMissingTemplate: 'error' });
    const error = await strict.doGenerate({ prompt: 'x', task: { name: 'nope', input: 1 } }).catch((e) => e);
    expect(AdapterError.isInstance(error) && error.reason).toBe('bad-request');
    expect(error.message).toMatch(/no template registered for task "nope"/);
  });

  it('withTemplates returns a new model and leaves the original unchanged', () => {
    const more = model.withTemplates({ 'review.reply': () => 'Thank you!' });
    expect(more.taskNames).toEqual(['copy.generate', 'review.reply']);
    expect(model.hasTemplate('review.reply')).toBe(false);
    expect(JSON.stringify(more)).toBe(
      '{"provider":"shoppilot","modelId":"template","tasks":["copy.generate","review.reply"]}',
    );
  });

  it('byLocale without a fallback template throws InvalidArgumentError naming the locales', async () => {
    const only = new TemplateLanguageModel({ templates: { 'copy.generate': byLocale({ zh }) } });
    const error = await only
      .doGenerate({ prompt: 'x', task: copyTask({ locale: 'de', title: 'x', price: 1 }) })
      .catch((e) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/no template for locale "de" nor the fallback "en"; have: zh/);
  });

  it('embeds offline with the hashing embedder', async () => {
    const result = await model.doEmbed(['手机壳', 'phone case']);
    expect(Array.from(result.embeddings[0])).toEqual(Array.from(new HashingEmbedder().embedOne('手机壳')));
    expect(result.model.modelId).toBe(new HashingEmbedder().id);
  });

  it('an aborted signal gives an aborted AdapterError', async () => {
    const error = await model.doGenerate({ prompt: 'x', signal: AbortSignal.abort() }).catch((e) => e);
    expect(error.reason).toBe('aborted');
  });
});
