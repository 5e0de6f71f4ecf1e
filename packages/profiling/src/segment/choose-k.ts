import { InvalidArgumentError, type LongRunningOptions, throwIfAborted } from '@shoppilot/core';
import { calinskiHarabaszScore, daviesBouldinScore, silhouetteScore } from './cluster-metrics';
import { type KMeansOptions, type KMeansResult, kmeans } from './kmeans';
import type { Matrix } from './matrix';

export interface ChooseKOptions extends Omit<KMeansOptions, 'k'>, LongRunningOptions {
  /** Candidate cluster counts. Default 2..8. */
  candidates?: readonly number[];
  /** Which index picks k: `silhouette` (max), `calinski-harabasz` (max) or `davies-bouldin` (min). Default `silhouette`. */
  criterion?: 'silhouette' | 'calinski-harabasz' | 'davies-bouldin';
  /** Rows sampled for the silhouette on big data. Default 5000. */
  silhouetteSampleSize?: number;
}

export interface KScore {
  k: number;
  inertia: number;
  silhouette: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
}

export interface ChooseKResult {
  /** The chosen k by `criterion`. */
  k: number;
  criterion: NonNullable<ChooseKOptions['criterion']>;
  /** All three indices for every candidate. */
  scores: KScore[];
  /** The k-means fit at the chosen k. */
  best: KMeansResult;
}

/** Fits k-means for each candidate k and reports silhouette, Calinski-Harabasz and Davies-Bouldin. */
export function chooseK(x: Matrix, options: ChooseKOptions = {}): ChooseKResult {
  const candidates = options.candidates ?? [2, 3, 4, 5, 6, 7, 8];
  if (candidates.length === 0 || candidates.some((k) => !Number.isInteger(k) || k < 2)) {
    throw new InvalidArgumentError({
      argument: 'candidates',
      message: 'need integers >= 2',
      value: candidates,
    });
  }
  const criterion = options.criterion ?? 'silhouette';
  const scores: KScore[] = [];
  const fits: KMeansResult[] = [];
  candidates.forEach((k, index) => {
    throwIfAborted(options.signal);
    const fit = kmeans(x, { ...options, k, onProgress: undefined });
    fits.push(fit);
    scores.push({
      k,
      inertia: fit.inertia,
      silhouette: silhouetteScore(x, fit.labels, {
        sampleSize: options.silhouetteSampleSize,
        seed: options.seed,
      }),
      calinskiHarabasz: calinskiHarabaszScore(x, fit.labels),
      daviesBouldin: daviesBouldinScore(x, fit.labels),
    });
    options.onProgress?.({ stage: 'choose-k', completed: index + 1, total: candidates.length });
  });
  const value = (s: KScore) =>
    criterion === 'silhouette'
      ? s.silhouette
      : criterion === 'calinski-harabasz'
        ? s.calinskiHarabasz
        : -s.daviesBouldin;
  let best = 0;
  scores.forEach((s, i) => {
    if (value(s) > value(scores[best])) best = i;
  });
  return { k: scores[best].k, criterion, scores, best: fits[best] };
}
