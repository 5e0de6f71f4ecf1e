import { describe, expect, it } from 'vitest';
import { logLoss, ndcgAtK, recallAtK, rocAuc, topK } from './ranking-metrics';

describe('ranking metrics', () => {
  it('AUC and log loss match scikit-learn (roc_auc_score, log_loss)', () => {
    const y = [0, 0, 1, 1, 0, 1];
    const p = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4];
    expect(rocAuc(y, p)).toBeCloseTo(0.6666666666666667, 12);
    expect(logLoss(y, p)).toBeCloseTo(0.5527113618128084, 12);
    expect(Number.isNaN(rocAuc([1, 1], [0.2, 0.3]))).toBe(true);
  });

  it('Recall@k and NDCG@k with one relevant item', () => {
    const rankings = [
      [3, 1, 2],
      [2, 3, 1],
      [1, 2, 3],
    ];
    const targets = [3, 1, 9];
    expect(recallAtK(rankings, targets, 3)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(rankings, targets, 1)).toBeCloseTo(1 / 3, 12);
    // ranks 1 and 3 -> (1 + 1/log2(4)) / 3
    expect(ndcgAtK(rankings, targets, 3)).toBeCloseTo((1 + 0.5) / 3, 12);
  });

  it('topK returns the best indices in order', () => {
    expect(topK([0.1, 0.9, 0.5, 0.7], 2)).toEqual([1, 3]);
    expect(topK([0.1, 0.9, 0.5, 0.7], 2, new Set([1]))).toEqual([3, 2]);
  });
});
