import { featureVector, type Observation } from './observation';
import type { QNetwork } from './q-network';
import type { UserSimulator } from './user-simulator';

/** The candidate with the highest Q (ranked by Q − B(s)), or the highest r̂ with `immediate`. */
export function bestAction(
  net: QNetwork,
  simulator: UserSimulator,
  observation: Observation,
  immediate = false,
): { item: number; q: number } {
  let item = observation.candidates[0];
  let best = Number.NEGATIVE_INFINITY;
  let input = featureVector(simulator, observation, item);
  for (const candidate of observation.candidates) {
    const x = featureVector(simulator, observation, candidate);
    const value = immediate ? net.immediate.predict(x) : net.advantage(x);
    if (value > best) {
      best = value;
      item = candidate;
      input = x;
    }
  }
  return { item, q: scoreOf(net, input, immediate) };
}

export function scoreOf(net: QNetwork, input: Float64Array, immediate: boolean): number {
  return immediate ? net.immediate.predict(input) : net.q(input);
}

export function matches(sizes: number[], s: { weights: unknown; biases: unknown }): boolean {
  return (
    Array.isArray(s.weights) &&
    Array.isArray(s.biases) &&
    s.weights.length === sizes.length - 1 &&
    s.weights.every((w, l) => Array.isArray(w) && w.length === sizes[l] * sizes[l + 1]) &&
    s.biases.length === sizes.length - 1 &&
    s.biases.every((b, l) => Array.isArray(b) && b.length === sizes[l + 1])
  );
}

export function meanOrOne(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return mean > 0 ? mean : 1;
}

export function epsilonAt(
  step: number,
  total: number,
  schedule: { start: number; end: number; fraction: number },
): number {
  const progress = Math.min(1, step / Math.max(1, schedule.fraction * total));
  return schedule.start + (schedule.end - schedule.start) * progress;
}
