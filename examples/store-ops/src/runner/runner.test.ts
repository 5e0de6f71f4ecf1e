import { describe, expect, it } from 'vitest';
import { parseDemoOptions } from '../options';
import { ProgressDisplay, renderBar } from './progress';
import { runStages, type StageDefinition } from './stage-runner';

function quietProgress(lines: string[] = []): ProgressDisplay {
  return new ProgressDisplay({ write: (text) => lines.push(text), isTTY: false });
}

describe('runStages', () => {
  const stages: StageDefinition<string[]>[] = [
    { name: 'a', title: 'A', run: async (log) => void log.push('a') },
    {
      name: 'b',
      title: 'B',
      run: async () => {
        throw new TypeError('boom');
      },
    },
    {
      name: 'c',
      title: 'C',
      run: async (log, tools) => {
        log.push('c');
        tools.degrade('used a fallback');
      },
    },
    { name: 'd', title: 'D', run: async (log) => void log.push('d') },
  ];

  it('records a failure with its error and still runs the later stages', async () => {
    const log: string[] = [];
    const records = await runStages(stages, log, { selected: ['a', 'b', 'c'], progress: quietProgress() });
    expect(log).toEqual(['a', 'c']);
    expect(records.map((r) => r.status)).toEqual(['ok', 'failed', 'degraded', 'skipped']);
    expect(records[1].error).toMatchObject({ name: 'TypeError', message: 'boom' });
    expect(records[2].degradations).toEqual(['used a fallback']);
  });

  it('injects failures before a stage starts', async () => {
    const log: string[] = [];
    const records = await runStages(stages, log, {
      selected: ['a', 'd'],
      injectFailure: ['a'],
      progress: quietProgress(),
    });
    expect(log).toEqual(['d']);
    expect(records[0].error?.message).toContain('--inject-failure');
  });
});

describe('progress', () => {
  it('draws a bar with the share and counts', () => {
    expect(renderBar(45, 100)).toBe(`[${'='.repeat(12)}>${' '.repeat(15)}]  45% 45/100`);
    expect(renderBar(7, undefined)).toBe('7');
  });

  it('prints the first update, one line per 10% after it, and the end when not on a terminal', () => {
    const lines: string[] = [];
    const progress = quietProgress(lines);
    for (let i = 1; i <= 100; i++) progress.update('work', i, 100);
    // 1%, then 11%, 21%, … 91%, then 100%
    expect(lines.length).toBe(11);
    expect(lines.at(-1)).toContain('100% 100/100');
  });
});

describe('parseDemoOptions', () => {
  it('keeps the stage order and rejects unknown stages', () => {
    expect(parseDemoOptions(['--stages', 'market,ingest']).stages).toEqual(['ingest', 'market']);
    expect(() => parseDemoOptions(['--stages', 'ingest,magic'])).toThrow(/unknown stage "magic"/);
  });

  it('defaults to SQLite in the output folder and seed 42', () => {
    const options = parseDemoOptions(['--out', '/tmp/x']);
    expect(options.storeUrl).toBe('sqlite:/tmp/x/store.sqlite');
    expect(options.seed).toBe(42);
    expect(options.stages).toHaveLength(7);
  });

  it('rejects a sample share outside (0, 1]', () => {
    expect(() => parseDemoOptions(['--sample', '0'])).toThrow(/--sample/);
  });
});

describe('heartbeat', () => {
  it('says a quiet step is still running', async () => {
    const lines: string[] = [];
    const progress = quietProgress(lines);
    const stop = progress.heartbeat('work', 50);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    stop();
    expect(lines.some((line) => line.includes('work still running'))).toBe(true);
  });
});
