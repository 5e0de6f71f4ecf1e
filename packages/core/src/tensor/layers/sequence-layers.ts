import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import {
  type BaseLayerArgs,
  LAYER_PREFIX,
  type LayerShape,
  requireRank,
  shapeList,
  tensorList,
} from './layer-base';

/** Input `[batch, seq, dim]` → output `[batch, dim]`: the last time step `x[:, -1, :]`. No weights. */
export class LastTimestep extends layers.Layer {
  static className = `${LAYER_PREFIX}LastTimestep`;

  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = inputShape as LayerShape;
    requireRank(shape, [3], this.name, 'x');
    return [shape[0], shape[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x] = tensorList(inputs);
      const [batch, length, dim] = x.shape;
      return tf.reshape(tf.slice(x, [0, length - 1, 0], [batch, 1, dim]), [batch, dim]);
    });
  }
}

/**
 * Mean over the real (unmasked) time steps. Inputs `[x, mask]`, `x` `[batch, seq, dim]`, `mask`
 * `[batch, seq]` (1 = real, 0 = padding) → output `[batch, dim]` = `Σ x·m / max(Σ m, 1)`
 * (all-padding rows give 0). No weights.
 */
export class MaskedMeanPooling extends layers.Layer {
  static className = `${LAYER_PREFIX}MaskedMeanPooling`;

  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shapes = shapeList(inputShape);
    if (shapes.length !== 2) {
      throw new InvalidArgumentError({
        argument: `${this.name} inputs`,
        message: `expected [x, mask], got ${shapes.length} input(s)`,
      });
    }
    requireRank(shapes[0], [3], this.name, 'x');
    requireRank(shapes[1], [2], this.name, 'mask');
    return [shapes[0][0], shapes[0][2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, mask] = tensorList(inputs);
      const m = tf.expandDims(tf.cast(mask, 'float32'), 2);
      const total = tf.sum(tf.mul(x, m), 1);
      return tf.div(total, tf.maximum(tf.sum(m, 1), 1));
    });
  }
}

export interface PaddingMaskArgs extends BaseLayerArgs {
  /** The id that marks padding. Default 0. */
  padValue?: number;
}

/**
 * Input ids `[batch, seq]` (int32 or float32) → float32 mask `[batch, seq]`: 1 where
 * `id != padValue`, else 0. Feed it to the attention and pooling layers' `mask` input.
 */
export class PaddingMask extends layers.Layer {
  static className = `${LAYER_PREFIX}PaddingMask`;
  readonly padValue: number;

  constructor(args: PaddingMaskArgs = {}) {
    super(args);
    this.padValue = args.padValue ?? 0;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return inputShape as LayerShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [ids] = tensorList(inputs);
      return tf.cast(tf.notEqual(ids, tf.scalar(this.padValue, ids.dtype)), 'float32');
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), padValue: this.padValue };
  }
}

/**
 * Dot products over the last axis. Inputs `[query, keys]`: same shape `[..., dim]` → `[...]`
 * (e.g. SASRec's `[b, seq, d]` outputs · positive-item embeddings `[b, seq, d]` → logits
 * `[b, seq]`), or `query` `[..., dim]` with `keys` `[..., c, dim]` → `[..., c]` (one query
 * scored against c candidates). No weights.
 */
export class DotProductScores extends layers.Layer {
  static className = `${LAYER_PREFIX}DotProductScores`;

  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shapes = shapeList(inputShape);
    const [query, keys] = shapes;
    if (shapes.length !== 2 || (keys.length !== query.length && keys.length !== query.length + 1)) {
      throw new InvalidArgumentError({
        argument: `${this.name} inputs`,
        message: 'expected [query [..., d], keys [..., d] or [..., c, d]]',
      });
    }
    return keys.slice(0, -1);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [query, keys] = tensorList(inputs);
      const q = keys.rank === query.rank + 1 ? tf.expandDims(query, query.rank - 1) : query;
      return tf.sum(tf.mul(q, keys), -1);
    });
  }
}

tf.serialization.registerClass(LastTimestep);
tf.serialization.registerClass(MaskedMeanPooling);
tf.serialization.registerClass(PaddingMask);
tf.serialization.registerClass(DotProductScores);
