import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { standardNormalQuantile } from '../distributions/normal';
import { classConditionalForecaster } from './class-forecaster';
import { lognormalClassForecaster } from './lognormal-forecaster';
import {
  rollingEmpiricalForecaster,
  selectQuantile,
  sortedSampleLoss,
  sortedSampleQuantile,
} from './rolling-forecaster';

describe('rolling empirical forecaster', () => {
  it('sums overlapping windows of the last observed periods, skipping NaN', () => {
    const forecaster = rollingEmpiricalForecaster({ window: 4 });
    const result = forecaster.forecast(Float64Array.from([100, 1, Number.NaN, 2, 3, 4]), 2, 0);
    // last 4 observed: 1, 2, 3, 4 -> 2-sums 3, 5, 7
    expect(result.mean).toBe(2.5);
    expect([...result.samples]).toEqual([3, 5, 7]);
    expect(sortedSampleQuantile(result.samples, 0.5)).toBe(5);
    expect(sortedSampleQuantile(result.samples, 0.9)).toBeCloseTo(6.6, 12); // type 7: 5 + 0.8 x 2
    expect(sortedSampleLoss(result.samples, 4)).toBeCloseTo(4 / 3, 12);
  });
});

describe('selectQuantile', () => {
  it('equals the type-7 quantile of the sorted samples', () => {
    const rng = createRng(3);
    for (const n of [1, 2, 5, 50, 51]) {
      const values = Float64Array.from({ length: n }, () => Math.round(rng.next() * 20));
      const sorted = values.slice().sort();
      for (const p of [0, 0.1, 0.5, 0.9, 0.95, 1]) {
        expect(selectQuantile(values.slice(), p)).toBeCloseTo(sortedSampleQuantile(sorted, p), 12);
      }
    }
  });

  it('the rolling forecaster gives the same quantile with and without sorting', () => {
    const history = Float64Array.from({ length: 60 }, (_, t) => (t * 37) % 23);
    const fast = rollingEmpiricalForecaster().forecast(history, 3, 0);
    const viaSelect = fast.quantile?.(0.93) as number;
    const viaSort = sortedSampleQuantile(rollingEmpiricalForecaster().forecast(history, 3, 0).samples, 0.93);
    expect(viaSelect).toBeCloseTo(viaSort, 12);
  });
});

describe('class-conditional forecaster', () => {
  it('uses the same-class history of each upcoming period (classes known in advance)', () => {
    const classes = Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 1, 1, 0]);
    const history = Float64Array.from([10, 50, 10, 50, 10, 50, 10, 50]);
    const forecaster = classConditionalForecaster({ classes, periods: 10, minObservations: 2, grid: 5 });
    const result = forecaster.forecast(history, 2, 0); // upcoming classes 1, 0
    expect(result.mean).toBe(30);
    expect([...result.samples]).toEqual([60, 60, 60, 60, 60]);
  });
});

describe('lognormal class forecaster', () => {
  it('mean exp(mu + sd^2 / 2) - 1 of log(1 + demand), quantiles exp(mu + sd z) - 1', () => {
    // log1p values 1, 3, 1, 3: mu = 2, sample variance 4/3
    const history = Float64Array.from([1, 3, 1, 3].map((y) => Math.expm1(y)));
    const forecaster = lognormalClassForecaster({ periods: 4, grid: 4, dependence: 'comonotonic' });
    const result = forecaster.forecast(history, 1, 0);
    expect(result.mean).toBeCloseTo(Math.exp(2 + 2 / 3) - 1, 10);
    const z = standardNormalQuantile(0.875);
    expect(result.samples[3]).toBeCloseTo(Math.exp(2 + Math.sqrt(4 / 3) * z) - 1, 10);
  });

  it('independent periods: the sum keeps the mean (Fenton-Wilkinson)', () => {
    const history = Float64Array.from([5, 9, 6, 8, 7, 7, 10, 4]);
    const forecaster = lognormalClassForecaster({ periods: 8, grid: 2000 });
    const one = forecaster.forecast(history, 1, 0).mean;
    const samples = forecaster.forecast(history, 3, 0).samples;
    const average = samples.reduce((a, b) => a + b, 0) / samples.length;
    expect(average).toBeCloseTo(3 * one, 1);
  });
});
