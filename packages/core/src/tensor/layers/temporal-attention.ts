import * as tf from '@tensorflow/tfjs-core';
import { initializers, type LayerVariable, layers } from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { maskedSoftmax, project } from './attention-math';
import {
  type BaseLayerArgs,
  glorot,
  LAYER_PREFIX,
  type LayerShape,
  lastDim,
  optionalPositive,
  requireRank,
  shapeList,
  tensorList,
} from './layer-base';

/** How a query is scored against each encoder state. */
export type AttentionScore = 'additive' | 'general' | 'dot';
const SCORES: readonly AttentionScore[] = ['additive', 'general', 'dot'];

export interface TemporalAttentionArgs extends BaseLayerArgs {
  /**
   * Scoring function. `additive` (Bahdanau): `v·tanh(states·W1 + query·W2 + b)`; `general`
   * (Luong): `states·(query·W)`; `dot` (Luong): `states·query` (query dim = state dim).
   * Default `additive`.
   */
  score?: AttentionScore;
  /** Hidden size of the additive score. Default: the state dim. */
  units?: number;
  /** Also output the attention weights. Default false. */
  returnWeights?: boolean;
  /** Seed of the Glorot-uniform initialisers. Default: unseeded. */
  seed?: number;
}

/**
 * Temporal (cross-)attention: a query attends over encoder states (Bahdanau et al. 2015;
 * Luong et al. 2015), e.g. an LSTM's last hidden state over all its hidden states.
 *
 * Inputs: `[query, states]` or `[query, states, mask]`; `query` `[batch, q]` (one query) or
 * `[batch, t, q]` (t queries), `states` `[batch, seq, d]`, `mask` `[batch, seq]` (1 = real step,
 * 0 = padding). Output: `context` `[batch, d]` (or `[batch, t, d]`); with `returnWeights` the
 * list `[context, weights]`, weights `[batch, seq]` (or `[batch, t, seq]`) summing to 1.
 */
export class TemporalAttention extends layers.Layer {
  static className = `${LAYER_PREFIX}TemporalAttention`;
  readonly score: AttentionScore;
  readonly returnWeights: boolean;
  readonly seed: number | undefined;
  private readonly requestedUnits: number | undefined;
  units = 0;
  private params: LayerVariable[] = [];

  constructor(args: TemporalAttentionArgs = {}) {
    super(args);
    this.score = args.score ?? 'additive';
    if (!SCORES.includes(this.score)) {
      throw new InvalidArgumentError({
        argument: 'TemporalAttention.score',
        message: `must be one of ${SCORES.join(', ')}`,
        value: args.score,
      });
    }
    this.requestedUnits = optionalPositive(args.units, 'TemporalAttention.units');
    this.returnWeights = args.returnWeights ?? false;
    this.seed = args.seed ?? undefined;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const [queryShape, statesShape, maskShape] = this.checkShapes(inputShape);
    const queryDim = lastDim(queryShape, this.name, 'query');
    const stateDim = lastDim(statesShape, this.name, 'states');
    if (maskShape) requireRank(maskShape, [2], this.name, 'mask');
    if (this.score === 'dot' && queryDim !== stateDim) {
      throw new InvalidArgumentError({
        argument: 'TemporalAttention.score',
        message: `'dot' needs query dim ${queryDim} = state dim ${stateDim}; use 'general'`,
        value: this.score,
      });
    }
    this.units = this.requestedUnits ?? stateDim;
    if (this.score === 'general') {
      this.params = [this.addWeight('kernel', [queryDim, stateDim], 'float32', glorot(this.seed, 0))];
    } else if (this.score === 'additive') {
      this.params = [
        this.addWeight('state_kernel', [stateDim, this.units], 'float32', glorot(this.seed, 0)),
        this.addWeight('query_kernel', [queryDim, this.units], 'float32', glorot(this.seed, 1)),
        this.addWeight('bias', [this.units], 'float32', initializers.zeros()),
        this.addWeight('score_vector', [this.units, 1], 'float32', glorot(this.seed, 2)),
      ];
    }
    this.built = true;
  }

  private checkShapes(inputShape: LayerShape | LayerShape[]): LayerShape[] {
    const shapes = shapeList(inputShape);
    if (shapes.length < 2 || shapes.length > 3) {
      throw new InvalidArgumentError({
        argument: `${this.name} inputs`,
        message: `expected [query, states] or [query, states, mask], got ${shapes.length} input(s)`,
      });
    }
    requireRank(shapes[0], [2, 3], this.name, 'query');
    requireRank(shapes[1], [3], this.name, 'states');
    return shapes;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape | LayerShape[] {
    const [queryShape, statesShape] = this.checkShapes(inputShape);
    const lead = queryShape.slice(0, -1);
    const context = [...lead, statesShape[2]];
    return this.returnWeights ? [context, [...lead, statesShape[1]]] : context;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const [query, states, mask] = tensorList(inputs);
      const single = query.rank === 2;
      const queries = single ? tf.expandDims(query, 1) : query; // [b, t, q]
      const scores = this.scores(queries, states); // [b, t, s]
      const allowed = mask ? tf.expandDims(tf.cast(mask, 'float32'), 1) : undefined;
      const weights = maskedSoftmax(scores, allowed);
      const context = tf.matMul(weights, states); // [b, t, d]
      const out = single ? [tf.squeeze(context, [1]), tf.squeeze(weights, [1])] : [context, weights];
      return this.returnWeights ? out : out[0];
    });
  }

  /** Scores `[b, t, s]` of queries `[b, t, q]` against states `[b, s, d]`. */
  private scores(queries: tf.Tensor, states: tf.Tensor): tf.Tensor {
    if (this.score === 'dot') return tf.matMul(queries, states, false, true);
    if (this.score === 'general') {
      return tf.matMul(project(queries, this.params[0].read()), states, false, true);
    }
    const [stateKernel, queryKernel, bias, vector] = this.params.map((p) => p.read());
    const keys = tf.expandDims(project(states, stateKernel), 1); // [b, 1, s, u]
    const asked = tf.expandDims(project(queries, queryKernel, bias), 2); // [b, t, 1, u]
    const hidden = tf.tanh(tf.add(keys, asked)); // [b, t, s, u]
    return tf.squeeze(project(hidden, vector), [3]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      score: this.score,
      units: this.requestedUnits ?? null,
      returnWeights: this.returnWeights,
      seed: this.seed ?? null,
    };
  }
}

tf.serialization.registerClass(TemporalAttention);
