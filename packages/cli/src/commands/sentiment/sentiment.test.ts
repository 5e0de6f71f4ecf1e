import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryClassificationReport, isTestRow, SentimentClassifier } from '@shoppilot/profiling';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../main';
import { runCli } from '../../output/index';

const dir = mkdtempSync(join(tmpdir(), 'shoppilot-sentiment-'));
const positives = [
  'great value, love it',
  'works perfectly, very happy',
  'excellent quality',
  'fast shipping, great seller',
  '质量很好，很满意',
  '物流很快，好评',
];
const negatives = [
  'broke after a day, awful',
  'terrible quality, very disappointed',
  'not worth the money',
  'slow shipping, bad seller',
  '质量太差，很失望',
  '物流太慢，差评',
];
const rows = [...positives.map((t) => [t, 'great']), ...negatives.map((t) => [t, 'other'])];
const csv = (subset: string[][]) => `review,score\n${subset.map(([t, s]) => `"${t}",${s}`).join('\n')}\n`;
const train = rows.filter(([t]) => !isTestRow(t, 0.3));
const test = rows.filter(([t]) => isTestRow(t, 0.3));
writeFileSync(join(dir, 'train.csv'), csv(train));
writeFileSync(join(dir, 'test.csv'), csv(test));

async function capture(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const code = await runCli(main, args);
  vi.restoreAllMocks();
  return { code, out };
}

afterEach(() => vi.restoreAllMocks());

describe('shoppilot sentiment eval', () => {
  it('prints {accuracy, f1, n} equal to training the library classifier on the same files', async () => {
    const { code, out } = await capture([
      'sentiment',
      'eval',
      '--train',
      join(dir, 'train.csv'),
      '--test',
      join(dir, 'test.csv'),
      '--text',
      'review',
      '--label',
      'score',
      '--positive',
      'great',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result).sort()).toEqual(['accuracy', 'f1', 'n']);
    const label = (s: string) => (s === 'great' ? 1 : 0);
    const model = await new SentimentClassifier().fit(
      train.map((r) => r[0]),
      train.map((r) => label(r[1])),
    );
    const expected = binaryClassificationReport(
      test.map((r) => label(r[1])),
      model.predict(test.map((r) => r[0])),
    );
    expect(result).toEqual({ accuracy: expected.accuracy, f1: expected.f1, n: test.length });
  });

  it('names the file, row and field of an unreadable label', async () => {
    const { code, out } = await capture([
      'sentiment',
      'eval',
      '--train',
      join(dir, 'train.csv'),
      '--test',
      join(dir, 'test.csv'),
      '--text',
      'review',
      '--label',
      'score',
      '--json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(out).error.issues[0]).toMatchObject({ row: 1, field: 'score' });
  });
});
