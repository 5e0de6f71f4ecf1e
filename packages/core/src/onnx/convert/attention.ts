import { MASK_FILL } from '../../tensor/layers/layer-base';
import type { MultiHeadSelfAttention } from '../../tensor/layers/multi-head-self-attention';
import type { TemporalAttention } from '../../tensor/layers/temporal-attention';
import type { GraphBuilder } from '../graph-builder';
import type { LayerConversion, LayerConverter, TensorRef } from './context';
import { hint, weightInit } from './context';

/** `x · kernel (+ bias)` over the last axis. */
function project(c: LayerConversion, x: string, kernel: string, bias?: string): string {
  const y = c.builder.op('MatMul', [x, weightInit(c, kernel)], {}, hint(c, kernel));
  return bias ? c.builder.op('Add', [y, weightInit(c, bias)], {}, hint(c, bias)) : y;
}

/** A float {0,1} mask from a tfjs mask value (casts int/bool masks). */
function floatMask(b: GraphBuilder, mask: TensorRef, name: string): string {
  return mask.dtype === 'float32' ? mask.name : b.op('Cast', [mask.name], { to: 1 }, name);
}

/** `softmax(scores · allowed + (allowed − 1) · 1e9)` over the last axis, exactly as the tfjs layers do. */
export function emitMaskedSoftmax(
  b: GraphBuilder,
  scores: string,
  allowed: string | undefined,
  name: string,
): string {
  if (!allowed) return b.op('Softmax', [scores], { axis: -1 }, name);
  const kept = b.op('Mul', [scores, allowed], {}, name);
  const fill = b.op(
    'Mul',
    [b.op('Sub', [allowed, b.floats([1])], {}, name), b.floats([-MASK_FILL])],
    {},
    name,
  );
  return b.op('Softmax', [b.op('Add', [kept, fill], {}, name)], { axis: -1 }, name);
}

/** `[s, s]` lower-triangular ones for the dynamic length of axis 1 of `x`. */
function causalBand(b: GraphBuilder, x: string, name: string): string {
  const length = b.op('Slice', [b.op('Shape', [x], {}, name), b.int64s([1]), b.int64s([2])], {}, name);
  const square = b.op('Concat', [length, length], { axis: 0 }, name);
  const ones = b.op(
    'ConstantOfShape',
    [square],
    { value: { tensor: { dims: [1], dataType: 1, floatData: [1] } } },
    name,
  );
  return b.op('Trilu', [ones], { upper: 0 }, name);
}

const multiHeadSelfAttention: LayerConverter = (c) => {
  const layer = c.layer as MultiHeadSelfAttention;
  const b = c.builder;
  const [x, mask] = c.inputs;
  const { numHeads: heads, headDim } = layer;
  const bias = (name: string) => (layer.useBias ? `${name}_bias` : undefined);
  const split = (y: string, perm: number[]) =>
    b.op(
      'Transpose',
      [b.op('Reshape', [y, b.int64s([0, 0, heads, headDim])], {}, hint(c, 'heads'))],
      { perm },
      hint(c, 'heads'),
    );
  const q = split(project(c, x.name, 'query_kernel', bias('query')), [0, 2, 1, 3]); // [b, h, s, k]
  const kT = split(project(c, x.name, 'key_kernel', bias('key')), [0, 2, 3, 1]); // [b, h, k, s]
  const v = split(project(c, x.name, 'value_kernel', bias('value')), [0, 2, 1, 3]);
  const scores = b.op(
    'Div',
    [b.op('MatMul', [q, kT], {}, hint(c, 'scores')), b.floats([Math.sqrt(headDim)])],
    {},
    hint(c, 'scale'),
  );
  let allowed: string | undefined;
  if (mask)
    allowed = b.op('Unsqueeze', [floatMask(b, mask, hint(c, 'mask')), b.int64s([1, 2])], {}, hint(c, 'mask'));
  if (layer.causal) {
    const band = causalBand(b, x.name, hint(c, 'causal'));
    allowed = allowed ? b.op('Mul', [allowed, band], {}, hint(c, 'allowed')) : band;
  }
  const weights = emitMaskedSoftmax(b, scores, allowed, hint(c, 'softmax'));
  const context = b.op(
    'Transpose',
    [b.op('MatMul', [weights, v], {}, hint(c, 'context'))],
    { perm: [0, 2, 1, 3] },
    hint(c, 'merge'),
  );
  const merged = b.op('Reshape', [context, b.int64s([0, 0, -1])], {}, hint(c, 'merge'));
  return [project(c, merged, 'output_kernel', bias('output'))];
};

const temporalAttention: LayerConverter = (c) => {
  const layer = c.layer as TemporalAttention;
  const b = c.builder;
  const [query, states, mask] = c.inputs;
  const single = query.shape.length === 2;
  const queries = single ? b.op('Unsqueeze', [query.name, b.int64s([1])], {}, hint(c, 'query')) : query.name;
  const statesT = () => b.op('Transpose', [states.name], { perm: [0, 2, 1] }, hint(c, 'states_t'));
  let scores: string; // [b, t, s]
  if (layer.score === 'dot') scores = b.op('MatMul', [queries, statesT()], {}, hint(c, 'scores'));
  else if (layer.score === 'general')
    scores = b.op('MatMul', [project(c, queries, 'kernel'), statesT()], {}, hint(c, 'scores'));
  else {
    const keys = b.op(
      'Unsqueeze',
      [project(c, states.name, 'state_kernel'), b.int64s([1])],
      {},
      hint(c, 'keys'),
    );
    const asked = b.op(
      'Unsqueeze',
      [project(c, queries, 'query_kernel', 'bias'), b.int64s([2])],
      {},
      hint(c, 'asked'),
    );
    const hidden = b.op('Tanh', [b.op('Add', [keys, asked], {}, hint(c, 'sum'))], {}, hint(c, 'tanh'));
    scores = b.op('Squeeze', [project(c, hidden, 'score_vector'), b.int64s([3])], {}, hint(c, 'scores'));
  }
  const allowed = mask
    ? b.op('Unsqueeze', [floatMask(b, mask, hint(c, 'mask')), b.int64s([1])], {}, hint(c, 'mask'))
    : undefined;
  const weights = emitMaskedSoftmax(b, scores, allowed, hint(c, 'softmax'));
  const context = b.op('MatMul', [weights, states.name], {}, hint(c, 'context'));
  const out = single
    ? [context, weights].map((n) => b.op('Squeeze', [n, b.int64s([1])], {}, hint(c, 'single')))
    : [context, weights];
  return layer.returnWeights ? out : [out[0]];
};

export const ATTENTION_CONVERTERS: Record<string, LayerConverter> = {
  ShopPilotMultiHeadSelfAttention: multiHeadSelfAttention,
  ShopPilotTemporalAttention: temporalAttention,
};
