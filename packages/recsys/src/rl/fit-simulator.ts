import { createRng, type LongRunningOptions } from '@shoppilot/core';
import { columnCounts, userHistories } from '../data/histories';
import type { Interactions } from '../data/interactions';
import { AlsRecommender } from '../models/als';
import { dot, type SimulatedItem, type SimulatorSettings, UserSimulator } from './user-simulator';

export interface FitSimulatorOptions extends LongRunningOptions {
  /** Most popular items kept as the simulated catalogue. Default 500. */
  items?: number;
  /** Size of the topic vectors (ALS factors on the log). Default 16. */
  dimension?: number;
  /** Views and buys per item id, for conversion rates; default: a stated 10% for every item. */
  conversions?: Readonly<Record<string, { views: number; buys: number }>>;
  /** Order value per item id; default 1 (the log has no prices). */
  prices?: Readonly<Record<string, number>>;
  /** Mean click probability of a user's top candidates at the start of a session (sets the no-click utility). Default 0.35. */
  targetClickRate?: number;
  /** Stated dynamics (fatigue, drift, leaving, length, reward). */
  settings?: Partial<SimulatorSettings>;
  seed?: number;
}

/** What was fitted and how, to print next to any simulated result. */
export interface SimulatorReport {
  items: number;
  users: number;
  dimension: number;
  /** Fitted weight of profile·item in the next-item logit (β). */
  affinity: number;
  /** Fitted weight of standardised log-popularity (the items' quality scale). */
  qualityWeight: number;
  /** Set so that the mean start click rate of top candidates is `targetClickRate`. */
  noClickUtility: number;
  meanConversion: number;
  settings: SimulatorSettings;
}

/**
 * Fits a `UserSimulator` to logged interactions: topic vectors are normalised ALS item factors,
 * user profiles the mean topic of their history, and the click utility's weights (affinity,
 * popularity) come from a logistic regression of each logged next item against 4 random items —
 * maximum likelihood of the log under a sampled choice model. Conversion per item is the smoothed
 * buy/view ratio when given. Fatigue, drift and leaving are stated settings (logs without
 * impressions cannot identify them) and are reported.
 */
export async function fitUserSimulator(
  train: Interactions,
  options: FitSimulatorOptions = {},
): Promise<{ simulator: UserSimulator; report: SimulatorReport }> {
  const dimension = options.dimension ?? 16;
  const als = await new AlsRecommender({
    factors: dimension,
    iterations: 10,
    regularization: 5,
    alpha: 3,
    seed: options.seed ?? 0,
  }).fit(train, options);
  const factors = als.itemFactors;
  const popularity = columnCounts(userHistories(train, { duplicates: 'first' }));
  const kept = Array.from(popularity.keys())
    .sort((a, b) => popularity[b] - popularity[a] || a - b)
    .slice(0, options.items ?? 500);
  const keptIndex = new Map(kept.map((item, k) => [item, k]));
  const embeddings = kept.map((item) => unit(factors.subarray(item * dimension, (item + 1) * dimension)));
  const logPop = kept.map((item) => Math.log1p(popularity[item]));
  const meanPop = logPop.reduce((a, b) => a + b, 0) / logPop.length;
  const sdPop = Math.sqrt(logPop.reduce((a, b) => a + (b - meanPop) ** 2, 0) / logPop.length) || 1;
  const zPop = logPop.map((v) => (v - meanPop) / sdPop);
  const rows = userHistories(train);
  const profiles: Float32Array[] = [];
  const examples: Array<{ x: [number, number]; y: number }> = [];
  const rng = createRng(options.seed ?? 0);
  for (let u = 0; u < rows.rows; u++) {
    const items = Array.from(rows.indices.subarray(rows.offsets[u], rows.offsets[u + 1])).filter((i) =>
      keptIndex.has(i),
    );
    if (items.length < 2) continue;
    const profile = unit(
      meanVector(
        items.map((i) => embeddings[keptIndex.get(i) as number]),
        dimension,
      ),
    );
    profiles.push(profile);
    for (const i of items.slice(0, 50)) {
      const k = keptIndex.get(i) as number;
      examples.push({ x: [dot(profile, embeddings[k]), zPop[k]], y: 1 });
      for (let n = 0; n < 4; n++) {
        const j = rng.int(kept.length);
        examples.push({ x: [dot(profile, embeddings[j]), zPop[j]], y: 0 });
      }
    }
  }
  const [affinity, qualityWeight] = logisticWeights(examples);
  const conversion = kept.map((item) => conversionRate(train.itemIds[item], options.conversions));
  const items: SimulatedItem[] = kept.map((item, k) => ({
    embedding: embeddings[k],
    quality: qualityWeight * zPop[k],
    conversionLogit: Math.log(conversion[k] / (1 - conversion[k])),
    price: options.prices?.[train.itemIds[item]] ?? 1,
  }));
  const base = { ...options.settings, affinity };
  const noClickUtility = calibrateNoClick(items, profiles, base.affinity, options.targetClickRate ?? 0.35);
  const simulator = new UserSimulator(items, profiles, { ...base, noClickUtility });
  const meanConversion = conversion.reduce((a, b) => a + b, 0) / conversion.length;
  return {
    simulator,
    report: {
      items: items.length,
      users: profiles.length,
      dimension,
      affinity,
      qualityWeight,
      noClickUtility,
      meanConversion,
      settings: simulator.settings,
    },
  };
}

function unit(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v);
  const norm = Math.sqrt(dot(out, out)) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

function meanVector(vectors: readonly Float32Array[], d: number): Float32Array {
  const out = new Float32Array(d);
  for (const v of vectors) for (let i = 0; i < d; i++) out[i] += v[i] / vectors.length;
  return out;
}

/** Two-feature logistic regression with intercept by Newton's method; returns the two slopes. */
function logisticWeights(examples: ReadonlyArray<{ x: [number, number]; y: number }>): [number, number] {
  let w = [0, 0, 0];
  for (let it = 0; it < 25; it++) {
    const g = [0, 0, 0];
    const h = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (const { x, y } of examples) {
      const f = [1, x[0], x[1]];
      const p = 1 / (1 + Math.exp(-(w[0] + w[1] * f[1] + w[2] * f[2])));
      for (let a = 0; a < 3; a++) {
        g[a] += (p - y) * f[a];
        for (let b = 0; b < 3; b++) h[a * 3 + b] += p * (1 - p) * f[a] * f[b];
      }
    }
    for (let a = 0; a < 3; a++) h[a * 4] += 1e-6;
    w = w.map((v, a) => v - solve3(h, g)[a]);
  }
  return [w[1], w[2]];
}

function solve3(h: number[], g: number[]): number[] {
  const m = [0, 1, 2].map((r) => [h[r * 3], h[r * 3 + 1], h[r * 3 + 2], g[r]]);
  for (let c = 0; c < 3; c++) {
    const pivot = m[c][c];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r][c] / pivot;
      for (let k = c; k < 4; k++) m[r][k] -= f * m[c][k];
    }
  }
  return [0, 1, 2].map((r) => m[r][3] / m[r][r]);
}

function conversionRate(id: string, conversions: FitSimulatorOptions['conversions']): number {
  if (!conversions) return 0.1;
  const all = Object.values(conversions);
  const prior =
    all.reduce((s, c) => s + c.buys, 0) /
    Math.max(
      1,
      all.reduce((s, c) => s + c.views, 0),
    );
  const c = conversions[id] ?? { views: 0, buys: 0 };
  const strength = 20;
  return Math.min(0.95, Math.max(0.005, (c.buys + strength * prior) / (c.views + strength)));
}

/** Bisection on the no-click utility so the mean start click rate of each user's top 20 is `target`. */
function calibrateNoClick(
  items: readonly SimulatedItem[],
  profiles: readonly Float32Array[],
  affinity: number,
  target: number,
): number {
  const utilities: number[] = [];
  for (const profile of profiles.slice(0, 300)) {
    const scores = items
      .map((it) => affinity * dot(profile, it.embedding) + it.quality)
      .sort((a, b) => b - a);
    utilities.push(...scores.slice(0, 20));
  }
  let lo = -20;
  let hi = 20;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    const rate = utilities.reduce((s, u) => s + 1 / (1 + Math.exp(mid - u)), 0) / utilities.length;
    if (rate > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
