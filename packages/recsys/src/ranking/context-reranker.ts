import { BaseEstimator, createRng, InvalidArgumentError, murmurHash3, parseModelJson } from '@shoppilot/core';
import { decodeArray, decodeNumber, encodeArray, stateRecord } from '../io/binary';
import { contextFeatures, type RankingContext } from './ranking-context';

/** What the re-ranker knows about a candidate item. */
export interface CandidateFeatures {
  itemId: string;
  /** Category (leaf or path) of the item. */
  category?: string;
  /** Price band or other coarse tags. */
  tags?: readonly string[];
  /** The upstream recommender's score (standardise it per list). Default 0. */
  baseScore?: number;
}

/** One labelled example: a candidate shown (or sampled) in a context, and whether it was taken. */
export interface RerankExample {
  context: RankingContext;
  candidate: CandidateFeatures;
  label: 0 | 1;
}

export interface ContextRerankerOptions {
  /** Hash buckets of the sparse features. Default 2^16. */
  buckets?: number;
  /** Passes over the examples. Default 8. */
  epochs?: number;
  /** AdaGrad step. Default 0.1. */
  learningRate?: number;
  /** L2 weight. Default 1e-5. */
  l2?: number;
  /** Seed of the example order. Default 0. */
  seed?: number;
}

interface RerankerState {
  weights: Float64Array;
  baseWeight: number;
  bias: number;
}

const KIND = 'recsys.context-reranker';

/**
 * A learned context-aware re-ranker: logistic regression on hashed features of the candidate
 * (item, category, tags) crossed with the context (daypart, weekday/weekend, their slot, device,
 * location, channel, segment), plus the upstream score. Trained with AdaGrad on logged or sampled
 * examples; `score` returns log-odds to add to (or replace) the upstream ranking.
 */
export class ContextReranker extends BaseEstimator<ContextRerankerOptions, RerankerState> {
  readonly kind = KIND;

  constructor(options: ContextRerankerOptions = {}) {
    super(options);
  }

  fit(examples: readonly RerankExample[]): this {
    if (examples.length === 0)
      throw new InvalidArgumentError({ argument: 'examples', message: 'need at least one example' });
    const buckets = this.options.buckets ?? 65_536;
    const rate = this.options.learningRate ?? 0.1;
    const l2 = this.options.l2 ?? 1e-5;
    const encoded = examples.map((e) => ({
      features: hashedFeatures(e.context, e.candidate, buckets),
      base: e.candidate.baseScore ?? 0,
      label: e.label,
    }));
    const weights = new Float64Array(buckets);
    const squares = new Float64Array(buckets + 2).fill(1e-8);
    let bias = 0;
    let baseWeight = 0;
    const rng = createRng(this.options.seed ?? 0);
    const order = encoded.map((_, k) => k);
    for (let epoch = 0; epoch < (this.options.epochs ?? 8); epoch++) {
      rng.shuffle(order);
      for (const k of order) {
        const { features, base, label } = encoded[k];
        let z = bias + baseWeight * base;
        for (const f of features) z += weights[f];
        const g = 1 / (1 + Math.exp(-z)) - label;
        for (const f of features) {
          const grad = g + l2 * weights[f];
          squares[f] += grad * grad;
          weights[f] -= (rate * grad) / Math.sqrt(squares[f]);
        }
        squares[buckets] += g * g;
        bias -= (rate * g) / Math.sqrt(squares[buckets]);
        const gb = g * base;
        squares[buckets + 1] += gb * gb;
        baseWeight -= (rate * gb) / Math.sqrt(squares[buckets + 1]);
      }
    }
    return this.setState({ weights, baseWeight, bias });
  }

  /** Log-odds that each candidate is taken in this context. */
  score(context: RankingContext, candidates: readonly CandidateFeatures[]): Float64Array {
    const state = this.requireState('score');
    const buckets = state.weights.length;
    return Float64Array.from(candidates, (candidate) => {
      let z = state.bias + state.baseWeight * (candidate.baseScore ?? 0);
      for (const f of hashedFeatures(context, candidate, buckets)) z += state.weights[f];
      return z;
    });
  }

  /** Probabilities (sigmoid of `score`). */
  predict(context: RankingContext, candidates: readonly CandidateFeatures[]): Float64Array {
    return this.score(context, candidates).map((z) => 1 / (1 + Math.exp(-z)));
  }

  override toJSON() {
    const json = super.toJSON();
    if (!json.state) return json;
    const { weights, baseWeight, bias } = json.state;
    return {
      ...json,
      state: { weights: encodeArray(weights), baseWeight, bias } as unknown as RerankerState,
    };
  }

  static fromJSON(json: unknown): ContextReranker {
    const parsed = parseModelJson<ContextRerankerOptions, unknown>(json, { kind: KIND, version: 1 });
    const reranker = new ContextReranker(parsed.options);
    if (parsed.state === null) return reranker;
    const record = stateRecord(parsed.state, KIND);
    return reranker.setState({
      weights: decodeArray(
        record.weights,
        'float64',
        KIND,
        'state.weights',
        parsed.options.buckets ?? 65_536,
      ),
      baseWeight: decodeNumber(record.baseWeight, KIND, 'state.baseWeight'),
      bias: decodeNumber(record.bias, KIND, 'state.bias'),
    });
  }
}

/** Bucket indices of the item features, the context features, and their crosses. */
export function hashedFeatures(
  context: RankingContext,
  candidate: CandidateFeatures,
  buckets: number,
): number[] {
  const item = [`item=${candidate.itemId}`];
  if (candidate.category) item.push(`category=${candidate.category}`);
  for (const tag of candidate.tags ?? []) item.push(`tag=${tag}`);
  const names = [...item];
  for (const [key, value] of Object.entries(contextFeatures(context))) {
    for (const feature of item.slice(1)) names.push(`${key}=${value}&${feature}`);
    names.push(`${key}=${value}&${item[0]}`);
  }
  return names.map((name) => murmurHash3(name, 17) % buckets);
}
