import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@shoppilot/core';
import { buildPanel, RidgeForecaster } from '@shoppilot/forecast';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../testing/run-shoppilot';

const bin = join(repoRoot, 'packages/cli/src/bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'sp-federated-cli-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function shoppilot(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, ['--conditions=@shoppilot/source', '--import', 'tsx', bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  return {
    child,
    done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr }))),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Two stores' weekly demand: y = 5 + 0.6·lag − 1.5·log(price) + 0.4·deal + noise (periods as integers). */
function writeStoreCsv(path: string, stores: string[], seed: number): string[] {
  const rng = createRng(seed);
  const lines = ['store,sku,week,units,price,deal'];
  for (const store of stores) {
    for (const sku of ['a', 'b', 'c']) {
      let previous = 5;
      for (let week = 1; week <= 60; week++) {
        const price = 1 + rng.next();
        const deal = rng.next() < 0.2 ? 1 : 0;
        const y = 2 + 0.6 * previous - 1.5 * Math.log(price) + 0.4 * deal + 0.1 * rng.normal();
        previous = y;
        lines.push(`${store},${sku},${week},${y},${price},${deal}`);
      }
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return lines;
}

describe('shoppilot federated', () => {
  it('tokens, keyholder, coordinator and two clients as CLI processes fit the exact federated ridge (CKKS)', async () => {
    const tokens = join(dir, 'tokens.json');
    const made = await shoppilot([
      'federated',
      'tokens',
      '--clients',
      'north,south',
      '--out',
      tokens,
      '--json',
    ]).done;
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).clients).toEqual(['north', 'south']);
    const north = writeStoreCsv(join(dir, 'north.csv'), ['n1', 'n2'], 1);
    const south = writeStoreCsv(join(dir, 'south.csv'), ['s1', 's2', 's3'], 2);
    writeFileSync(
      join(dir, 'plan.json'),
      JSON.stringify({ strategy: 'sum', secure: 'ckks', minClients: 2, name: 'cli-run' }),
    );
    const options = { lambda: 1, transforms: { price: 'log' }, lags: [0], means: [4], maxHorizon: 2 };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(options));
    const [keyholderPort, coordinatorPort] = [await freePort(), await freePort()];
    const keyholderUrl = `http://127.0.0.1:${keyholderPort}`;
    const coordinatorUrl = `http://127.0.0.1:${coordinatorPort}`;
    const keyholder = shoppilot([
      'federated',
      'keyholder',
      '--tokens',
      tokens,
      '--port',
      String(keyholderPort),
    ]);
    const coordinator = shoppilot([
      'federated',
      'coordinator',
      '--tokens',
      tokens,
      '--plan',
      join(dir, 'plan.json'),
      '--storage',
      `sqlite:${join(dir, 'log.db')}`,
      '--port',
      String(coordinatorPort),
      '--keyholder',
      keyholderUrl,
      '--json',
      '--progress',
      'never',
    ]);
    const client = (id: string) =>
      shoppilot([
        'federated',
        'client',
        '--id',
        id,
        '--tokens',
        tokens,
        '--coordinator',
        coordinatorUrl,
        '--keyholder',
        keyholderUrl,
        '--data',
        join(dir, `${id}.csv`),
        '--id-columns',
        'store,sku',
        '--time',
        'week',
        '--target',
        'units',
        '--future',
        'price,deal',
        '--model',
        'ridge',
        '--model-options',
        join(dir, 'model.json'),
        '--out',
        join(dir, `${id}-model.json`),
        '--json',
      ]).done;
    const [northRun, southRun] = await Promise.all([client('north'), client('south')]);
    const coordinatorRun = await coordinator.done;
    keyholder.child.kill('SIGTERM');
    await keyholder.done;
    expect(northRun.code).toBe(0);
    expect(southRun.code).toBe(0);
    expect(coordinatorRun.code).toBe(0);
    const lastJson = (text: string) => JSON.parse(text.slice(text.lastIndexOf('\n{\n') + 1));
    expect(lastJson(coordinatorRun.stdout)).toMatchObject({ status: 'completed', lastCompletedRound: 1 });
    expect(lastJson(northRun.stdout)).toMatchObject({ status: 'completed', contributed: [1] });
    // The federated model each client wrote equals the ridge fitted centrally on both files together.
    const rows = [...north, ...south.slice(1)].slice(1).map((line) => {
      const [store, sku, week, units, price, deal] = line.split(',');
      return {
        store,
        sku,
        week: Number(week),
        units: Number(units),
        price: Number(price),
        deal: Number(deal),
      };
    });
    const { panel } = buildPanel(rows, {
      id: ['store', 'sku'],
      time: 'week',
      target: 'units',
      futureCovariates: ['price', 'deal'],
    });
    const central = new RidgeForecaster(options as never).fit(panel).coefficients();
    const federated = RidgeForecaster.fromJSON(
      JSON.parse(readFileSync(join(dir, 'south-model.json'), 'utf8')),
    ).coefficients();
    for (const name of ['price', 'deal', 'lag0', 'mean4']) {
      expect(Math.abs(federated[name] - central[name])).toBeLessThan(
        1e-5 * Math.max(1, Math.abs(central[name])),
      );
    }
    expect(Object.keys(federated).filter((name) => name.startsWith('intercept:'))).toEqual([
      'intercept:s1/a',
      'intercept:s1/b',
      'intercept:s1/c',
      'intercept:s2/a',
      'intercept:s2/b',
      'intercept:s2/c',
      'intercept:s3/a',
      'intercept:s3/b',
      'intercept:s3/c',
    ]);
  }, 120_000);

  it('refuses a bad tokens file with a usage error', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"clients": 3}');
    const run = await shoppilot(['federated', 'coordinator', '--tokens', join(dir, 'bad.json')]).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected \{ "coordinator"/);
  }, 60_000);
});
