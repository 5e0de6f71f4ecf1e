import * as tf from '@tensorflow/tfjs-core';
import { initializers, type LayerVariable, layers } from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { allowedPairs, maskedSoftmax, mergeHeads, project, splitHeads } from './attention-math';
import {
  type BaseLayerArgs,
  glorot,
  LAYER_PREFIX,
  type LayerShape,
  lastDim,
  optionalPositive,
  requirePositiveInteger,
  requireRank,
  shapeList,
  tensorList,
} from './layer-base';

export interface MultiHeadSelfAttentionArgs extends BaseLayerArgs {
  /** Number of attention heads. Required. */
  numHeads: number;
  /** Size of each head's queries/keys/values. Default: input dim / numHeads. */
  headDim?: number;
  /** Output size. Default: the input dim (so residual connections fit). */
  outputDim?: number;
  /** Forbid position i from attending to positions after i (SASRec, decoders). Default false. */
  causal?: boolean;
  /** Biases on the four projections. Default true. */
  useBias?: boolean;
  /** Seed of the Glorot-uniform initialisers. Default: unseeded. */
  seed?: number;
}

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017) with an optional key-padding
 * mask and an optional causal mask.
 *
 * Inputs: `x` `[batch, seq, dim]`, or `[x, mask]` with `mask` `[batch, seq]` (1 = real position,
 * 0 = padding; padded keys get no attention). Output: `[batch, seq, outputDim]`. Rows of padded
 * queries are still computed (uniform attention when every key is masked): multiply by the mask
 * downstream if they matter. Weights: query/key/value kernels `[dim, heads*headDim]` + biases,
 * output kernel `[heads*headDim, outputDim]` + bias. Exported to ONNX as MatMul/Softmax/….
 */
export class MultiHeadSelfAttention extends layers.Layer {
  static className = `${LAYER_PREFIX}MultiHeadSelfAttention`;
  readonly numHeads: number;
  readonly causal: boolean;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  private readonly requestedHeadDim: number | undefined;
  private readonly requestedOutputDim: number | undefined;
  headDim = 0;
  outputDim = 0;
  private kernels: LayerVariable[] = [];
  private biases: LayerVariable[] = [];

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
    this.numHeads = requirePositiveInteger(args.numHeads, 'MultiHeadSelfAttention.numHeads');
    this.requestedHeadDim = optionalPositive(args.headDim, 'MultiHeadSelfAttention.headDim');
    this.requestedOutputDim = optionalPositive(args.outputDim, 'MultiHeadSelfAttention.outputDim');
    this.causal = args.causal ?? false;
    this.useBias = args.useBias ?? true;
    this.seed = args.seed ?? undefined;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const [xShape, maskShape] = shapeList(inputShape);
    requireRank(xShape, [3], this.name, 'x');
    if (maskShape) requireRank(maskShape, [2], this.name, 'mask');
    const dim = lastDim(xShape, this.name, 'x');
    this.headDim = this.requestedHeadDim ?? Math.floor(dim / this.numHeads);
    if (this.headDim < 1 || (this.requestedHeadDim === undefined && dim % this.numHeads !== 0)) {
      throw new InvalidArgumentError({
        argument: 'MultiHeadSelfAttention.numHeads',
        message: `input dim ${dim} is not divisible by ${this.numHeads} heads; set headDim`,
        value: this.numHeads,
      });
    }
    this.outputDim = this.requestedOutputDim ?? dim;
    const inner = this.numHeads * this.headDim;
    const shapes: Array<[string, number[]]> = [
      ['query', [dim, inner]],
      ['key', [dim, inner]],
      ['value', [dim, inner]],
      ['output', [inner, this.outputDim]],
    ];
    this.kernels = shapes.map(([name, shape], index) =>
      this.addWeight(`${name}_kernel`, shape, 'float32', glorot(this.seed, index)),
    );
    this.biases = this.useBias
      ? shapes.map(([name, shape]) =>
          this.addWeight(`${name}_bias`, [shape[1]], 'float32', initializers.zeros()),
        )
      : [];
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [xShape] = shapeList(inputShape);
    const outputDim = this.requestedOutputDim ?? xShape[2];
    return [xShape[0], xShape[1], outputDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, mask] = tensorList(inputs);
      const length = x.shape[1] as number;
      const weight = (index: number) =>
        [this.kernels[index].read(), this.useBias ? this.biases[index].read() : undefined] as const;
      const q = splitHeads(project(x, ...weight(0)), this.numHeads, this.headDim);
      const k = splitHeads(project(x, ...weight(1)), this.numHeads, this.headDim);
      const v = splitHeads(project(x, ...weight(2)), this.numHeads, this.headDim);
      const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(this.headDim));
      const attention = maskedSoftmax(scores, allowedPairs(mask, this.causal, length, length));
      return project(mergeHeads(tf.matMul(attention, v)), ...weight(3));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      headDim: this.requestedHeadDim ?? null,
      outputDim: this.requestedOutputDim ?? null,
      causal: this.causal,
      useBias: this.useBias,
      seed: this.seed ?? null,
    };
  }
}

tf.serialization.registerClass(MultiHeadSelfAttention);
