import { describe, expect, it } from 'vitest';
import { parseJsonOutput, runShoppilot } from './testing/index';

describe('shoppilot (process)', () => {
  it('--help lists the commands and exits 0', async () => {
    const run = await runShoppilot(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/USAGE/);
    expect(run.stdout).toMatch(/\bdoctor\b.*Check what this machine can use/);
    expect(run.stdout).toMatch(/\bingest\b.*Stream a CSV\/JSONL file/);
  });

  it('usage errors exit 2: unknown command, unknown option, missing required option', async () => {
    const [unknownCommand, unknownOption, missing] = await Promise.all([
      runShoppilot(['frobnicate']),
      runShoppilot(['ingest', '--input', 'x.csv', '--store', 'memory:', '--jsno']),
      runShoppilot(['ingest', '--store', 'memory:', '--json']),
    ]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command "frobnicate"/);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option --jsno/);
    expect(missing.code).toBe(2);
    expect(parseJsonOutput<{ error: { message: string; exitCode: number } }>(missing).error).toMatchObject({
      message: 'Missing required argument: --input',
      exitCode: 2,
    });
  });
});
