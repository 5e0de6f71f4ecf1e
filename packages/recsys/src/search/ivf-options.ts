import { DimensionMismatchError, InvalidArgumentError, InvalidModelJsonError } from '@shoppilot/core';
import type { VectorMetric } from './vector-index';

export interface IvfOptions {
  /** `cosine` (vectors and queries normalised) or `dot` (inner product). Default `cosine`. */
  metric?: VectorMetric;
  /** Number of k-means cells (inverted lists), 1 … n. Default `round(4·√n)` (at most n). */
  lists?: number;
  /** Lists scanned per search, 1 … lists. Default `min(lists, 16)`. */
  nprobe?: number;
  /** Lloyd iterations of the k-means. Default 10. */
  iterations?: number;
  /** Rows the k-means trains on (a seeded sample). Default `64 · lists` (all rows when fewer). */
  trainingSize?: number;
  /** Seed of the k-means sample and initial centroids. Default 0. */
  seed?: number;
  /** Score with the WebAssembly SIMD kernel when available (else the scalar JS loop). Default true. */
  simd?: boolean;
}

/** Serialised learned state of an `IvfIndex` (the vectors are not part of it). */
export interface IvfState {
  dimension: number;
  size: number;
  centroids: number[];
  assignment: number[];
}

function positiveInteger(argument: string, value: number, max = Number.POSITIVE_INFINITY): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    const range = Number.isFinite(max) ? `in 1 … ${max}` : '>= 1';
    throw new InvalidArgumentError({ argument, message: `must be an integer ${range}`, value });
  }
  return value;
}

/** Fills defaults and checks every option against the number of vectors `n`. */
export function resolveIvfOptions(options: IvfOptions, n: number): Required<IvfOptions> {
  if (n < 1)
    throw new InvalidArgumentError({ argument: 'vectors', message: 'must hold at least one row', value: n });
  const metric = options.metric ?? 'cosine';
  if (metric !== 'cosine' && metric !== 'dot')
    throw new InvalidArgumentError({
      argument: 'metric',
      message: "must be 'cosine' or 'dot'",
      value: metric,
    });
  const lists = positiveInteger('lists', options.lists ?? Math.min(n, Math.round(4 * Math.sqrt(n))), n);
  return {
    metric,
    lists,
    nprobe: positiveInteger('nprobe', options.nprobe ?? Math.min(lists, 16), lists),
    iterations: positiveInteger('iterations', options.iterations ?? 10),
    trainingSize: positiveInteger('trainingSize', options.trainingSize ?? 64 * lists),
    seed: options.seed ?? 0,
    simd: options.simd ?? true,
  };
}

/** Validates a loaded state's arrays (sizes, finite centroids, list numbers in range). */
export function parseIvfState(state: IvfState | null, kind: string): IvfState {
  const fail = (path: string, message: string) => new InvalidModelJsonError({ kind, path, message });
  if (state == null || typeof state !== 'object') throw fail('state', 'missing (the index was never built)');
  const { dimension, size, centroids, assignment } = state;
  if (!Number.isInteger(dimension) || dimension < 1) throw fail('state.dimension', 'must be an integer >= 1');
  if (!Array.isArray(centroids) || centroids.length % dimension !== 0 || centroids.length === 0)
    throw fail('state.centroids', 'must be a non-empty array of lists × dimension numbers');
  if (!centroids.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw fail('state.centroids', 'must hold finite numbers');
  const lists = centroids.length / dimension;
  if (!Array.isArray(assignment) || assignment.length !== size)
    throw fail('state.assignment', `must be an array of ${size} list numbers`);
  if (!assignment.every((c) => Number.isInteger(c) && c >= 0 && c < lists))
    throw fail('state.assignment', `must hold integers in 0 … ${lists - 1}`);
  return state;
}

/** Checks the loaded options against the state and the vectors supplied to `fromJSON`. */
export function checkIvfOptions(
  options: IvfOptions,
  state: IvfState,
  rows: number,
  kind: string,
): Required<IvfOptions> {
  if (rows !== state.size)
    throw new DimensionMismatchError({ what: 'vectors (rows)', expected: state.size, actual: rows });
  const lists = state.centroids.length / state.dimension;
  if (options?.lists !== lists)
    throw new InvalidModelJsonError({
      kind,
      path: 'options.lists',
      message: `must equal ${lists} (the centroids)`,
    });
  try {
    return resolveIvfOptions(options, rows);
  } catch (cause) {
    throw new InvalidModelJsonError({ kind, path: 'options', message: String(cause), cause });
  }
}
