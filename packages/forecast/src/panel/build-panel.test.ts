import { InputValidationError } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { MissingFutureCovariateError } from '../errors/missing-future-covariate-error';
import { buildPanel } from './build-panel';
import { buildFutureCovariates, futureFromPanel, futureWindow } from './future-covariates';
import { truncatePanel } from './panel-ops';
import { periodLabel } from './time-axis';

const rows = [
  { store: 'A', sku: '1', date: '2024-01-01', units: '5', price: '2.0', promo: '0', region: 'north' },
  { store: 'A', sku: '1', date: '2024-01-08', units: '7', price: '', promo: '1', region: 'north' },
  // 2024-01-15 missing for A/1
  { store: 'A', sku: '1', date: '2024-01-22', units: '6', price: '1.5', promo: '0', region: 'north' },
  { store: 'B', sku: '1', date: '2024-01-10', units: '3', price: '2.5', promo: '0', region: 'south' },
  { store: 'B', sku: '1', date: '2024-01-17', units: 'NA', price: '2.5', promo: '0', region: 'south' },
];

const spec = {
  id: ['store', 'sku'],
  time: 'date',
  target: 'units',
  frequency: 'week' as const,
  futureCovariates: ['price', 'promo'],
  staticCovariates: ['region'],
  source: 'sales.csv',
};

function expectIssue(fn: () => unknown, pattern: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(pattern);
    return error as InputValidationError;
  }
  throw new Error('expected an InputValidationError');
}

describe('buildPanel', () => {
  it('aligns weekly series with different starts, fills gaps by policy and reports each fill', () => {
    const { panel, report } = buildPanel(rows, spec);
    expect(panel.series.map((s) => s.id)).toEqual(['A/1', 'B/1']);
    const [a, b] = panel.series;
    expect(periodLabel(a.start, panel.axis)).toBe('2024-01-01');
    // 2024-01-10 (a Wednesday) falls in the week starting Monday 2024-01-08.
    expect(periodLabel(b.start, panel.axis)).toBe('2024-01-08');
    expect([...a.target]).toEqual([5, 7, Number.NaN, 6]);
    expect([...a.future.price]).toEqual([2, 2, 2, 1.5]);
    expect([...a.future.promo]).toEqual([0, 1, 1, 0]);
    expect(a.static).toEqual({ region: 'north' });
    expect(report[0]).toMatchObject({ id: 'A/1', periods: 4, rows: 3, gaps: 1, missingTarget: 1 });
    expect(report[0].filled).toEqual({ units: 0, price: 2, promo: 1 });
    expect(Number.isNaN(b.target[1])).toBe(true);
  });

  it('fills target gaps with zero when asked', () => {
    const { panel, report } = buildPanel(rows, { ...spec, targetGaps: 'zero' });
    expect([...panel.series[0].target]).toEqual([5, 7, 0, 6]);
    expect(report[0].filled.units).toBe(1);
  });

  it('rejects duplicate timestamps naming the series, the date and the rows', () => {
    const duplicated = [...rows, { ...rows[1], date: '2024-01-09' }];
    const error = expectIssue(
      () => buildPanel(duplicated, spec),
      /series "A\/1".*duplicate timestamp 2024-01-08 \(rows 2, 6\)/,
    );
    expect(error.location.series).toBe('A/1');
  });

  it('sums rows falling in one period when duplicates: sum', () => {
    const daily = [
      { id: 'x', date: '2024-01-01', units: 1 },
      { id: 'x', date: '2024-01-03', units: 2 },
      { id: 'x', date: '2024-01-09', units: 4 },
    ];
    const { panel } = buildPanel(daily, {
      id: 'id',
      time: 'date',
      target: 'units',
      frequency: 'week',
      duplicates: 'sum',
    });
    expect([...panel.series[0].target]).toEqual([3, 4]);
  });

  it('rejects a non-numeric target naming file, row, series and field', () => {
    const bad = [
      ...rows,
      { store: 'C', sku: '2', date: '2024-01-01', units: 'lots', price: '1', promo: '0', region: 'x' },
    ];
    const error = expectIssue(
      () => buildPanel(bad, spec),
      /sales\.csv, row 6, series "C\/2", field "units": target is not numeric/,
    );
    expect(error.location).toMatchObject({ row: 6, series: 'C/2', field: 'units' });
  });

  it('rejects an all-missing series by name', () => {
    const bad = [
      ...rows,
      { store: 'D', sku: '1', date: '2024-01-01', units: '', price: '1', promo: '0', region: 'x' },
    ];
    expectIssue(() => buildPanel(bad, spec), /series "D\/1", field "units": every target value is missing/);
  });

  it('rejects a static covariate that changes within a series', () => {
    const bad = rows.map((row, i) => (i === 2 ? { ...row, region: 'east' } : row));
    expectIssue(() => buildPanel(bad, spec), /series "A\/1", field "region": static covariate changes/);
  });

  it('reads integer period numbers as an index axis', () => {
    const { panel } = buildPanel(
      [
        { id: 's', week: 40, y: 1 },
        { id: 's', week: 42, y: 3 },
      ],
      { id: 'id', time: 'week', target: 'y', frequency: 'week' },
    );
    expect(panel.axis.kind).toBe('index');
    expect(panel.series[0].start).toBe(40);
    expect(panel.series[0].target.length).toBe(3);
  });
});

describe('future covariates', () => {
  const { panel } = buildPanel(rows, spec);

  it('names the covariate, the series and each missing date', () => {
    const future = buildFutureCovariates(
      [
        { store: 'A', sku: '1', date: '2024-01-29', price: 1.5, promo: 0 },
        { store: 'A', sku: '1', date: '2024-02-12', price: 1.5, promo: '' },
      ],
      { id: ['store', 'sku'], time: 'date', covariates: ['price', 'promo'] },
      panel.axis,
    );
    const from = panel.series[0].start + 4;
    try {
      futureWindow(future, 'A/1', ['price', 'promo'], from, 3, panel.axis);
      throw new Error('expected an error');
    } catch (error) {
      expect(MissingFutureCovariateError.isInstance(error)).toBe(true);
      const typed = error as MissingFutureCovariateError;
      expect(typed.covariate).toBe('price');
      expect(typed.series).toBe('A/1');
      expect(typed.missingDates).toEqual(['2024-02-05']);
    }
    expect(() => futureWindow(future, 'B/1', ['price'], from, 1, panel.axis)).toThrow(
      /"price" is missing for series "B\/1" at 1 forecast date\(s\): 2024-01-29/,
    );
  });

  it('returns the values when every date is present', () => {
    const window = futureWindow(
      futureFromPanel(panel),
      'A/1',
      ['price'],
      panel.series[0].start + 1,
      3,
      panel.axis,
    );
    expect([...window.price]).toEqual([2, 2, 1.5]);
  });
});

describe('truncatePanel', () => {
  it('keeps nothing after the cut and drops series that start later', () => {
    const { panel } = buildPanel(rows, spec);
    const cut = panel.series[0].start;
    const { panel: early, dropped } = truncatePanel(panel, cut);
    expect(early.series.map((s) => [s.id, s.target.length])).toEqual([['A/1', 1]]);
    expect(dropped).toEqual([{ id: 'B/1', reason: 'starts after the cut' }]);
    expect(early.series[0].future.price.length).toBe(1);
  });
});
