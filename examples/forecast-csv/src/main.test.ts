import { describe, expect, it } from 'vitest';
import { run } from './main';

/*
 * R 4.2, forecast 8.20 (Debian r-cran-forecast):
 *   ap <- ts(read.csv('datasets/demand/airpassengers.csv')$value, start = c(1949, 1), frequency = 12)
 *   f <- forecast(ets(ap), h = 12, level = 80)   # ETS(M,Ad,M)
 *   f$mean[c(1, 6, 12)]   # 441.8018 551.0244 451.9694
 */
const R_MEAN = { 0: 441.8018473, 5: 551.0244, 11: 451.9693731 };

describe('examples/forecast-csv', () => {
  it('picks ETS(M,Ad,M) as R does and forecasts within 1% of R', { timeout: 120_000 }, async () => {
    const result = await run();
    expect(result.model).toContain('M,Ad,M');
    expect(result.months[0]).toBe('1961-01-01');
    for (const [h, value] of Object.entries(R_MEAN)) {
      expect(Math.abs(result.mean[Number(h)] / value - 1)).toBeLessThan(0.01);
    }
    result.mean.forEach((mean, h) => {
      expect(result.p10[h]).toBeLessThan(mean);
      expect(result.p90[h]).toBeGreaterThan(mean);
    });
    expect(result.backtest.map((m) => m.name)).toEqual(['auto-ets', 'seasonal-naive']);
  });
});
