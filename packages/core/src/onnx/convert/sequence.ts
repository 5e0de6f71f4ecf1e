import type { SinusoidalPositionalEncoding } from '../../tensor/layers/positional-encoding';
import { sinusoidalTable } from '../../tensor/layers/positional-encoding';
import type { PaddingMask } from '../../tensor/layers/sequence-layers';
import type { LayerConversion, LayerConverter } from './context';
import { hint, weightInit } from './context';

/** `x (· √d) + table[:s]`, with s the dynamic length of axis 1. */
function addPositions(c: LayerConversion, table: string): string {
  const b = c.builder;
  const x = c.inputs[0];
  const layer = c.layer as SinusoidalPositionalEncoding;
  const dim = x.shape[2] as number;
  const length = b.op(
    'Slice',
    [b.op('Shape', [x.name], {}, hint(c, 'shape')), b.int64s([1]), b.int64s([2])],
    {},
    hint(c, 'length'),
  );
  const rows = b.op('Slice', [table, b.int64s([0]), length, b.int64s([0])], {}, hint(c, 'rows'));
  const scaled = layer.scaleInput
    ? b.op('Mul', [x.name, b.floats([Math.sqrt(dim)])], {}, hint(c, 'scale'))
    : x.name;
  return b.op('Add', [scaled, rows], {}, hint(c, 'add'));
}

const sinusoidal: LayerConverter = (c) => {
  const layer = c.layer as SinusoidalPositionalEncoding;
  const dim = c.inputs[0].shape[2] as number;
  const table = c.builder.weight(hint(c, 'table'), sinusoidalTable(layer.maxLength, dim), [
    layer.maxLength,
    dim,
  ]);
  return [addPositions(c, table)];
};

const learned: LayerConverter = (c) => [addPositions(c, weightInit(c, 'embeddings'))];

const paddingMask: LayerConverter = (c) => {
  const b = c.builder;
  const ids = c.inputs[0];
  const pad = (c.layer as PaddingMask).padValue;
  const padConst = ids.dtype === 'int32' ? b.int32s([pad]) : b.floats([pad]);
  const equal = b.op('Equal', [ids.name, padConst], {}, hint(c, 'equal'));
  return [b.op('Cast', [b.op('Not', [equal], {}, hint(c, 'not'))], { to: 1 }, hint(c, 'mask'))];
};

const maskedMeanPooling: LayerConverter = (c) => {
  const b = c.builder;
  const [x, mask] = c.inputs;
  const floatMask =
    mask.dtype === 'float32' ? mask.name : b.op('Cast', [mask.name], { to: 1 }, hint(c, 'mask'));
  const m = b.op('Unsqueeze', [floatMask, b.int64s([2])], {}, hint(c, 'mask'));
  const axis = b.int64s([1]);
  const total = b.op(
    'ReduceSum',
    [b.op('Mul', [x.name, m], {}, hint(c, 'masked')), axis],
    { keepdims: 0 },
    hint(c, 'total'),
  );
  const count = b.op(
    'Max',
    [b.op('ReduceSum', [m, axis], { keepdims: 0 }, hint(c, 'count')), b.floats([1])],
    {},
    hint(c, 'count'),
  );
  return [b.op('Div', [total, count], {}, hint(c, 'mean'))];
};

const lastTimestep: LayerConverter = (c) => [
  c.builder.op('Gather', [c.inputs[0].name, c.builder.int64s([-1], [])], { axis: 1 }, hint(c, 'last')),
];

const dotProductScores: LayerConverter = (c) => {
  const b = c.builder;
  const [query, keys] = c.inputs;
  const q =
    keys.shape.length === query.shape.length + 1
      ? b.op('Unsqueeze', [query.name, b.int64s([query.shape.length - 1])], {}, hint(c, 'query'))
      : query.name;
  return [
    b.op(
      'ReduceSum',
      [b.op('Mul', [q, keys.name], {}, hint(c, 'mul')), b.int64s([-1])],
      { keepdims: 0 },
      hint(c, 'sum'),
    ),
  ];
};

export const SEQUENCE_CONVERTERS: Record<string, LayerConverter> = {
  ShopPilotSinusoidalPositionalEncoding: sinusoidal,
  ShopPilotLearnedPositionalEmbedding: learned,
  ShopPilotPaddingMask: paddingMask,
  ShopPilotMaskedMeanPooling: maskedMeanPooling,
  ShopPilotLastTimestep: lastTimestep,
  ShopPilotDotProductScores: dotProductScores,
};
