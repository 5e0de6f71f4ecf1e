import * as tf from '@tensorflow/tfjs-core';
import { initializers, type LayerVariable, layers } from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import {
  type BaseLayerArgs,
  LAYER_PREFIX,
  type LayerShape,
  lastDim,
  requirePositiveInteger,
  requireRank,
} from './layer-base';

export interface PositionalEncodingArgs extends BaseLayerArgs {
  /** Longest sequence the layer accepts. Default 512. */
  maxLength?: number;
  /** Multiply the input by sqrt(dim) before adding (the Transformer's embedding scale). Default false. */
  scaleInput?: boolean;
}

/** The sinusoidal table `[maxLength, dim]`: `sin(p / 10000^(2i/dim))` at 2i, `cos` at 2i+1. */
export function sinusoidalTable(maxLength: number, dim: number): Float32Array {
  const table = new Float32Array(maxLength * dim);
  for (let position = 0; position < maxLength; position++) {
    for (let i = 0; i < dim; i++) {
      const angle = position / 10000 ** ((2 * Math.floor(i / 2)) / dim);
      table[position * dim + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}

abstract class PositionalBase extends layers.Layer {
  readonly maxLength: number;
  readonly scaleInput: boolean;

  constructor(args: PositionalEncodingArgs) {
    super(args);
    this.maxLength = requirePositiveInteger(args.maxLength ?? 512, `${this.getClassName()}.maxLength`);
    this.scaleInput = args.scaleInput ?? false;
  }

  protected dimOf(inputShape: LayerShape | LayerShape[]): number {
    const shape = inputShape as LayerShape;
    requireRank(shape, [3], this.name, 'x');
    if (shape[1] != null && shape[1] > this.maxLength) {
      throw new InvalidArgumentError({
        argument: `${this.name} input x`,
        message: `sequence length ${shape[1]} exceeds maxLength ${this.maxLength}`,
      });
    }
    return lastDim(shape, this.name, 'x');
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return inputShape as LayerShape;
  }

  /** The position table `[maxLength, dim]`. */
  protected abstract table(): tf.Tensor;

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [, length, dim] = x.shape;
      if (length > this.maxLength) {
        throw new InvalidArgumentError({
          argument: `${this.name} input x`,
          message: `sequence length ${length} exceeds maxLength ${this.maxLength}`,
        });
      }
      const scaled = this.scaleInput ? tf.mul(x, Math.sqrt(dim)) : x;
      return tf.add(scaled, tf.slice(this.table(), [0, 0], [length, dim]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxLength: this.maxLength, scaleInput: this.scaleInput };
  }
}

/**
 * Adds the fixed sinusoidal position encoding of Vaswani et al. (2017).
 * Input `[batch, seq, dim]` (seq ≤ maxLength) → output `[batch, seq, dim]`; no weights.
 */
export class SinusoidalPositionalEncoding extends PositionalBase {
  static className = `${LAYER_PREFIX}SinusoidalPositionalEncoding`;
  private cached: tf.Tensor | undefined;

  override build(inputShape: LayerShape | LayerShape[]): void {
    const dim = this.dimOf(inputShape);
    this.cached?.dispose();
    this.cached = tf.keep(tf.tensor2d(sinusoidalTable(this.maxLength, dim), [this.maxLength, dim]));
    this.built = true;
  }

  protected table(): tf.Tensor {
    return this.cached as tf.Tensor;
  }

  override dispose() {
    this.cached?.dispose();
    this.cached = undefined;
    return super.dispose();
  }
}

/**
 * Adds a learned position embedding (BERT, SASRec). Input `[batch, seq, dim]` (seq ≤ maxLength)
 * → output `[batch, seq, dim]`. Weight `embeddings` `[maxLength, dim]`, random-uniform ±0.05.
 */
export class LearnedPositionalEmbedding extends PositionalBase {
  static className = `${LAYER_PREFIX}LearnedPositionalEmbedding`;
  private embeddings: LayerVariable | undefined;

  constructor(args: PositionalEncodingArgs & { seed?: number } = {}) {
    super(args);
    this.seed = args.seed ?? undefined;
  }

  readonly seed: number | undefined;

  override build(inputShape: LayerShape | LayerShape[]): void {
    const dim = this.dimOf(inputShape);
    const init = initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed });
    this.embeddings = this.addWeight('embeddings', [this.maxLength, dim], 'float32', init);
    this.built = true;
  }

  protected table(): tf.Tensor {
    return (this.embeddings as LayerVariable).read();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed ?? null };
  }
}

tf.serialization.registerClass(SinusoidalPositionalEncoding);
tf.serialization.registerClass(LearnedPositionalEmbedding);
