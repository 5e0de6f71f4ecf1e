import { describe, expect, it } from 'vitest';
import { catalogueCoverage, intraListDiversity, novelty } from './beyond-accuracy';
import { meanRankingMetrics, userRankingMetrics } from './ranking-metrics';

describe('ranking metrics (Microsoft Recommenders definitions, hand-computed)', () => {
  // Ranked list a..e = 0..4; relevant {1, 4, 9}: hits at ranks 2 and 5, one relevant item never ranked.
  const ranked = [0, 1, 2, 3, 4];
  const relevant = new Set([1, 4, 9]);

  it('k = 5: every metric by hand', () => {
    const m = userRankingMetrics(ranked, relevant, 5);
    expect(m.hr).toBe(1);
    expect(m.precision).toBeCloseTo(2 / 5, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.mrr).toBeCloseTo(1 / 2, 12);
    // DCG = 1/ln(3) + 1/ln(6); IDCG over min(k, |rel|) = 3 items: 1/ln 2 + 1/ln 3 + 1/ln 4.
    const dcg = 1 / Math.log(3) + 1 / Math.log(6);
    const idcg = 1 / Math.log(2) + 1 / Math.log(3) + 1 / Math.log(4);
    expect(m.ndcg).toBeCloseTo(dcg / idcg, 12);
    // python3 -c "import math; print((1/math.log(3)+1/math.log(6))/(1/math.log(2)+1/math.log(3)+1/math.log(4)))"
    expect(m.ndcg).toBeCloseTo(0.4776237035, 9);
    // MAP@k: (1/2 + 2/5) / min(3, 5) = 0.3.
    expect(m.map).toBeCloseTo(0.3, 12);
  });

  it('k = 1: a miss everywhere; the IDCG uses min(k, |relevant|) = 1', () => {
    const m = userRankingMetrics(ranked, relevant, 1);
    expect(m).toEqual({ hr: 0, recall: 0, precision: 0, mrr: 0, ndcg: 0, map: 0 });
    const hit = userRankingMetrics([4, 0], relevant, 1);
    expect(hit.ndcg).toBe(1);
    expect(hit.map).toBe(1);
    expect(hit.precision).toBe(1);
    expect(hit.recall).toBeCloseTo(1 / 3, 12);
  });

  it('precision divides by k even when the list is shorter (Spark semantics)', () => {
    expect(userRankingMetrics([1], relevant, 10).precision).toBeCloseTo(0.1, 12);
  });

  it('averages over users', () => {
    const mean = meanRankingMetrics([
      userRankingMetrics([1], new Set([1]), 1),
      userRankingMetrics([2], new Set([1]), 1),
    ]);
    expect(mean.hr).toBe(0.5);
    expect(mean.ndcg).toBe(0.5);
  });
});

describe('beyond-accuracy metrics', () => {
  it('coverage = distinct recommended items / items in training', () => {
    expect(
      catalogueCoverage(
        [
          [0, 1],
          [1, 2],
        ],
        6,
      ),
    ).toBeCloseTo(0.5, 12);
  });

  it('intra-list diversity: mean pairwise 1 − similarity per list, averaged over lists', () => {
    const similarity = (a: number, b: number) => (a % 2 === b % 2 ? 1 : 0); // same parity = identical
    // List [0, 1, 2]: pairs (0,1)=1, (0,2)=0, (1,2)=1 → 2/3; list [0, 2]: 0 → mean 1/3.
    expect(
      intraListDiversity(
        [
          [0, 1, 2],
          [0, 2],
        ],
        similarity,
      ),
    ).toBeCloseTo(1 / 3, 12);
  });

  it('novelty: mean −log2(users(i) / users)', () => {
    // 8 users; item 0 seen by 4 (1 bit), item 1 by 1 (3 bits) → mean 2 bits.
    expect(novelty([[0, 1]], [4, 1], 8)).toBeCloseTo(2, 12);
  });
});
