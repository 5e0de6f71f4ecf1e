import type { LayerConverter } from './context';
import { hint, unsupported } from './context';

/** A variadic ONNX op over all inputs (Sum, Mean, Max, Min) or a chain of a binary one (Mul). */
function variadic(opType: string, binary = false): LayerConverter {
  return (c) => {
    const names = c.inputs.map((i) => i.name);
    if (!binary) return [c.builder.op(opType, names, {}, hint(c, opType.toLowerCase()))];
    return [
      names
        .slice(1)
        .reduce(
          (acc, name) => c.builder.op(opType, [acc, name], {}, hint(c, opType.toLowerCase())),
          names[0],
        ),
    ];
  };
}

const concatenate: LayerConverter = (c) => [
  c.builder.op(
    'Concat',
    c.inputs.map((i) => i.name),
    { axis: Number(c.config.axis ?? -1) },
    hint(c, 'concat'),
  ),
];

/**
 * Dot: rank-2 inputs → `[b, 1]` row-wise dot products; rank-3 inputs → batched MatMul after
 * moving the contracted axes (Keras `batch_dot`).
 */
const dot: LayerConverter = (c) => {
  if (c.config.normalize) unsupported(c, 'normalize: true');
  const [x, y] = c.inputs;
  const rank = x.shape.length;
  const raw = c.config.axes as number | number[];
  const [ax, ay] = (Array.isArray(raw) ? raw : [raw, raw]).map((a, i) =>
    a < 0 ? a + c.inputs[i].shape.length : a,
  );
  const b = c.builder;
  if (rank === 2 && y.shape.length === 2 && ax === 1 && ay === 1) {
    const product = b.op('Mul', [x.name, y.name], {}, hint(c, 'mul'));
    return [b.op('ReduceSum', [product, b.int64s([1])], { keepdims: 1 }, hint(c, 'sum'))];
  }
  if (rank === 3 && y.shape.length === 3 && ax >= 1 && ay >= 1) {
    const left = ax === 2 ? x.name : b.op('Transpose', [x.name], { perm: [0, 2, 1] }, hint(c, 'left'));
    const right = ay === 1 ? y.name : b.op('Transpose', [y.name], { perm: [0, 2, 1] }, hint(c, 'right'));
    return [b.op('MatMul', [left, right], {}, hint(c, 'matmul'))];
  }
  return unsupported(c, `Dot of ranks ${rank} and ${y.shape.length} over axes ${[ax, ay]}`);
};

export const MERGE_CONVERTERS: Record<string, LayerConverter> = {
  Add: variadic('Sum'),
  Multiply: variadic('Mul', true),
  Average: variadic('Mean'),
  Maximum: variadic('Max'),
  Minimum: variadic('Min'),
  Concatenate: concatenate,
  Dot: dot,
};
