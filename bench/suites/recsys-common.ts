/** Helpers shared by the recsys bench sections: timing with CPU time, evaluation rows, blend tuning. */
import { loadavg } from 'node:os';
import {
  addStandardised,
  type EvaluationResult,
  evaluateRecommender,
  type Recommender,
  rowIndices,
  rowTimes,
  type Split,
  stratifiedSplit,
  topK,
  userHistories,
  userRankingMetrics,
} from '@shoppilot/recsys';
import { formatNumber } from '../harness';

export interface Timed<T> {
  value: T;
  wallSeconds: number;
  cpuSeconds: number;
}

/** Runs `fn`, returning its value with wall and process CPU seconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return {
    value,
    wallSeconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

export interface ModelRun {
  name: string;
  result: EvaluationResult;
  fit: Timed<unknown>;
}

/** Fits a model on the split's train and evaluates it (k = 10). */
export async function fitAndEvaluate(
  name: string,
  model: Recommender,
  split: Split,
  options: { excludeSeen?: boolean; log: (line: string) => void },
): Promise<ModelRun> {
  const fit = await timed(() => model.fit(split.train));
  const result = await evaluateRecommender(model, split, { k: 10, excludeSeen: options.excludeSeen });
  options.log(
    `  ${name}: nDCG@10 ${result.metrics.ndcg.toFixed(4)}, HR@10 ${result.metrics.hr.toFixed(4)} (fit ${fit.wallSeconds.toFixed(1)} s wall, ${fit.cpuSeconds.toFixed(1)} s CPU)`,
  );
  return { name, result, fit };
}

export const METRIC_HEADER = [
  'model',
  'nDCG@10',
  'Precision@10',
  'Recall@10',
  'MAP@10',
  'HR@10',
  'MRR@10',
  'coverage',
  'diversity',
  'novelty',
  'fit s (wall / CPU)',
];

export function metricRow(run: ModelRun): Array<string | number> {
  const m = run.result.metrics;
  return [
    run.name,
    m.ndcg,
    m.precision,
    m.recall,
    m.map,
    m.hr,
    m.mrr,
    m.coverage,
    m.diversity,
    m.novelty,
    `${formatNumber(run.fit.wallSeconds)} / ${formatNumber(run.fit.cpuSeconds)}`,
  ];
}

/**
 * Blend weights chosen on a validation split of the training data only (a 75/25 stratified split
 * of train, seed 7): fit the components there, score the validation users once (each component
 * z-scored per user over the unseen items, as `BlendRecommender` does), then coordinate ascent
 * over a weight grid on validation nDCG@10 (the first component's weight stays 1). The test split
 * is never seen.
 */
export async function tuneBlendWeights(
  split: Split,
  create: Array<() => Recommender>,
  log: (line: string) => void,
): Promise<{ weights: number[]; validationNdcg: number }> {
  const inner = stratifiedSplit(split.train, { seed: 7, generator: 'xoshiro' });
  const train = userHistories(inner.train);
  const test = userHistories(inner.test);
  const users: number[] = [];
  for (let u = 0; u < test.rows; u++) if (test.offsets[u + 1] > test.offsets[u]) users.push(u);
  const queries = users.map((user) => ({
    user,
    items: rowIndices(train, user),
    times: rowTimes(train, user),
  }));
  const n = inner.train.itemIds.length;
  const components: Float32Array[][] = [];
  for (const factory of create) {
    const model = factory();
    await model.fit(inner.train);
    const scores = model.scoreItems(queries);
    components.push(
      scores.map((s, q) => {
        const z = new Float64Array(n);
        addStandardised(z, s, queries[q].items, 1);
        return Float32Array.from(z);
      }),
    );
  }
  const masks = queries.map((q) => {
    const mask = new Uint8Array(n);
    for (const item of q.items) mask[item] = 1;
    return mask;
  });
  const relevant = users.map((u) => new Set(rowIndices(test, u)));
  const score = (weights: number[]) => {
    let sum = 0;
    const total = new Float64Array(n);
    for (let q = 0; q < users.length; q++) {
      total.fill(0);
      components.forEach((c, m) => {
        if (weights[m] === 0) return;
        for (let i = 0; i < n; i++) total[i] += weights[m] * c[q][i];
      });
      sum += userRankingMetrics(topK(total, 10, masks[q]).indices, relevant[q], 10).ndcg;
    }
    return sum / users.length;
  };
  let weights: number[] = components.map((_, k) => (k === 0 ? 1 : 0));
  let best = score(weights);
  const grid = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];
  for (let round = 0; round < 3; round++) {
    for (let m = 1; m < components.length; m++) {
      for (const w of grid) {
        const trial = weights.map((v, k) => (k === m ? w : v));
        const value = score(trial);
        if (value > best + 1e-6) {
          best = value;
          weights = trial;
        }
      }
    }
    log(
      `  blend tuning round ${round + 1}: weights [${weights.join(', ')}], validation nDCG@10 ${best.toFixed(4)}`,
    );
  }
  return { weights, validationNdcg: best };
}

export function loadNote(before: number): string {
  return `1-minute load average ${before.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after this section (2 cores shared with other engineers' jobs): wall times scale with load / cores; process CPU time (user + system) is much less sensitive to it.`;
}
