import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChatRequestBody, chatCompletion, startOpenAICompatibleServer } from '@shoppilot/core/testing';
import { generateCopy, learnBrandVoice } from '@shoppilot/marketing';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../../..');
const bin = join(root, 'packages/cli/src/bin.ts');

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--conditions=@shoppilot/source', '--import', 'tsx', bin, ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 50e6 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const facts = {
  name: '保温杯',
  price: 79,
  originalPrice: 99,
  promotionEnds: '2026-12-12',
  sellingPoints: ['316不锈钢', '12小时保温'],
};
const factFlags = [
  '--name',
  '保温杯',
  '--price',
  '79',
  '--original-price',
  '99',
  '--ends',
  '2026-12-12',
  '--points',
  '316不锈钢;12小时保温',
];
const draft = (text: string) => ({ body: chatCompletion(JSON.stringify({ text })) });
const messages = (body: unknown) => (body as ChatRequestBody).messages ?? [];

describe('shoppilot copy generate', () => {
  it('offline: prints what generateCopy writes with the built-in templates (facts from flags or a JSON file, voice from --history)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'copy-cli-'));
    const file = join(dir, 'facts.json');
    writeFileSync(file, JSON.stringify(facts));
    const history = [
      {
        text: '🔥保温杯限时特惠，到手价¥69！',
        channel: 'push',
        language: 'zh',
        clicks: 120,
        impressions: 2000,
      },
      { text: '保温杯新品上市，限时特惠', channel: 'push', language: 'zh', clicks: 30, impressions: 2000 },
      { text: '冬日暖心好物，限时特惠🔥', channel: 'push', language: 'zh', clicks: 80, impressions: 2000 },
    ];
    const historyFile = join(dir, 'history.jsonl');
    writeFileSync(historyFile, history.map((row) => JSON.stringify(row)).join('\n'));
    const push = ['copy', 'generate', '--channel', 'push', '--language', 'zh'];
    const [fromFlags, fromFile, withVoice] = await Promise.all([
      cli([...push, ...factFlags, '--json']),
      cli([...push, '--facts', file, '--json']),
      cli([...push, '--facts', file, '--history', historyFile, '--json']),
    ]);
    rmSync(dir, { recursive: true, force: true });
    expect(fromFlags.code).toBe(0);
    const expected = await generateCopy({ facts, channel: 'push', language: 'zh' });
    const printed = JSON.parse(fromFlags.stdout);
    expect(printed.variants).toEqual(expected.variants);
    expect(printed.fallbacks).toEqual([]);
    expect(JSON.parse(fromFile.stdout).variants).toEqual(expected.variants);
    // the facts went in: 20% off is 8折 in Chinese, the price and the end date
    expect(printed.variants[0].text).toMatch(/保温杯.*8折.*¥79.*12月12日/);
    const voice = await learnBrandVoice(history);
    const voiced = await generateCopy({ facts, channel: 'push', language: 'zh' }, { voice });
    const printedVoiced = JSON.parse(withVoice.stdout);
    expect(printedVoiced.examples).toEqual(voiced.examples);
    expect(printedVoiced.examples.length).toBeGreaterThan(0);
    expect(printedVoiced.variants).toEqual(voiced.variants);
  });

  it('through an OpenAI-compatible server: fills the slots, checks each draft and regenerates a bad one with the reasons', async () => {
    const server = await startOpenAICompatibleServer();
    try {
      server.enqueue(
        'chat',
        draft('最好的{name}，只要¥59！'), // v1: an absolute term and a price that is not the fact
        draft('{name} 限时{discount} 到手价{price}'), // v1, second draft
        draft('{name} {price} {endDate}截止'), // v2
      );
      const run = await cli([
        'copy',
        'generate',
        '--channel',
        'push',
        '--language',
        'zh',
        ...factFlags,
        '--variants',
        '2',
        '--base-url',
        server.baseURL,
        '--model',
        'test-llm',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.variants.map((v: { text: string }) => v.text)).toEqual([
        '保温杯 限时8折 到手价¥79',
        '保温杯 ¥79 12月12日截止',
      ]);
      expect(result.variants.map((v: { attempts: number }) => v.attempts)).toEqual([2, 1]);
      expect(result.variants[0].model).toEqual({ provider: 'openai-compatible', modelId: 'test-llm' });
      expect(server.requests).toHaveLength(3);
      const [first, retry] = server.requests.map((r) => messages(r.body));
      expect(first[0].content).toMatch(/push marketing copy in language "zh"/);
      expect(first.at(-1)?.content).toMatch(/Selling points: 316不锈钢; 12小时保温/);
      const feedback = retry.at(-1)?.content ?? '';
      expect(feedback).toMatch(/failed these checks/);
      expect(feedback).toMatch(/最/);
      expect(feedback).toMatch(/59/);
    } finally {
      await server.close();
    }
  });

  it('falls back to the template model when the server refuses the key, and says so; --no-fallback fails', async () => {
    const server = await startOpenAICompatibleServer({ apiKey: 'right-key' });
    try {
      const args = [
        'copy',
        'generate',
        '--channel',
        'sms',
        '--language',
        'en',
        '--name',
        'Travel mug',
        '--price',
        '19.9',
        '--variants',
        '2',
        '--base-url',
        server.baseURL,
        '--model',
        'm',
        '--api-key-env',
        'COPY_TEST_KEY',
      ];
      const env = { COPY_TEST_KEY: 'wrong-key' };
      const [fallback, strict] = await Promise.all([
        cli([...args, '--json'], env),
        cli([...args, '--no-fallback'], env),
      ]);
      expect(fallback.code).toBe(0);
      const result = JSON.parse(fallback.stdout);
      expect(result.fallbacks).toHaveLength(2);
      expect(result.fallbacks[0]).toMatchObject({ model: 'openai-compatible:m', reason: 'auth' });
      expect(
        result.variants.every((v: { model: { provider: string } }) => v.model.provider === 'shoppilot'),
      ).toBe(true);
      expect(result.variants.every((v: { passed: boolean }) => v.passed)).toBe(true);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(/401|auth/i);
    } finally {
      await server.close();
    }
  });

  it('a usage error names what is missing', async () => {
    const run = await cli(['copy', 'generate', '--channel', 'push', '--language', 'zh', '--price', '5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--name and --price/);
  });
});
