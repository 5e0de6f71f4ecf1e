import { describe, expect, it } from 'vitest';
import { mae, mape, mase, naiveScale, rmse, rmsse, smape, wape } from './point-metrics';
import { intervalCoverage, pinballLoss } from './quantile-metrics';

const actual = [10, 20, 30, 40];
const forecast = [12, 18, 33, 40];

describe('point metrics (closed forms)', () => {
  it('MAE, RMSE, MAPE, sMAPE, WAPE', () => {
    expect(mae(actual, forecast)).toBeCloseTo((2 + 2 + 3 + 0) / 4, 12);
    expect(rmse(actual, forecast)).toBeCloseTo(Math.sqrt((4 + 4 + 9 + 0) / 4), 12);
    expect(mape(actual, forecast)).toBeCloseTo((0.2 + 0.1 + 0.1 + 0) / 4, 12);
    expect(smape(actual, forecast)).toBeCloseTo((4 / 22 + 4 / 38 + 6 / 63 + 0) / 4, 12);
    expect(wape(actual, forecast)).toBeCloseTo(7 / 100, 12);
  });

  it('MASE and RMSSE scale by the in-sample (seasonal) naive error', () => {
    const insample = [1, 3, 2, 6];
    expect(naiveScale(insample)).toBeCloseTo((2 + 1 + 4) / 3, 12);
    expect(naiveScale(insample, 2)).toBeCloseTo((1 + 3) / 2, 12);
    expect(mase(actual, forecast, insample)).toBeCloseTo(1.75 / (7 / 3), 12);
    expect(mase(actual, forecast, insample, 2)).toBeCloseTo(1.75 / 2, 12);
    expect(rmsse(actual, forecast, insample)).toBeCloseTo(
      Math.sqrt(17 / 4) / Math.sqrt((4 + 1 + 16) / 3),
      12,
    );
  });

  it('the naive forecast itself has MASE 1 on its own in-sample errors over a random walk step', () => {
    // Forecast y_{t-1} for t in the sample: MAE equals the scale exactly.
    const y = [5, 7, 4, 9, 8];
    expect(mase(y.slice(1), y.slice(0, -1), y)).toBeCloseTo(1, 12);
  });

  it('leaves out missing actual values and zero actuals in MAPE', () => {
    expect(mae([1, Number.NaN, 3], [2, 100, 3])).toBeCloseTo(0.5, 12);
    expect(mape([0, 2], [1, 1])).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(mae([Number.NaN], [1]))).toBe(true);
  });
});

describe('quantile metrics', () => {
  it('pinball loss closed form', () => {
    // y - q = [2, -2]: 0.9·2 and 0.1·2 → mean 1.
    expect(pinballLoss([12, 8], [10, 10], 0.9)).toBeCloseTo(1, 12);
    expect(pinballLoss([12, 8], [10, 10], 0.5)).toBeCloseTo(1, 12);
  });

  it('the median minimises the pinball loss at 0.5 (invariant)', () => {
    const y = [1, 2, 3, 10, 11];
    const loss = (q: number) =>
      pinballLoss(
        y,
        y.map(() => q),
        0.5,
      );
    expect(loss(3)).toBeLessThan(loss(2.9));
    expect(loss(3)).toBeLessThan(loss(3.1));
  });

  it('interval coverage counts bounds as inside', () => {
    expect(intervalCoverage([1, 2, 3, 4], [1, 0, 4, 0], [1, 1, 5, 10])).toBeCloseTo(0.5, 12);
  });
});
