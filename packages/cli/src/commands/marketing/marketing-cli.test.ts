import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BgNbdModel, calibrationHoldoutSummary, GammaGammaModel } from '@shoppilot/marketing';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../../..');
const bin = join(root, 'packages/cli/src/bin.ts');
const fixture = join(here, '__fixtures__', 'cdnow_head.csv');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@shoppilot/source', '--import', 'tsx', bin, ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 50e6 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs the CLI and closes its stdout after the first chunk, as `| head -c N` would. */
function cliClosingStdoutEarly(
  ...args: string[]
): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@shoppilot/source', '--import', 'tsx', bin, ...args],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.once('data', (chunk) => {
      first = String(chunk);
      child.stdout.destroy();
    });
    child.on('close', (code) => done({ code, stderr, first }));
  });
}

// The first 291 customers of the CDNOW sample (MIT, lifetimes) as CSV.
const purchases = readFileSync(fixture, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [customerId, date, , amount] = line.split(',');
    return { customerId, date, amount: Number(amount) };
  });
const clvFlags = [
  '--transactions',
  fixture,
  '--customer',
  'customer_id',
  '--date',
  'date',
  '--amount',
  'amount',
  '--calibration-end',
  '1997-09-30',
];

describe('shoppilot clv', () => {
  it('fit prints the issue JSON shape with the library estimates and the holdout comparison', async () => {
    const { code, stdout } = await cli(
      'clv',
      'fit',
      ...clvFlags,
      '--holdout-end',
      '1998-06-30',
      '--period',
      'week',
      '--json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['bgnbd', 'gammaGamma', 'holdout', 'customers', 'warnings']);
    const summary = calibrationHoldoutSummary(purchases, {
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
    });
    const model = new BgNbdModel().fit(summary.customers);
    expect(result.customers).toBe(291);
    expect(result.bgnbd.r).toBeCloseTo(model.parameters.r, 10);
    expect(result.bgnbd.b).toBeCloseTo(model.parameters.b, 10);
    const spend = new GammaGammaModel().fit(summary.customers.filter((c) => c.frequency > 0));
    expect(result.gammaGamma.p).toBeCloseTo(spend.parameters.p, 10);
    expect(result.warnings).toEqual([
      ...model.fitSummary.warnings.map((w) => `bgnbd: ${w}`),
      ...spend.fitSummary.warnings.map((w) => `gammaGamma: ${w}`),
    ]);
    expect(result.holdout.actualRepeatPurchases).toBe(
      summary.customers.reduce((s, c) => s + (c.frequencyHoldout ?? 0), 0),
    );
    expect(result.holdout.predictedRepeatPurchases).toBeCloseTo(
      summary.customers.reduce((s, c) => s + model.conditionalExpectedPurchases(c, 39), 0),
      8,
    );
  });

  it('predict prints one JSON line per customer with P(alive), CLV and a lifecycle stage', async () => {
    const { code, stdout } = await cli('clv', 'predict', ...clvFlags, '--horizon', '26');
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(291);
    const first = rows[0];
    expect(first.customerId).toBe('4');
    expect(first.probabilityAlive).toBeGreaterThan(0);
    expect(first.clv).toBeGreaterThan(0);
    expect(['new', 'active', 'at-risk', 'churned', 'win-back']).toContain(first.stage);
  });

  it('fit reports a boundary estimate as a warning, never silently', async () => {
    // Every customer buys every 7 days up to the calibration end: no sign of drop-out, so the
    // BG/NBD likelihood rises towards a -> 0 / b -> infinity.
    const dir = mkdtempSync(join(tmpdir(), 'clv-boundary-'));
    const file = join(dir, 'tx.csv');
    const lines = ['customer_id,date,amount'];
    for (let c = 0; c < 60; c++) {
      const start = Date.UTC(2020, 0, 1 + (c % 40));
      for (let day = start; day <= Date.UTC(2020, 5, 30); day += (7 + (c % 5)) * 86_400_000)
        lines.push(`c${c},${new Date(day).toISOString().slice(0, 10)},${10 + (c % 7)}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const flags = ['--transactions', file, '--customer', 'customer_id', '--date', 'date'];
    const json = await cli('clv', 'fit', ...flags, '--calibration-end', '2020-06-30', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).warnings.join(' ')).toMatch(
      /bgnbd: BG\/NBD fit at the no-drop-out boundary/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops quietly (exit 0, no stack trace) when the reader closes the pipe early (`| head`)', async () => {
    // 291 customers: > 100 kB of output, more than a pipe buffer holds, so writes hit EPIPE
    const runs = await Promise.all([
      cliClosingStdoutEarly('clv', 'predict', ...clvFlags, '--json'),
      cliClosingStdoutEarly('clv', 'predict', ...clvFlags),
    ]);
    for (const run of runs) {
      expect(run.first.length).toBeGreaterThan(0);
      expect(run.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.ts/);
      expect(run.code).toBe(0);
    }
  });

  it('fails with a usage error naming a missing column', async () => {
    const flags = clvFlags.map((flag) => (flag === 'customer_id' ? 'nope' : flag));
    const { code, stderr } = await cli('clv', 'fit', ...flags);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no column "nope"/);
  });
});

describe('shoppilot bandit simulate', () => {
  it('prints per-policy cumulative reward, regret and ROI against uniform', async () => {
    const scenario = join(root, 'packages/marketing/scenarios/wide-spread.json');
    const { code, stdout } = await cli(
      'bandit',
      'simulate',
      '--scenario',
      scenario,
      '--policies',
      'uniform,thompson',
      '--periods',
      '60',
      '--seed',
      '2',
      '--allocations',
      '--json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.policies.map((p: { policy: string }) => p.policy)).toEqual(['uniform', 'thompson']);
    const [uniform, thompson] = result.policies;
    expect(uniform.roiGainOverUniform).toBe(0);
    expect(uniform.regret).toBeCloseTo(result.oracleExpectedReward - result.uniformExpectedReward, 6);
    expect(thompson.regret).toBeLessThan(uniform.regret);
    expect(result.assumptions.delay).toMatch(/none/);
    // per-period budgets: 60 rows of one budget per channel, summing to the period's budget
    expect(result.channels).toHaveLength(6);
    expect(thompson.allocations).toHaveLength(60);
    for (const row of thompson.allocations)
      expect(row.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(10_000, 6);
    expect(thompson.expectedRevenuePerPeriod.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(
      thompson.expectedReward,
      4,
    );
  });
});
