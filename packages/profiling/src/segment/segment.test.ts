import { readFileSync } from 'node:fs';
import { describeEstimator, expectDeepClose } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { chooseK } from './choose-k';
import { calinskiHarabaszScore, daviesBouldinScore, silhouetteScore } from './cluster-metrics';
import { GaussianMixture } from './gaussian-mixture';
import { gaussianMixture } from './gmm';
import { kmeans } from './kmeans';
import { KMeans, MiniBatchKMeans } from './kmeans-estimator';
import { type Matrix, toMatrix } from './matrix';
import { miniBatchKMeans } from './minibatch-kmeans';
import { Scaler } from './scaling';

// Fisher's Iris (UCI, CC BY 4.0), as shipped in scikit-learn: 150 x 4.
const iris: Matrix = toMatrix(
  readFileSync(new URL('./__fixtures__/iris.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number)),
);

/*
 * Reference values from scikit-learn 1.2.1 (python3):
 *   km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
 *   km.inertia_, silhouette_score(X, km.labels_), calinski_harabasz_score(...), davies_bouldin_score(...)
 *   GaussianMixture(3, covariance_type=cov, random_state=0, tol=1e-10, max_iter=2000).fit(X).score(X)
 *   StandardScaler().fit(X).mean_/.scale_, RobustScaler().fit(X).center_/.scale_
 */
const SKLEARN = {
  inertia: { 2: 152.3479517603579, 3: 78.851441426146, 4: 57.22847321428572 },
  silhouette3: 0.5528190123564095,
  calinski3: 561.62775662962,
  davies3: 0.6619715465007465,
  silhouette2: 0.6810461692117462,
  davies2: 0.40429283717304343,
  gmmFull: -1.201236517285659,
  gmmDiag: -2.0478504782458558,
  gmmFullMeans0: [5.006, 5.91497233, 6.54455038],
  gmmFullWeights: [0.2991955, 0.33333333, 0.36747116],
  standardMean: [5.843333333333335, 3.057333333333334, 3.7580000000000027, 1.199333333333334],
  standardScale: [0.8253012917851409, 0.43441096773549437, 1.7594040657753032, 0.7596926279021594],
  robustCenter: [5.8, 3.0, 4.35, 1.3],
  robustScale: [1.3, 0.5, 3.5, 1.5],
};

describe('scaling (scikit-learn StandardScaler / RobustScaler on Iris)', () => {
  it('matches the fitted centre and scale', () => {
    const standard = new Scaler().fit(iris).toJSON().state;
    expectDeepClose(standard, { center: SKLEARN.standardMean, scale: SKLEARN.standardScale }, 1e-12);
    const robust = new Scaler({ method: 'robust' }).fit(iris).toJSON().state;
    expectDeepClose(robust, { center: SKLEARN.robustCenter, scale: SKLEARN.robustScale }, 1e-12);
  });
});

describe('k-means and cluster indices (scikit-learn on Iris)', () => {
  it('reaches scikit-learn inertia for k = 2, 3, 4', () => {
    for (const k of [2, 3, 4] as const) {
      expect(kmeans(iris, { k, nInit: 10, seed: 1 }).inertia).toBeCloseTo(SKLEARN.inertia[k], 8);
    }
    const sizes = Array.from(kmeans(iris, { k: 3, seed: 1 }).labels).reduce(
      (acc, l) => acc.set(l, (acc.get(l) ?? 0) + 1),
      new Map<number, number>(),
    );
    expect([...sizes.values()].sort()).toEqual([38, 50, 62]);
  });

  it('computes silhouette, Calinski-Harabasz and Davies-Bouldin as scikit-learn', () => {
    const { labels } = kmeans(iris, { k: 3, nInit: 10, seed: 1 });
    expect(silhouetteScore(iris, labels)).toBeCloseTo(SKLEARN.silhouette3, 10);
    expect(calinskiHarabaszScore(iris, labels)).toBeCloseTo(SKLEARN.calinski3, 8);
    expect(daviesBouldinScore(iris, labels)).toBeCloseTo(SKLEARN.davies3, 10);
  });

  it('reports all three indices when choosing k; each criterion picks its own best', () => {
    const result = chooseK(iris, { candidates: [2, 3, 4], nInit: 10, seed: 1 });
    expect(result.scores.map((s) => s.k)).toEqual([2, 3, 4]);
    expect(result.k).toBe(2);
    expect(result.scores[0].silhouette).toBeCloseTo(SKLEARN.silhouette2, 10);
    expect(result.scores[0].daviesBouldin).toBeCloseTo(SKLEARN.davies2, 10);
    expect(
      chooseK(iris, { candidates: [2, 3, 4], nInit: 10, seed: 1, criterion: 'calinski-harabasz' }).k,
    ).toBe(3);
    expect(chooseK(iris, { candidates: [2, 3, 4], nInit: 10, seed: 1, criterion: 'davies-bouldin' }).k).toBe(
      2,
    );
  });

  it('mini-batch k-means gets within 3% of the full k-means inertia', () => {
    const result = miniBatchKMeans(iris, { k: 3, batchSize: 64, maxIter: 200, seed: 3 });
    expect(result.inertia).toBeLessThan(SKLEARN.inertia[3] * 1.03);
  });
});

describe('Gaussian mixture (scikit-learn GaussianMixture on Iris)', () => {
  it('full covariance converges to the same optimum', () => {
    const r = gaussianMixture(iris, { k: 3, covariance: 'full', tol: 1e-10, maxIter: 2000, seed: 1 });
    expect(r.converged).toBe(true);
    expect(r.logLikelihood).toBeCloseTo(SKLEARN.gmmFull, 6);
    const means0 = [0, 1, 2].map((c) => r.means[c * 4]).sort();
    expectDeepClose(means0, SKLEARN.gmmFullMeans0, 1e-6);
    expectDeepClose(Array.from(r.weights).sort(), SKLEARN.gmmFullWeights, 1e-6);
  });

  it('diagonal covariance converges to the same optimum', () => {
    const r = gaussianMixture(iris, { k: 3, covariance: 'diag', tol: 1e-10, maxIter: 2000, seed: 1 });
    expect(r.logLikelihood).toBeCloseTo(SKLEARN.gmmDiag, 6);
  });
});

const blobs = () => [
  [0, 0],
  [0.1, 0.2],
  [0.2, 0.1],
  [5, 5],
  [5.1, 5.2],
  [4.9, 5.1],
];
const other = () => [
  [1, 1],
  [1.1, 0.9],
  [9, 9],
  [9.2, 8.8],
];

describeEstimator('KMeans', {
  create: () => new KMeans({ k: 2, seed: 4 }),
  data: blobs,
  otherData: other,
  fit: (m, x) => m.fit(x),
  predict: (m, x) => m.predict(x),
  fromJSON: (json) => KMeans.fromJSON(json),
});

describeEstimator('MiniBatchKMeans', {
  create: () => new MiniBatchKMeans({ k: 2, batchSize: 4, seed: 4 }),
  data: blobs,
  otherData: other,
  fit: (m, x) => m.fit(x),
  predict: (m, x) => m.predict(x),
  fromJSON: (json) => MiniBatchKMeans.fromJSON(json),
});

describeEstimator('GaussianMixture', {
  create: () => new GaussianMixture({ k: 2, covariance: 'diag', seed: 4 }),
  data: blobs,
  otherData: other,
  fit: (m, x) => m.fit(x),
  predict: (m, x) => m.predictProba(x),
  fromJSON: (json) => GaussianMixture.fromJSON(json),
  tolerance: 1e-9,
});

describeEstimator('Scaler', {
  create: () => new Scaler({ method: 'robust' }),
  data: blobs,
  otherData: other,
  fit: (m, x) => m.fit(x),
  predict: (m, x) => m.transform(x).data,
  fromJSON: (json) => Scaler.fromJSON(json),
});
