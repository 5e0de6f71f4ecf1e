import { dot, type SimulatedSession, type UserSimulator } from './user-simulator';

/** What a policy may see of a session: the logged profile, the context, and what was shown and clicked. */
export interface Observation {
  profile: Float32Array;
  mobile: boolean;
  shown: readonly number[];
  clicked: readonly boolean[];
  /** The candidate items (indices into the simulator's items). */
  candidates: readonly number[];
  sessionLength: number;
}

/** The observable part of a session. */
export function observe(
  session: SimulatedSession,
  candidates: readonly number[],
  sessionLength: number,
): Observation {
  return {
    profile: session.profile,
    mobile: session.context.mobile,
    shown: [...session.shown],
    clicked: [...session.clicked],
    candidates,
    sessionLength,
  };
}

/**
 * The Q-network input for (observation, item), in this order: state = profile, mean of the last 3
 * shown items, last clicked item, mobile flag, progress, steps since the last click, click share;
 * action summary = quality, conversion logit, log price, similarity to profile / recent items, the
 * largest similarity to the last 5 shown, recent repeats, conversion rate, exposure
 * (recency-weighted squared similarity to everything shown, at two decays — what fatigue depends
 * on), similarity to a click-drifted interest estimate (the profile moved towards each clicked
 * item); then the item's own vectors: embedding and profile ⊙ item.
 * Everything is computed from what the observation shows; no hidden simulator state is read.
 */
export function featureVector(
  simulator: UserSimulator,
  observation: Observation,
  item: number,
): Float64Array {
  const d = simulator.dimension;
  const { shown, clicked, profile } = observation;
  const it = simulator.items[item];
  const recent = meanOf(simulator, shown.slice(-3), d);
  const lastClick = shown.findLastIndex((_, k) => clicked[k]);
  const clickedVector = lastClick >= 0 ? simulator.items[shown[lastClick]].embedding : new Float32Array(d);
  const sinceClick = lastClick >= 0 ? shown.length - 1 - lastClick : shown.length;
  const clicks = clicked.filter(Boolean).length;
  let maxSimilarity = 0;
  let repeats = 0;
  for (const s of shown.slice(-5))
    maxSimilarity = Math.max(maxSimilarity, dot(simulator.items[s].embedding, it.embedding));
  for (const s of shown.slice(-10)) if (s === item) repeats++;
  const out = new Float64Array(featureCount(d));
  let k = 0;
  const put = (v: number) => {
    out[k++] = v;
  };
  for (let i = 0; i < d; i++) put(profile[i]);
  for (let i = 0; i < d; i++) put(recent[i]);
  for (let i = 0; i < d; i++) put(clickedVector[i]);
  put(observation.mobile ? 1 : 0);
  put(shown.length / observation.sessionLength);
  put(sinceClick / observation.sessionLength);
  put(shown.length ? clicks / shown.length : 0);
  put(it.quality);
  put(it.conversionLogit);
  put(Math.log(it.price));
  put(dot(profile, it.embedding));
  put(dot(recent, it.embedding));
  put(maxSimilarity);
  put(repeats / 3);
  put(1 / (1 + Math.exp(-it.conversionLogit)) / CONVERSION_SCALE);
  const [exposureFast, exposureSlow] = exposure(simulator, shown, it.embedding);
  put(exposureFast);
  put(exposureSlow);
  put(dot(driftedInterest(simulator, observation), it.embedding));
  for (let i = 0; i < d; i++) put(it.embedding[i]);
  for (let i = 0; i < d; i++) put(profile[i] * it.embedding[i]);
  return out;
}

/** The leading entries of `featureVector` that describe the state only (not the item). */
export function stateFeatureCount(dimension: number): number {
  return 3 * dimension + 4;
}

/** The leading entries of `featureVector` without the item's own vectors (embedding, profile ⊙ item). */
export function summaryFeatureCount(dimension: number): number {
  return 3 * dimension + 15;
}

export function featureCount(dimension: number): number {
  return 5 * dimension + 15;
}

/** Typical conversion rate, to put the rate feature on a unit scale. */
const CONVERSION_SCALE = 0.02;

/** Σ_k decay^(age k) · max(0, cos(shown_k, v))² at decays 0.5 and 0.85 (a generic exposure memory). */
function exposure(simulator: UserSimulator, shown: readonly number[], v: Float32Array): [number, number] {
  let fast = 0;
  let slow = 0;
  for (let k = 0; k < shown.length; k++) {
    const c = Math.max(0, dot(simulator.items[shown[k]].embedding, v));
    const age = shown.length - 1 - k;
    fast += 0.5 ** age * c * c;
    slow += 0.85 ** age * c * c;
  }
  return [fast, slow];
}

/** The profile moved 20% of the way towards each clicked item in turn (renormalised). */
function driftedInterest(simulator: UserSimulator, observation: Observation): Float64Array {
  const u = Float64Array.from(observation.profile);
  observation.shown.forEach((item, k) => {
    if (!observation.clicked[k]) return;
    const v = simulator.items[item].embedding;
    let norm = 0;
    for (let i = 0; i < u.length; i++) {
      u[i] = 0.8 * u[i] + 0.2 * v[i];
      norm += u[i] * u[i];
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < u.length; i++) u[i] *= scale;
  });
  return u;
}

function meanOf(simulator: UserSimulator, items: readonly number[], d: number): Float64Array {
  const out = new Float64Array(d);
  for (const item of items)
    for (let i = 0; i < d; i++) out[i] += simulator.items[item].embedding[i] / items.length;
  return out;
}

/** The `count` items with the highest `β·profile·v + quality` (what an upstream recommender would propose). */
export function candidateItems(simulator: UserSimulator, profile: Float32Array, count: number): number[] {
  return simulator.items
    .map((it, i) => ({ i, s: simulator.settings.affinity * dot(profile, it.embedding) + it.quality }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, count)
    .map((c) => c.i);
}
