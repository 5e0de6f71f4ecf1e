import { InvalidArgumentError } from '@shoppilot/core';
import { type ItemGraph, topItems } from './item-graph';

export interface PersonalizedPageRankOptions {
  /** Restart probability. Default 0.15. */
  restart?: number;
  /** Power iterations at most. Default 50. */
  iterations?: number;
  /** Stop when the L1 change is below this. Default 1e-8. */
  tolerance?: number;
}

/**
 * Personalised PageRank (Haveliwala 2002) by power iteration: `r = α e + (1 − α) Pᵀ r` with the
 * row-stochastic transition matrix of the weighted graph and restart distribution `e` on the seed
 * nodes (weights normalised). Returns one score per graph node, summing to 1.
 */
export function personalizedPageRank(
  graph: ItemGraph,
  seeds: ReadonlyMap<string, number>,
  options: PersonalizedPageRankOptions = {},
): Float64Array {
  const alpha = options.restart ?? 0.15;
  if (!(alpha > 0 && alpha < 1))
    throw new InvalidArgumentError({ argument: 'restart', message: 'must be in (0, 1)', value: alpha });
  const n = graph.size;
  const restart = new Float64Array(n);
  let total = 0;
  for (const [id, weight] of seeds) {
    const node = graph.node(id);
    if (node !== undefined && weight > 0) {
      restart[node] += weight;
      total += weight;
    }
  }
  if (total === 0) return restart;
  for (let i = 0; i < n; i++) restart[i] /= total;
  const degrees = graph.degrees();
  let rank = restart.slice();
  for (let it = 0; it < (options.iterations ?? 50); it++) {
    const next = restart.map((r) => alpha * r);
    let dangling = 0;
    for (let node = 0; node < n; node++) {
      if (rank[node] === 0) continue;
      if (degrees[node] === 0) {
        dangling += rank[node];
        continue;
      }
      const share = ((1 - alpha) * rank[node]) / degrees[node];
      graph.forEachEdge(node, (other, weight) => {
        next[other] += share * weight;
      });
    }
    for (let i = 0; i < n; i++) next[i] += (1 - alpha) * dangling * restart[i];
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i] - rank[i]);
    rank = next;
    if (change < (options.tolerance ?? 1e-8)) break;
  }
  return rank;
}

export interface Rp3BetaOptions {
  /** Exponent on the transition probabilities. Default 1. */
  alpha?: number;
  /** Popularity penalty: divide by the target's degree^β. Default 0.5. */
  beta?: number;
}

/**
 * RP3beta-style random-walk similarity (Paudel et al. 2017; Christoffel et al. 2015): the
 * probability of reaching each node from `source` in two steps through any intermediate node
 * (categories, attributes, brands, co-viewed items), each step probability raised to α, divided by
 * the target's degree^β to damp popular hubs.
 */
export function rp3betaScores(graph: ItemGraph, source: string, options: Rp3BetaOptions = {}): Float64Array {
  const alpha = options.alpha ?? 1;
  const beta = options.beta ?? 0.5;
  const scores = new Float64Array(graph.size);
  const start = graph.node(source);
  if (start === undefined) return scores;
  const degrees = graph.degrees();
  graph.forEachEdge(start, (middle, w1) => {
    const p1 = (w1 / degrees[start]) ** alpha;
    graph.forEachEdge(middle, (target, w2) => {
      if (target !== start) scores[target] += p1 * (w2 / degrees[middle]) ** alpha;
    });
  });
  for (let node = 0; node < scores.length; node++)
    if (scores[node] > 0) scores[node] /= degrees[node] ** beta;
  return scores;
}

/** Items most similar to an item by a random walk on the graph. */
export function similarItems(
  graph: ItemGraph,
  itemId: string,
  options: { k?: number; method?: 'ppr' | 'rp3beta' } & PersonalizedPageRankOptions & Rp3BetaOptions = {},
): Array<{ itemId: string; score: number }> {
  const id = `item:${itemId}`;
  const scores =
    options.method === 'ppr'
      ? personalizedPageRank(graph, new Map([[id, 1]]), options)
      : rp3betaScores(graph, id, options);
  const self = graph.node(id);
  return topItems(graph, scores, options.k ?? 10, new Set(self === undefined ? [] : [self]));
}
