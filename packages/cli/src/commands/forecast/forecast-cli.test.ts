import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords } from '@shoppilot/core';
import { backtest, buildPanel, createForecaster } from '@shoppilot/forecast';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput, runShoppilot } from '../../testing/index';

/** 5 store/sku series × 60 weeks: level per series, log-price elasticity -1.5, promo +0.4. */
function salesCsv(): { history: string; future: string } {
  const rows = ['store,sku,week,units,price,promo'];
  const future = ['store,sku,week,price,promo'];
  for (let s = 0; s < 5; s++) {
    for (let t = 0; t < 64; t++) {
      const date = weekDate(t);
      const price = (2 + 0.5 * Math.sin(t * 0.7 + s) + 0.25 * ((t * 7 + s * 3) % 4)).toFixed(2);
      const promo = (t + s) % 6 === 0 ? 1 : 0;
      const units = Math.exp(
        3 + 0.2 * s - 1.5 * Math.log(Number(price)) + 0.4 * promo + 0.05 * Math.sin(t * 1.3 + s * 2),
      ).toFixed(3);
      if (t < 60) rows.push(`S${s},K${s % 2},${date},${units},${price},${promo}`);
      else future.push(`S${s},K${s % 2},${date},${price},${promo}`);
    }
  }
  return { history: `${rows.join('\n')}\n`, future: `${future.join('\n')}\n` };
}

const weekDate = (t: number) => new Date(Date.UTC(2023, 0, 2 + 7 * t)).toISOString().slice(0, 10);
let dir = '';
let input = '';
let futureFile = '';
const panelFlags = () => [
  '--input',
  input,
  '--id',
  'store,sku',
  '--time',
  'week',
  '--target',
  'units',
  '--future-covariates',
  'price,promo',
  '--freq',
  'week',
  '--log-covariates',
  'price',
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shoppilot-forecast-'));
  const { history, future } = salesCsv();
  input = join(dir, 'sales.csv');
  futureFile = join(dir, 'future.csv');
  writeFileSync(input, history);
  writeFileSync(futureFile, future);
});

async function libraryPanel() {
  const { records } = await readRecords(input).collect();
  return buildPanel(records, {
    id: ['store', 'sku'],
    time: 'week',
    target: 'units',
    frequency: 'week',
    futureCovariates: ['price', 'promo'],
  }).panel;
}

describe('shoppilot forecast backtest', () => {
  it('prints the issue JSON shape with the same numbers as the library', async () => {
    const run = await runShoppilot(
      [
        'forecast',
        'backtest',
        ...panelFlags(),
        '--horizon',
        '4',
        '--windows',
        '2',
        '--models',
        'naive,ets,ridge',
        '--json',
      ],
      { timeoutMs: 120_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = parseJsonOutput<{
      horizon: number;
      windows: number;
      series: number;
      models: Array<Record<string, number | string>>;
    }>(run);
    expect(Object.keys(out)).toEqual(['horizon', 'windows', 'series', 'models']);
    expect(out).toMatchObject({ horizon: 4, windows: 2, series: 5 });
    expect(out.models.map((m) => Object.keys(m))).toEqual(
      new Array(3).fill(['name', 'mase', 'smape', 'wape', 'coverage80', 'seconds']),
    );
    expect(out.models.map((m) => m.name)).toEqual(['naive', 'auto-ets', 'ridge']);
    const context = { horizon: 4, seasonLength: 1, transforms: { price: 'log' as const } };
    const library = await backtest(
      await libraryPanel(),
      ['naive', 'auto-ets', 'ridge'].map((name) => ({ name, create: () => createForecaster(name, context) })),
      { horizon: 4, windows: 2 },
    );
    library.models.forEach((m, i) => {
      expect(out.models[i].mase).toBeCloseTo(m.mase, 10);
      expect(out.models[i].wape).toBeCloseTo(m.wape, 10);
      expect(out.models[i].coverage80).toBeCloseTo(m.coverage80, 10);
    });
    // The planted price and promo effects make the covariate model far better than the naive one.
    expect(out.models[2].mase as number).toBeLessThan(0.5 * (out.models[0].mase as number));
  });

  it('names the file, row, series and field of a non-numeric target (exit 1)', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${readFileSync(input, 'utf8').trim()}\nS9,K1,2023-01-02,lots,2.0,0\n`);
    const run = await runShoppilot([
      'forecast',
      'backtest',
      '--input',
      bad,
      '--id',
      'store,sku',
      '--time',
      'week',
      '--target',
      'units',
      '--freq',
      'week',
      '--horizon',
      '4',
      '--models',
      'naive',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.csv, row 301, series "S9\/K1", field "units": target is not numeric/);
  });
});

describe('shoppilot forecast predict', () => {
  it('writes mean and quantiles per id and date, equal to the library forecast', async () => {
    const output = join(dir, 'forecast.csv');
    const run = await runShoppilot([
      'forecast',
      'predict',
      ...panelFlags(),
      '--horizon',
      '4',
      '--model',
      'ridge',
      '--future',
      futureFile,
      '--output',
      output,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,date,mean,p10,p50,p90');
    expect(lines).toHaveLength(1 + 5 * 4);
    expect(lines[1].startsWith(`S0/K0,${weekDate(60)},`)).toBe(true);
    const panel = await libraryPanel();
    const { records } = await readRecords(futureFile).collect();
    const { buildFutureCovariates } = await import('@shoppilot/forecast');
    const future = buildFutureCovariates(
      records,
      { id: ['store', 'sku'], time: 'week', covariates: ['price', 'promo'] },
      panel.axis,
    );
    const model = createForecaster('ridge', { horizon: 4, transforms: { price: 'log' } });
    await model.fit(panel);
    const [first] = (await model.predict({ horizon: 4, future })).forecasts;
    const cells = lines[1].split(',').map(Number);
    expect(cells[2]).toBeCloseTo(first.mean[0], 9);
    expect(cells[5]).toBeCloseTo(first.quantiles[2].values[0], 9);
  });

  it('without the planned covariates: a typed error naming covariate, series and dates', async () => {
    const run = await runShoppilot([
      'forecast',
      'predict',
      ...panelFlags(),
      '--horizon',
      '2',
      '--model',
      'ridge',
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `future covariate "price" is missing for series "S0/K0" at 2 forecast date(s): ${weekDate(60)}, ${weekDate(61)}`,
    );
  });

  it('--nonnegative clips at 0, and a series too short for AutoETS falls back without failing the others', async () => {
    const sparse = [0, 0, 3, 0, 1, 0, 0, 2, 0, 0, 0, 1];
    const rows = ['sku,week,units', ...sparse.map((v, t) => `A,${weekDate(t)},${v}`)];
    rows.push(`NEW,${weekDate(10)},4`, `NEW,${weekDate(11)},6`);
    const file = join(dir, 'sparse.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const flags = ['forecast', 'predict', '--input', file, '--id', 'sku', '--time', 'week'];
    const common = [...flags, '--target', 'units', '--freq', 'week', '--horizon', '4', '--model', 'ets'];
    const raw = await runShoppilot([...common, '--json']);
    expect(raw.code, raw.stderr).toBe(0);
    const clipped = await runShoppilot([...common, '--json', '--nonnegative']);
    expect(clipped.code, clipped.stderr).toBe(0);
    type Out = {
      forecasts: Array<{
        id: string;
        mean: number[];
        quantiles: Array<{ values: number[] }>;
        fallback?: { model: string };
      }>;
    };
    const values = (out: Out) =>
      out.forecasts.flatMap((f) => [...f.mean, ...f.quantiles.flatMap((q) => q.values)]);
    const before = values(parseJsonOutput<Out>(raw));
    const after = values(parseJsonOutput<Out>(clipped));
    const negatives = before.filter((v) => v < 0).length;
    expect(negatives).toBeGreaterThan(0);
    expect(after).toEqual(before.map((v) => Math.max(0, v)));
    expect(clipped.stderr).toContain(`nonnegative: ${negatives} forecast value(s) below 0 set to 0`);
    const newSeries = parseJsonOutput<Out>(clipped).forecasts.find((f) => f.id === 'NEW');
    expect(newSeries?.fallback?.model).toBe('ses');
    expect(newSeries?.mean[0]).toBeGreaterThan(4);
  });
});
