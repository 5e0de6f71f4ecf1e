import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, it } from 'vitest';
import { initTensorBackend } from '../tensor/backend';
import { MultiHeadSelfAttention } from '../tensor/layers/multi-head-self-attention';
import {
  LearnedPositionalEmbedding,
  SinusoidalPositionalEncoding,
} from '../tensor/layers/positional-encoding';
import {
  DotProductScores,
  LastTimestep,
  MaskedMeanPooling,
  PaddingMask,
} from '../tensor/layers/sequence-layers';
import { TemporalAttention } from '../tensor/layers/temporal-attention';
import { expectOnnxParity, normal, trainBriefly } from './parity.test-helpers';

type Sym = tfl.SymbolicTensor;
const apply = (layer: tfl.layers.Layer, x: Sym | Sym[]) => layer.apply(x) as Sym;
const apply2 = (layer: tfl.layers.Layer, x: Sym | Sym[]) => layer.apply(x) as Sym[];

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

/** Left/right padded masks with one all-padding row. */
const masks = () =>
  tf.tensor([
    [1, 1, 1, 1, 0, 0],
    [0, 0, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0],
  ]);

async function parity(inputs: Sym[], outputs: Sym[], data: tf.Tensor[], train = true) {
  const model = tfl.model({ inputs, outputs });
  if (train) await trainBriefly(model, data);
  await expectOnnxParity(model, data);
}

describe('exportToOnnx: ShopPilot layers match tfjs within 1e-4', () => {
  it('MultiHeadSelfAttention: plain, key-padding mask, causal + mask, headDim/outputDim, no bias', async () => {
    const x = tfl.input({ shape: [6, 8] });
    const mask = tfl.input({ shape: [6] });
    const plain = apply(new MultiHeadSelfAttention({ numHeads: 2, seed: 1 }), x);
    const masked = apply(new MultiHeadSelfAttention({ numHeads: 4, seed: 2 }), [x, mask]);
    const causal = apply(new MultiHeadSelfAttention({ numHeads: 2, causal: true, seed: 3 }), [x, mask]);
    const sized = apply(
      new MultiHeadSelfAttention({
        numHeads: 3,
        headDim: 5,
        outputDim: 7,
        useBias: false,
        causal: true,
        seed: 4,
      }),
      x,
    );
    await parity([x, mask], [plain, masked, causal, sized], [normal([3, 6, 8], 1), masks()]);
  });

  it('TemporalAttention: additive/general/dot scores, masks, weights output, query sequences', async () => {
    const query = tfl.input({ shape: [4] });
    const queries = tfl.input({ shape: [2, 4] });
    const states = tfl.input({ shape: [6, 4] });
    const mask = tfl.input({ shape: [6] });
    const outputs = [
      ...apply2(new TemporalAttention({ returnWeights: true, units: 5, seed: 1 }), [query, states, mask]),
      apply(new TemporalAttention({ score: 'general', seed: 2 }), [query, states]),
      ...apply2(new TemporalAttention({ score: 'dot', returnWeights: true }), [queries, states, mask]),
      apply(new TemporalAttention({ score: 'additive', seed: 3 }), [queries, states]),
    ];
    const data = [normal([3, 4], 1), normal([3, 2, 4], 2), normal([3, 6, 4], 3), masks()];
    await parity([query, queries, states, mask], outputs, data);
  });

  it('positional encodings, PaddingMask, MaskedMeanPooling, LastTimestep, DotProductScores', async () => {
    const tokens = tfl.input({ shape: [6], dtype: 'int32' });
    const candidates = tfl.input({ shape: [3, 4] });
    const embedded = apply(tfl.layers.embedding({ inputDim: 9, outputDim: 4 }), tokens);
    const mask = apply(new PaddingMask(), tokens);
    const sinus = apply(new SinusoidalPositionalEncoding({ maxLength: 10, scaleInput: true }), embedded);
    const learned = apply(new LearnedPositionalEmbedding({ maxLength: 8, seed: 1 }), sinus);
    const pooled = apply(new MaskedMeanPooling(), [learned, mask]);
    const last = apply(new LastTimestep(), learned);
    const rowwise = apply(new DotProductScores(), [learned, sinus]);
    const scores = apply(new DotProductScores(), [last, candidates]);
    const tokenData = tf.tensor(
      [
        [0, 0, 3, 4, 5, 1],
        [2, 3, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
      ],
      undefined,
      'int32',
    );
    await parity(
      [tokens, candidates],
      [mask, pooled, last, rowwise, scores],
      [tokenData, normal([3, 3, 4], 4)],
    );
  });

  it('PaddingMask on float ids with a custom padValue, sequences shorter than maxLength', async () => {
    const tokens = tfl.input({ shape: [null] as never });
    const mask = apply(new PaddingMask({ padValue: -1 }), tokens);
    await parity(
      [tokens],
      [mask],
      [
        tf.tensor([
          [-1, 2, 3],
          [4, -1, -1],
        ]),
      ],
      false,
    );
  });
});

describe('exportToOnnx: dynamic sequence length', () => {
  it('one export serves sequences of different lengths', async () => {
    const x = tfl.input({ shape: [null, 4] as never });
    const mask = tfl.input({ shape: [null] as never });
    const encoded = apply(new SinusoidalPositionalEncoding({ maxLength: 16 }), x);
    const attended = apply(new MultiHeadSelfAttention({ numHeads: 2, causal: true, seed: 5 }), [
      encoded,
      mask,
    ]);
    const model = tfl.model({ inputs: [x, mask], outputs: apply(new MaskedMeanPooling(), [attended, mask]) });
    await expectOnnxParity(model, [normal([2, 3, 4], 1), tf.ones([2, 3])]);
    await expectOnnxParity(model, [
      normal([2, 9, 4], 2),
      tf.pad(tf.slice(masks(), [0, 0], [2, 6]), [
        [0, 0],
        [0, 3],
      ]),
    ]);
    await trainBriefly(model, [normal([2, 5, 4], 1), tf.ones([2, 5])]);
    await expectOnnxParity(model, [normal([2, 7, 4], 3), tf.ones([2, 7])]);
  });
});
