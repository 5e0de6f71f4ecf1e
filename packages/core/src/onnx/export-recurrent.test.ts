import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, it } from 'vitest';
import { initTensorBackend } from '../tensor/backend';
import { expectOnnxParity, normal, trainBriefly } from './parity.test-helpers';

type Sym = tfl.SymbolicTensor;
const apply = (layer: tfl.layers.Layer, x: Sym | Sym[]) => layer.apply(x) as Sym | Sym[];

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

async function parity(inputs: Sym[], outputs: Sym | Sym[], shapes: number[][]) {
  const model = tfl.model({ inputs, outputs });
  const data = shapes.map((shape, i) => normal(shape, 20 + i));
  await trainBriefly(model, data);
  await expectOnnxParity(model, data);
}

describe('exportToOnnx: recurrent layers (ONNX LSTM/GRU/RNN ops) match tfjs within 1e-4', () => {
  it('LSTM: default hardSigmoid gates, sequences and last state', async () => {
    const x = tfl.input({ shape: [7, 3] });
    const sequences = apply(tfl.layers.lstm({ units: 5, returnSequences: true }), x) as Sym;
    const last = apply(tfl.layers.lstm({ units: 4, recurrentActivation: 'sigmoid' }), sequences) as Sym;
    await parity([x], [sequences, last], [[4, 7, 3]]);
  });

  it('LSTM with returnState, an initial state and no bias', async () => {
    const x = tfl.input({ shape: [6, 2] });
    const [out, h, c] = apply(tfl.layers.lstm({ units: 3, returnState: true }), x) as Sym[];
    const decoder = tfl.layers.lstm({ units: 3, returnSequences: true, useBias: false });
    const decoded = decoder.apply(x, { initialState: [h, c] }) as Sym;
    await parity([x], [out, h, c, decoded], [[3, 6, 2]]);
  });

  it('LSTM with elu/softsign and GRU with sigmoid/softplus activations', async () => {
    const x = tfl.input({ shape: [5, 3] });
    const lstm = apply(
      tfl.layers.lstm({
        units: 3,
        activation: 'elu',
        recurrentActivation: 'softsign',
        returnSequences: true,
      }),
      x,
    ) as Sym;
    const gru = apply(
      tfl.layers.gru({ units: 2, activation: 'softplus', recurrentActivation: 'sigmoid' }),
      lstm,
    ) as Sym;
    await parity([x], [lstm, gru], [[3, 5, 3]]);
  });

  it('GRU and SimpleRNN', async () => {
    const x = tfl.input({ shape: [5, 3] });
    const gru = apply(tfl.layers.gru({ units: 4, returnSequences: true }), x) as Sym;
    const rnn = apply(tfl.layers.simpleRNN({ units: 3, activation: 'relu' }), gru) as Sym;
    await parity([x], [gru, rnn], [[3, 5, 3]]);
  });

  it('Bidirectional LSTM (concat, sequences) and GRU (ave, last)', async () => {
    const x = tfl.input({ shape: [5, 3] });
    const both = apply(
      tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 3, returnSequences: true }) as never }),
      x,
    ) as Sym;
    const ave = apply(
      tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 2 }) as never, mergeMode: 'ave' }),
      both,
    ) as Sym;
    await parity([x], [both, ave], [[2, 5, 3]]);
  });

  it('a 2-layer LSTM with batch 64 and 52 steps (the benchmark shape)', async () => {
    const x = tfl.input({ shape: [52, 8] });
    const first = apply(tfl.layers.lstm({ units: 64, returnSequences: true }), x) as Sym;
    const second = apply(tfl.layers.lstm({ units: 64 }), first) as Sym;
    const model = tfl.model({ inputs: x, outputs: second });
    await expectOnnxParity(model, [normal([64, 52, 8], 3)]);
  });
});
