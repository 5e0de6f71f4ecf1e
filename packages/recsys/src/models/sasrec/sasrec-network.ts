import { DotProductScores, LastTimestep, PaddingMask } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FastSelfAttention } from './fast-attention';
import { FastDense } from './fast-dense';
import { layerNorm } from './layer-norm';
import type { PriorHead } from './sasrec-prior';
import { SeededDropout } from './seeded-dropout';
import { TailPositionalEmbedding } from './tail-positions';

type Sym = tfl.SymbolicTensor;

/** The shape of a SASRec network. */
export interface SasRecShape {
  /** Item vocabulary + 1 (index 0 is padding). */
  vocabulary: number;
  maxLength: number;
  dim: number;
  heads: number;
  blocks: number;
  dropout: number;
  seed: number;
}

/** The layers of one network, shared by its training and inference graphs. */
export interface SasRecNetwork {
  shape: SasRecShape;
  /**
   * history [b, T] → sequence states [b, T, d], with dropout in training; T ≤ maxLength (a
   * left-padded batch cropped to its longest history gives every real position its full-width state).
   */
  training: tfl.LayersModel;
  /** history [b, L] → last state [b, d], no dropout (what serving needs). */
  encoder: tfl.LayersModel;
  /** The item embedding layer (tied input and output embeddings). */
  embedding: tfl.layers.Layer;
  /** The hybrid's item-kNN prior and its learned scalars (see `SasRecPriorOptions`), if any. */
  prior?: PriorHead;
}

/**
 * SASRec (Kang & McAuley 2018): item embeddings + learned positions, `blocks` pre-norm
 * Transformer blocks with causal multi-head self-attention and a ReLU feed-forward, a final layer
 * norm. Scores are dot products with the (tied) item embeddings.
 */
export function buildSasRec(shape: SasRecShape): SasRecNetwork {
  const { vocabulary, maxLength, dim, seed } = shape;
  const embedding = tfl.layers.embedding({
    inputDim: vocabulary,
    outputDim: dim,
    embeddingsInitializer: tfl.initializers.randomNormal({ mean: 0, stddev: 1 / Math.sqrt(dim), seed }),
    name: 'item_embedding',
  });
  const positions = new TailPositionalEmbedding({
    maxLength,
    scaleInput: true,
    seed: seed + 1,
    name: 'positions',
  });
  const blocks = Array.from({ length: shape.blocks }, (_, b) => blockLayers(shape, b));
  const finalNorm = layerNorm('final_norm');
  const wire = (history: Sym, training: boolean): Sym => {
    const mask = new PaddingMask().apply(history) as Sym;
    let x = positions.apply(embedding.apply(history) as Sym) as Sym;
    const drop = (y: Sym, k: number) =>
      training ? (new SeededDropout({ rate: shape.dropout, seed: seed * 31 + k }).apply(y) as Sym) : y;
    x = drop(x, 0);
    blocks.forEach((block, b) => {
      const attended = block.attention.apply([block.norm1.apply(x) as Sym, mask]) as Sym;
      x = tfl.layers.add().apply([x, drop(attended, 2 * b + 1)]) as Sym;
      const hidden = block.inner.apply(block.norm2.apply(x) as Sym) as Sym;
      x = tfl.layers.add().apply([x, drop(block.outer.apply(hidden) as Sym, 2 * b + 2)]) as Sym;
    });
    return finalNorm.apply(x) as Sym;
  };
  const trainInput = tfl.input({ shape: [null], dtype: 'int32', name: 'history' });
  const training = tfl.model({
    inputs: trainInput,
    outputs: wire(trainInput, true),
    name: 'sasrec_training',
  });
  const history = tfl.input({ shape: [maxLength], dtype: 'int32', name: 'history' });
  const last = new LastTimestep().apply(wire(history, false)) as Sym;
  const encoder = tfl.model({ inputs: history, outputs: last, name: 'sasrec_encoder' });
  return { shape, training, encoder, embedding };
}

function blockLayers(shape: SasRecShape, b: number) {
  const { dim, seed } = shape;
  return {
    norm1: layerNorm(),
    attention: new FastSelfAttention({ numHeads: shape.heads, causal: true, seed: seed + 10 + b }),
    norm2: layerNorm(),
    inner: new FastDense({
      units: dim,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 20 + b }),
    }),
    outer: new FastDense({
      units: dim,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 30 + b }),
    }),
  };
}

/**
 * The serving graph for ONNX: inputs `history [b, L]` and `candidates [b, c]` (item index + 1),
 * output `scores [b, c]` — the architecture covered by core's exporter parity tests.
 */
export function buildScoringModel(network: SasRecNetwork): tfl.LayersModel {
  const history = tfl.input({ shape: [network.shape.maxLength], dtype: 'int32', name: 'history' });
  const candidates = tfl.input({ shape: [null], dtype: 'int32', name: 'candidates' });
  const user = network.encoder.apply(history) as Sym;
  const items = network.embedding.apply(candidates) as Sym;
  const scores = new DotProductScores({ name: 'scores' }).apply([user, items]) as Sym;
  return tfl.model({ inputs: [history, candidates], outputs: scores, name: 'sasrec' });
}

/** The item embedding matrix `[vocabulary, d]` as a Float32Array. */
export function embeddingMatrix(network: SasRecNetwork): Float32Array {
  const [weights] = network.embedding.getWeights();
  return weights.dataSync() as Float32Array;
}

/** Last-position states `[b, d]` for left-padded histories `[b, L]` (item index + 1, 0 = padding). */
export function encodeHistories(network: SasRecNetwork, histories: Int32Array, batch: number): Float32Array {
  return tf.tidy(() => {
    const input = tf.tensor2d(histories, [batch, network.shape.maxLength], 'int32');
    const out = network.encoder.predict(input) as tf.Tensor;
    return out.dataSync() as Float32Array;
  });
}
