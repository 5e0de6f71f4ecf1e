import {
  BaseEstimator,
  type BehaviorEvent,
  InvalidArgumentError,
  InvalidModelJsonError,
  parseModelJson,
} from '@shoppilot/core';
import type { Interactions } from '../data/interactions';
import { decodeArray, decodeNumber, decodeStrings, encodeArray, stateRecord } from '../io/binary';
import { type ItemGraph, topItems } from '../items/item-graph';
import { rp3betaScores } from '../items/random-walks';
import { addStandardised } from '../models/blend';
import type { Recommendation, Recommender, ScoredItem } from '../models/recommender';
import { loadRecommender } from '../models/registry';
import type { RankingContext } from '../ranking/ranking-context';
import { ExactIndex } from '../search/exact-index';
import { topK } from '../search/top-k';
import { type PopularityTables, popularityTables, priorScores } from './segment-popularity';

export interface ColdStartOptions {
  /** Users with fewer known items (history + session) are cold. Default 3. */
  minHistory?: number;
  /** Warm items a new item borrows its score from. Default 10. */
  neighbours?: number;
  /** Weight of graph (RP3beta) similarity against content cosine when both are given. Default 0.5. */
  graphWeight?: number;
  /** Weight of the segment against context popularity for cold users. Default 0.6. */
  segmentWeight?: number;
  /** Weight of the warm model on a short session (cold users with a session). Default 1. */
  sessionWeight?: number;
}

/** What cold start needs beyond the interactions. */
export interface ColdStartData {
  /** The whole catalogue (items with and without interactions), aligned with the rows of `itemVectors`. */
  catalogue: readonly string[];
  /** Content vectors (e.g. `ItemEncoder.encode`), row-major `catalogue.length x dimension`. */
  itemVectors: Float32Array;
  dimension: number;
  /** A model fitted on the same interactions (its vocabulary are the "warm" items). */
  warm: Recommender;
  /** Optional item graph (categories, attributes, brands) for new-item neighbours. */
  graph?: ItemGraph;
  /** user → segment, e.g. personas from @shoppilot/profiling. */
  userSegments?: Readonly<Record<string, string>>;
  /** Events with context (device, time, geo) for popularity by segment and context; default: none. */
  events?: readonly BehaviorEvent[];
}

export interface ColdStartRequest {
  userId?: string;
  /** Item ids of the current session, oldest first. */
  session?: readonly string[];
  context?: RankingContext;
  k?: number;
  exclude?: readonly string[];
}

export interface ColdStartRecommendation extends Recommendation {
  /** `warm`: the model's scores (new items borrow theirs); `session`: cold user with a session; `prior`: popularity by segment and context. */
  strategy: 'warm' | 'session' | 'prior';
}

interface ColdStartState {
  data: Pick<ColdStartData, 'catalogue' | 'itemVectors' | 'dimension' | 'warm' | 'userSegments'>;
  warmIndex: Int32Array;
  neighbours: Map<number, Array<{ warm: number; similarity: number }>>;
  tables: PopularityTables;
}

const KIND = 'recsys.cold-start';

/**
 * Cold start for new items and new users. New items (no interactions) take a similarity-weighted
 * average of the warm model's standardised scores of their nearest warm items, by content vectors
 * and the item graph (RP3beta). New users get popularity by segment and context, and as soon as
 * a session exists, the warm model on that session plus content similarity to it.
 */
export class ColdStartRecommender extends BaseEstimator<ColdStartOptions, ColdStartState> {
  readonly kind = KIND;

  constructor(options: ColdStartOptions = {}) {
    super(options);
  }

  fit(train: Interactions, data: ColdStartData): this {
    if (data.itemVectors.length !== data.catalogue.length * data.dimension) {
      throw new InvalidArgumentError({
        argument: 'itemVectors',
        message: `expected ${data.catalogue.length} x ${data.dimension} values`,
      });
    }
    const warmIds = new Map(data.warm.itemIds.map((id, i) => [id, i]));
    const warmIndex = Int32Array.from(data.catalogue, (id) => warmIds.get(id) ?? -1);
    const events =
      data.events ??
      Array.from(train.users, (u, k) => ({
        userId: train.userIds[u],
        itemId: train.itemIds[train.items[k]],
        timestamp: train.times[k],
      }));
    const { catalogue, itemVectors, dimension, warm, userSegments } = data;
    return this.setState({
      data: { catalogue: [...catalogue], itemVectors, dimension, warm, userSegments: { ...userSegments } },
      warmIndex,
      neighbours: this.#newItemNeighbours(data, warmIndex),
      tables: popularityTables(events, data.userSegments),
    });
  }

  #newItemNeighbours(data: ColdStartData, warmIndex: Int32Array): ColdStartState['neighbours'] {
    const warmRows = Array.from(warmIndex.keys()).filter((c) => warmIndex[c] >= 0);
    const vectors = new Float32Array(warmRows.length * data.dimension);
    warmRows.forEach((c, r) => {
      vectors.set(
        data.itemVectors.subarray(c * data.dimension, (c + 1) * data.dimension),
        r * data.dimension,
      );
    });
    const index = new ExactIndex(vectors, data.dimension, { metric: 'cosine' });
    const out: ColdStartState['neighbours'] = new Map();
    const k = this.options.neighbours ?? 10;
    const graphWeight = data.graph ? (this.options.graphWeight ?? 0.5) : 0;
    data.catalogue.forEach((id, c) => {
      if (warmIndex[c] >= 0 || warmRows.length === 0) return;
      const similar = new Map<number, number>();
      const found = index.search(data.itemVectors.subarray(c * data.dimension, (c + 1) * data.dimension), k);
      found.indices.forEach((r, j) => {
        similar.set(warmIndex[warmRows[r]], (1 - graphWeight) * Math.max(0, found.scores[j]));
      });
      if (data.graph) this.#graphNeighbours(data.graph, id, k, graphWeight, similar, data.warm.itemIds);
      const list = [...similar]
        .map(([warm, similarity]) => ({ warm, similarity }))
        .filter((n) => n.similarity > 0);
      out.set(c, list.sort((a, b) => b.similarity - a.similarity).slice(0, k));
    });
    return out;
  }

  #graphNeighbours(
    graph: ItemGraph,
    id: string,
    k: number,
    weight: number,
    into: Map<number, number>,
    warmIds: readonly string[],
  ): void {
    const warm = new Map(warmIds.map((w, i) => [w, i]));
    const scores = rp3betaScores(graph, `item:${id}`);
    const best = topItems(graph, scores, k * 3, new Set())
      .filter((b) => warm.has(b.itemId))
      .slice(0, k);
    const top = best[0]?.score ?? 0;
    for (const b of best) {
      const w = warm.get(b.itemId) as number;
      into.set(w, (into.get(w) ?? 0) + (weight * b.score) / (top || 1));
    }
  }

  override toJSON() {
    const json = super.toJSON();
    return { ...json, state: json.state && (encodeColdStartState(json.state) as unknown as ColdStartState) };
  }

  static fromJSON(json: unknown): ColdStartRecommender {
    const parsed = parseModelJson<ColdStartOptions, unknown>(json, { kind: KIND, version: 1 });
    const model = new ColdStartRecommender(parsed.options);
    return parsed.state === null ? model : model.setState(decodeColdStartState(parsed.state));
  }

  recommend(request: ColdStartRequest): ColdStartRecommendation {
    const state = this.requireState('recommend');
    const { data } = state;
    const warnings: string[] = [];
    const warmIds = new Map(data.warm.itemIds.map((id, i) => [id, i]));
    const stored =
      request.userId && 'queryFor' in data.warm
        ? (data.warm as unknown as { queryFor(u: string): { items: ArrayLike<number> } }).queryFor(
            request.userId,
          ).items
        : [];
    const sessionItems = (request.session ?? [])
      .map((id) => warmIds.get(id))
      .filter((i): i is number => i !== undefined);
    const history = [...Array.from(stored), ...sessionItems];
    const context = {
      ...request.context,
      segment: request.context?.segment ?? (request.userId ? data.userSegments?.[request.userId] : undefined),
    };
    const n = data.catalogue.length;
    const scores = new Float64Array(n);
    const explain: Array<(c: number) => string[]> = [];
    let strategy: ColdStartRecommendation['strategy'];
    if (history.length >= (this.options.minHistory ?? 3)) {
      strategy = 'warm';
      explain.push(this.#addWarm(state, history, scores, 1));
    } else {
      strategy = history.length > 0 ? 'session' : 'prior';
      const prior = priorScores(state.tables, data.catalogue, context, this.options.segmentWeight ?? 0.6);
      addStandardised(scores, prior.scores, [], 1);
      explain.push(prior.explain);
      if (history.length > 0)
        explain.push(this.#addWarm(state, history, scores, this.options.sessionWeight ?? 1));
      if (!request.userId && history.length === 0)
        warnings.push('no user and no session: popularity by context only');
    }
    return {
      userId: request.userId,
      items: this.#top(state, scores, history, request, explain),
      model: this.kind,
      warnings,
      strategy,
    };
  }

  /** Adds the warm model's standardised scores (new items: their neighbours'); returns an explainer. */
  #addWarm(
    state: ColdStartState,
    history: number[],
    scores: Float64Array,
    weight: number,
  ): (c: number) => string[] {
    const { data, warmIndex, neighbours } = state;
    const warmScores = data.warm.scoreItems([{ items: history }])[0];
    const standard = new Float64Array(warmScores.length);
    addStandardised(standard, warmScores, history, 1);
    const seen = new Set(history);
    for (let c = 0; c < scores.length; c++) {
      if (warmIndex[c] >= 0) scores[c] += weight * standard[warmIndex[c]];
      else {
        // Neighbours in the history have no score of their own (they are excluded), so they are skipped.
        const list = (neighbours.get(c) ?? []).filter((n) => !seen.has(n.warm));
        const total = list.reduce((s, n) => s + n.similarity, 0);
        if (total > 0)
          scores[c] += (weight * list.reduce((s, n) => s + n.similarity * standard[n.warm], 0)) / total;
      }
    }
    return (c) => {
      if (warmIndex[c] >= 0)
        return [`${data.warm.kind}: standardised score ${standard[warmIndex[c]].toFixed(2)}`];
      const best = (neighbours.get(c) ?? [])[0];
      return best
        ? [
            `new item: borrows from similar item "${data.warm.itemIds[best.warm]}" (similarity ${best.similarity.toFixed(2)})`,
          ]
        : ['new item without similar items'];
    };
  }

  #top(
    state: ColdStartState,
    scores: Float64Array,
    history: number[],
    request: ColdStartRequest,
    explain: Array<(c: number) => string[]>,
  ): ScoredItem[] {
    const { data, warmIndex } = state;
    const excluded = new Uint8Array(scores.length);
    const seen = new Set(history);
    const blocked = new Set(request.exclude ?? []);
    data.catalogue.forEach((id, c) => {
      if (seen.has(warmIndex[c]) || blocked.has(id)) excluded[c] = 1;
    });
    const best = topK(scores, request.k ?? 10, excluded);
    return Array.from(best.indices, (c, r) => ({
      itemId: data.catalogue[c],
      score: best.scores[r],
      reasons: explain.flatMap((f) => f(c)).slice(0, 3),
    }));
  }
}

/** `toJSON` / `fromJSON` of the cold-start state (the warm model travels as its own JSON). */
export function encodeColdStartState(state: ColdStartState): unknown {
  return {
    catalogue: state.data.catalogue,
    itemVectors: encodeArray(state.data.itemVectors),
    dimension: state.data.dimension,
    warm: state.data.warm.toJSON(),
    userSegments: state.data.userSegments ?? {},
    neighbours: [...state.neighbours].map(([item, list]) => [item, list.map((n) => [n.warm, n.similarity])]),
    tables: state.tables,
  };
}

function decodeColdStartState(json: unknown): ColdStartState {
  const record = stateRecord(json, KIND);
  const catalogue = decodeStrings(record.catalogue, KIND, 'state.catalogue');
  const dimension = decodeNumber(record.dimension, KIND, 'state.dimension');
  const warm = loadRecommender(record.warm);
  const warmIds = new Map(warm.itemIds.map((id, i) => [id, i]));
  const pairs = Array.isArray(record.neighbours)
    ? (record.neighbours as Array<[number, Array<[number, number]>]>)
    : [];
  const tables = stateRecord(record.tables, KIND) as unknown as PopularityTables;
  if (!tables.global || !tables.groups)
    throw new InvalidModelJsonError({
      kind: KIND,
      path: 'state.tables',
      message: 'expected { global, groups }',
    });
  return {
    data: {
      catalogue,
      itemVectors: decodeArray(
        record.itemVectors,
        'float32',
        KIND,
        'state.itemVectors',
        catalogue.length * dimension,
      ),
      dimension,
      warm,
      userSegments: (record.userSegments ?? {}) as Record<string, string>,
    },
    warmIndex: Int32Array.from(catalogue, (id) => warmIds.get(id) ?? -1),
    neighbours: new Map(
      pairs.map(([item, list]) => [item, list.map(([w, similarity]) => ({ warm: w, similarity }))]),
    ),
    tables,
  };
}
