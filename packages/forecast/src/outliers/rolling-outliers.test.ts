import { describe, expect, it } from 'vitest';
import { panelFromArrays } from '../panel/panel-ops';
import { treatPanelOutliers } from './panel-outliers';
import { detectOutliers } from './rolling-outliers';

// A steep linear trend with one spike at index 50.
const trend = Array.from({ length: 100 }, (_, i) => 10 * i);
const spiked = trend.map((v, i) => (i === 50 ? v + 400 : v));

describe('detectOutliers', () => {
  it('flags only the spike, not the trend, with the closed-form rolling bounds', () => {
    const result = detectOutliers(spiked, { window: 13 });
    expect(result.outliers.map((o) => o.index)).toEqual([50]);
    // Neighbours 440..560 step 10 without 500: mean 500, sample sd = 10*sqrt(2*(1+4+9+16+25+36)/11).
    const sd = 10 * Math.sqrt((2 * 91) / 11);
    expect(result.outliers[0].center).toBeCloseTo(500, 10);
    expect(result.outliers[0].upper).toBeCloseTo(500 + 3 * sd, 10);
    expect(result.changed).toBe(0);
    expect([...result.values]).toEqual(spiked);
  });

  it('a global 3-sigma rule would miss the spike a rolling window finds', () => {
    const m = spiked.reduce((a, b) => a + b, 0) / spiked.length;
    const sd = Math.sqrt(spiked.reduce((a, b) => a + (b - m) ** 2, 0) / (spiked.length - 1));
    expect(Math.abs(spiked[50] - m) < 3 * sd).toBe(true);
  });

  it('clips to the bound or replaces with the centre, and says what changed', () => {
    const clipped = detectOutliers(spiked, { action: 'clip' });
    const sd = 10 * Math.sqrt((2 * 91) / 11);
    expect(clipped.values[50]).toBeCloseTo(500 + 3 * sd, 10);
    expect(clipped.changed).toBe(1);
    const replaced = detectOutliers(spiked, { action: 'replace' });
    expect(replaced.values[50]).toBeCloseTo(500, 10);
    expect(replaced.values[49]).toBe(490);
  });

  it('median/MAD bounds: median of neighbours ± 3·1.4826·MAD', () => {
    const values = [1, 2, 1, 2, 1, 50, 2, 1, 2, 1, 2];
    const result = detectOutliers(values, { method: 'mad', window: 11, action: 'replace' });
    // Neighbours of index 5: five 1s and five 2s → median 1.5, MAD 0.5.
    expect(result.outliers.map((o) => o.index)).toEqual([5]);
    expect(result.outliers[0].center).toBe(1.5);
    expect(result.outliers[0].upper).toBeCloseTo(1.5 + 3 * 1.482602218505602 * 0.5, 12);
    expect(result.values[5]).toBe(1.5);
  });

  it('keeps missing values missing', () => {
    const result = detectOutliers([1, Number.NaN, 1, 1, 1, 1], { action: 'replace', window: 5 });
    expect(Number.isNaN(result.values[1])).toBe(true);
  });
});

describe('treatPanelOutliers', () => {
  it('reports series, period and date of each change', () => {
    const panel = panelFromArrays([
      { id: 'a', values: spiked, start: 10 },
      { id: 'b', values: trend },
    ]);
    const result = treatPanelOutliers(panel, { action: 'clip' });
    expect(result.points.map((p) => [p.series, p.period, p.date, p.original])).toEqual([
      ['a', 60, '60', 900],
    ]);
    expect(result.changed).toBe(1);
    expect(panel.series[0].target[50]).toBe(900);
  });
});
