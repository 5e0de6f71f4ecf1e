import { LastTimestep, TemporalAttention } from '@shoppilot/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { inputWidths, type LstmLayout } from './lstm-features';

export interface NetworkSize {
  /** LSTM units (also the attention and head width). */
  units: number;
  /** Width of the learned series embedding. */
  embedding: number;
  /** Quantile levels = output channels. */
  levels: readonly number[];
  seed: number;
}

type Symbolic = tfl.SymbolicTensor;
const apply = (layer: tfl.layers.Layer, x: Symbolic | Symbolic[]) => layer.apply(x) as Symbolic;

/**
 * The LSTM+Attention network. Encoder: an LSTM over the lookback (target, missing flag, past and
 * future covariates). Context: the last encoder state, the static features and a learned series
 * embedding. Decoder: for every horizon step a query from that context and the step's known future
 * covariates attends over all encoder states (temporal attention, Bahdanau); query and attended
 * context feed a small head that outputs every quantile of every step at once (direct
 * multi-horizon). Inputs: `encoder` [b, L, E], `decoder` [b, H, D], `statics` [b, S], `series` [b, 1].
 */
export function buildNetwork(layout: LstmLayout, size: NetworkSize): tfl.LayersModel {
  const widths = inputWidths(layout);
  const { units, seed } = size;
  const init = (offset: number) => tfl.initializers.glorotUniform({ seed: seed + offset });
  const encoderIn = tfl.input({ shape: [layout.lookback, widths.encoder], name: 'encoder' });
  const decoderIn = tfl.input({ shape: [layout.horizon, widths.decoder], name: 'decoder' });
  const staticsIn = tfl.input({ shape: [Math.max(1, widths.statics)], name: 'statics' });
  const seriesIn = tfl.input({ shape: [1], dtype: 'int32', name: 'series' });
  const states = apply(
    tfl.layers.lstm({
      units,
      returnSequences: true,
      kernelInitializer: init(1),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: seed + 2 }),
      name: 'encoder_lstm',
    }),
    encoderIn,
  );
  const last = apply(new LastTimestep({ name: 'last_state' }), states);
  const embedded = apply(
    tfl.layers.flatten({ name: 'series_flat' }),
    apply(
      tfl.layers.embedding({
        inputDim: layout.seriesIds.length,
        outputDim: size.embedding,
        embeddingsInitializer: tfl.initializers.randomUniform({
          minval: -0.05,
          maxval: 0.05,
          seed: seed + 3,
        }),
        name: 'series_embedding',
      }),
      seriesIn,
    ),
  );
  const context = apply(tfl.layers.concatenate({ name: 'context' }), [last, staticsIn, embedded]);
  const repeated = apply(tfl.layers.repeatVector({ n: layout.horizon, name: 'context_per_step' }), context);
  const queryIn = apply(tfl.layers.concatenate({ name: 'query_in' }), [repeated, decoderIn]);
  const queries = apply(
    tfl.layers.dense({ units, activation: 'tanh', kernelInitializer: init(4), name: 'queries' }),
    queryIn,
  );
  const attended = apply(new TemporalAttention({ seed: seed + 5, name: 'attention' }), [queries, states]);
  const joined = apply(tfl.layers.concatenate({ name: 'joined' }), [queries, attended, decoderIn]);
  const hidden = apply(
    tfl.layers.dense({ units, activation: 'relu', kernelInitializer: init(6), name: 'head' }),
    joined,
  );
  const output = apply(
    tfl.layers.dense({ units: size.levels.length, kernelInitializer: init(7), name: 'quantiles' }),
    hidden,
  );
  return tfl.model({
    inputs: [encoderIn, decoderIn, staticsIn, seriesIn],
    outputs: output,
    name: 'lstm_attention',
  });
}
