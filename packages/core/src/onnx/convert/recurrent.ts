import type { layers } from '@tensorflow/tfjs-layers';
import { floatsAttr } from '../graph-builder';
import { RNN_ACTIVATIONS } from './activations';
import type { LayerConversion, LayerConverter } from './context';
import { hint, unsupported, weightOf } from './context';

type RnnKind = 'LSTM' | 'GRU' | 'SimpleRNN';
/** For each ONNX gate block, the tfjs block it comes from (tfjs LSTM: i f c o; ONNX: i o f c). */
const GATE_ORDER: Record<RnnKind, number[]> = { LSTM: [0, 3, 1, 2], GRU: [0, 1, 2], SimpleRNN: [0] };
const ONNX_OP: Record<RnnKind, string> = { LSTM: 'LSTM', GRU: 'GRU', SimpleRNN: 'RNN' };

/** `[rows, gates·h]` tfjs kernel → `[gates·h, rows]` ONNX matrix with the gate blocks reordered. */
function gateMatrix(kernel: Float32Array, rows: number, units: number, order: number[]): Float32Array {
  const out = new Float32Array(order.length * units * rows);
  const cols = order.length * units;
  order.forEach((source, gate) => {
    for (let j = 0; j < units; j++) {
      for (let k = 0; k < rows; k++)
        out[(gate * units + j) * rows + k] = kernel[k * cols + source * units + j];
    }
  });
  return out;
}

function gateBias(bias: Float32Array | undefined, units: number, order: number[]): Float32Array {
  const out = new Float32Array(2 * order.length * units); // [Wb, Rb]; Rb stays 0.
  if (!bias) return out;
  order.forEach((source, gate) => {
    out.set(bias.subarray(source * units, (source + 1) * units), gate * units);
  });
  return out;
}

interface DirectionWeights {
  W: Float32Array;
  R: Float32Array;
  B: Float32Array;
}

function directionWeights(
  c: LayerConversion,
  cell: layers.Layer,
  kind: RnnKind,
  units: number,
): DirectionWeights {
  const order = GATE_ORDER[kind];
  const sub = { ...c, layer: cell };
  const kernel = weightOf(sub, 'kernel');
  const recurrent = weightOf(sub, 'recurrent_kernel');
  const hasBias = cell.weights.some((w) => w.originalName.endsWith('/bias'));
  return {
    W: gateMatrix(kernel.data, kernel.shape[0], units, order),
    R: gateMatrix(recurrent.data, units, units, order),
    B: gateBias(hasBias ? weightOf(sub, 'bias').data : undefined, units, order),
  };
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function rnnAttributes(
  c: LayerConversion,
  kind: RnnKind,
  config: Record<string, unknown>,
  directions: number,
) {
  const names =
    kind === 'SimpleRNN'
      ? [config.activation]
      : [config.recurrentActivation, config.activation, config.activation];
  if (kind === 'GRU') names.pop();
  const acts = names.map((n) => {
    const act = RNN_ACTIVATIONS[String(n)];
    if (!act) unsupported(c, `recurrent activation "${String(n)}"`);
    return act;
  });
  const all = Array.from({ length: directions }, () => acts).flat();
  const attributes: Record<string, ReturnType<typeof floatsAttr> | string[] | number | string> = {
    hidden_size: Number(config.units),
    activations: all.map((a) => a.name),
    direction: directions === 2 ? 'bidirectional' : 'forward',
  };
  // onnxruntime consumes the lists only for the activations that take alpha (beta), in order.
  const alphas = all.flatMap((a) => (a.alpha === undefined ? [] : [a.alpha]));
  const betas = all.flatMap((a) => (a.beta === undefined ? [] : [a.beta]));
  if (alphas.length) attributes.activation_alpha = floatsAttr(alphas);
  if (betas.length) attributes.activation_beta = floatsAttr(betas);
  if (kind === 'GRU') attributes.linear_before_reset = 0;
  return attributes;
}

function checkConfig(c: LayerConversion, config: Record<string, unknown>): void {
  if (config.goBackwards) unsupported(c, 'goBackwards: true (wrap the layer in Bidirectional instead)');
  if (config.stateful) unsupported(c, 'stateful: true');
}

/** Emits the ONNX RNN node; returns `Y [s, dirs, b, h]`, `Y_h [dirs, b, h]`, (LSTM) `Y_c`. */
function emitRnn(
  c: LayerConversion,
  kind: RnnKind,
  cells: layers.Layer[],
  config: Record<string, unknown>,
  states: string[] = [],
): string[] {
  const b = c.builder;
  const units = Number(config.units);
  const dirs = cells.map((cell) => directionWeights(c, cell, kind, units));
  const inputDim = dirs[0].W.length / (GATE_ORDER[kind].length * units);
  const gates = GATE_ORDER[kind].length * units;
  const W = b.weight(hint(c, 'W'), concat(dirs.map((d) => d.W)), [cells.length, gates, inputDim]);
  const R = b.weight(hint(c, 'R'), concat(dirs.map((d) => d.R)), [cells.length, gates, units]);
  const B = b.weight(hint(c, 'B'), concat(dirs.map((d) => d.B)), [cells.length, 2 * gates]);
  const x = b.op('Transpose', [c.inputs[0].name], { perm: [1, 0, 2] }, hint(c, 'time_major'));
  const initial = states.map((s) => b.op('Unsqueeze', [s, b.int64s([0])], {}, hint(c, 'state')));
  const inputs = [x, W, R, B, initial.length ? '' : undefined, ...initial].filter(
    (v): v is string => v !== undefined,
  );
  const outputs = kind === 'LSTM' ? 3 : 2;
  return b.node(
    ONNX_OP[kind],
    inputs,
    rnnAttributes(c, kind, config, cells.length),
    outputs,
    hint(c, kind.toLowerCase()),
  );
}

/** `[s, 1, b, h]` → `[b, s, h]`, or `[1, b, h]` → `[b, h]`. */
function singleDirection(c: LayerConversion, y: string, yh: string, returnSequences: boolean): string {
  const b = c.builder;
  if (!returnSequences) return b.op('Squeeze', [yh, b.int64s([0])], {}, hint(c, 'last'));
  const squeezed = b.op('Squeeze', [y, b.int64s([1])], {}, hint(c, 'seq'));
  return b.op('Transpose', [squeezed], { perm: [1, 0, 2] }, hint(c, 'batch_major'));
}

function recurrent(kind: RnnKind): LayerConverter {
  return (c) => {
    checkConfig(c, c.config);
    const cell = (c.layer as unknown as { cell: layers.Layer }).cell;
    const states = c.inputs.slice(1).map((i) => i.name);
    const [y, yh, yc] = emitRnn(c, kind, [cell], c.config, states);
    const output = singleDirection(c, y, yh, Boolean(c.config.returnSequences));
    if (!c.config.returnState) return [output];
    const b = c.builder;
    const state = (name: string) => b.op('Squeeze', [name, b.int64s([0])], {}, hint(c, 'state_out'));
    return kind === 'LSTM' ? [output, state(yh), state(yc)] : [output, state(yh)];
  };
}

/** Bidirectional(LSTM|GRU|SimpleRNN): one bidirectional ONNX node, directions merged as in tfjs. */
const bidirectional: LayerConverter = (c) => {
  const wrapper = c.layer as unknown as {
    forwardLayer: layers.Layer;
    backwardLayer: layers.Layer;
    mergeMode: string | null;
  };
  const kind = wrapper.forwardLayer.getClassName() as RnnKind;
  if (!GATE_ORDER[kind]) unsupported(c, `Bidirectional(${kind})`);
  const config = wrapper.forwardLayer.getConfig() as Record<string, unknown>;
  checkConfig(c, config);
  if (config.returnState || c.inputs.length > 1)
    unsupported(c, 'returnState / initial states in Bidirectional');
  const cells = [wrapper.forwardLayer, wrapper.backwardLayer].map(
    (l) => (l as unknown as { cell: layers.Layer }).cell,
  );
  const [y, yh] = emitRnn(c, kind, cells, config);
  const b = c.builder;
  const sequences = Boolean(config.returnSequences);
  // Put the direction axis just before the features: [b, s, 2, h] or [b, 2, h].
  const moved = sequences
    ? b.op('Transpose', [y], { perm: [2, 0, 1, 3] }, hint(c, 'batch_major'))
    : b.op('Transpose', [yh], { perm: [1, 0, 2] }, hint(c, 'batch_major'));
  const dirAxis = sequences ? 2 : 1;
  const mode = wrapper.mergeMode ?? 'concat';
  if (mode === 'concat')
    return [b.op('Reshape', [moved, b.int64s(sequences ? [0, 0, -1] : [0, -1])], {}, hint(c, 'concat'))];
  const [forward, backward] = b.node('Split', [moved], { axis: dirAxis }, 2, hint(c, 'split'));
  const squeeze = (n: string) => b.op('Squeeze', [n, b.int64s([dirAxis])], {}, hint(c, 'dir'));
  const [f, r] = [squeeze(forward), squeeze(backward)];
  if (mode === 'sum') return [b.op('Add', [f, r], {}, hint(c, 'sum'))];
  if (mode === 'mul') return [b.op('Mul', [f, r], {}, hint(c, 'mul'))];
  if (mode === 'ave')
    return [b.op('Mul', [b.op('Add', [f, r], {}, hint(c, 'sum')), b.floats([0.5])], {}, hint(c, 'ave'))];
  return unsupported(c, `mergeMode ${mode}`);
};

export const RECURRENT_CONVERTERS: Record<string, LayerConverter> = {
  LSTM: recurrent('LSTM'),
  GRU: recurrent('GRU'),
  SimpleRNN: recurrent('SimpleRNN'),
  Bidirectional: bidirectional,
};
