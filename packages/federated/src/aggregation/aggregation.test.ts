import { InvalidArgumentError } from '@shoppilot/core';
import { expectDeepClose } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { aggregatePlaintext, checkRuleCompatible } from './aggregation-rule';
import { weightedAverage } from './fedavg';
import { coordinateMedian, trimmedMean } from './robust';

const rows = [
  [1.0, -2.0, 3.5],
  [4.0, 0.5, -1.0],
  [100.0, 1.5, 2.0],
  [2.0, -50.0, 0.0],
  [3.0, 2.5, 1.0],
].map((r) => Float64Array.from(r));
const weights = [10, 20, 30, 40, 50];

// Reference values: python3 -c "import numpy as np; from scipy.stats import trim_mean; v=np.array(rows);
//   print(np.median(v,0), trim_mean(v,0.2,axis=0), np.median(v[:4],0), (v*w[:,None]).sum(0)/w.sum())"
describe('aggregation rules', () => {
  it('FedAvg weights by sample count', () => {
    const result = weightedAverage(rows.map((values, k) => ({ values, weight: weights[k] })));
    expectDeepClose(Array.from(result), [22.133333333333333, -12.266666666666667, 0.8333333333333334], 1e-12);
  });

  it('coordinate median (odd and even counts) and trimmed mean match numpy/scipy', () => {
    expect(Array.from(coordinateMedian(rows))).toEqual([3, 0.5, 1]);
    expect(Array.from(coordinateMedian(rows.slice(0, 4)))).toEqual([3, -0.75, 1]);
    expectDeepClose(Array.from(trimmedMean(rows, 0.2)), [3, 0, 1], 1e-12);
  });

  it('robust rules shrug off one poisoned client where FedAvg does not', () => {
    const honest = Array.from({ length: 6 }, () => ({ values: Float64Array.of(1, 1), weight: 1 }));
    const poisoned = [...honest, { values: Float64Array.of(1e6, -1e6), weight: 1 }];
    expect(Array.from(aggregatePlaintext(poisoned, 'median'))).toEqual([1, 1]);
    expect(Array.from(aggregatePlaintext(poisoned, 'trimmed-mean', { trim: 0.15 }))).toEqual([1, 1]);
    expect(aggregatePlaintext(poisoned, 'fedavg')[0]).toBeGreaterThan(1e5);
  });

  it('refuses robust rules with encryption or masking, with the reason', () => {
    expect(() => checkRuleCompatible('median', 'ckks')).toThrow(InvalidArgumentError);
    expect(() => checkRuleCompatible('trimmed-mean', 'masking')).toThrow(/only sees the sum/);
    expect(() => checkRuleCompatible('median', 'none')).not.toThrow();
    expect(() => checkRuleCompatible('fedavg', 'ckks')).not.toThrow();
  });

  it('rejects bad weights and mismatched lengths', () => {
    expect(() => weightedAverage([{ values: Float64Array.of(1), weight: -1 }])).toThrow(/weight/);
    expect(() =>
      weightedAverage([
        { values: Float64Array.of(1), weight: 1 },
        { values: Float64Array.of(1, 2), weight: 1 },
      ]),
    ).toThrow(/Dimension mismatch/);
  });
});
