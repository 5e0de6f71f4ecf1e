/**
 * `pnpm bench core-tensor`: 512×512 matmul and a 2-layer LSTM forward pass on tfjs cpu, tfjs
 * wasm and onnxruntime-node (1 and 2 threads), plus the exported-ONNX path (a tfjs model exported
 * by `exportToOnnx`) against a hand-built ONNX MatMul model. All ratios come from one run.
 */
import { cpus, loadavg } from 'node:os';
import { exportToOnnx, initTensorBackend, OnnxModel } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import onnxProto from 'onnx-proto';
import { type BenchContext, type BenchSuite, markdownTable, timeMs } from '../harness';

const N = 512;
const MATMUL_FLOP = 2 * N ** 3;
const LSTM = { batch: 64, steps: 52, features: 8, units: 64 };
/** Multiply-adds of the 4 gates per step and layer (elementwise work not counted). */
const LSTM_FLOP =
  LSTM.steps * 2 * LSTM.batch * 4 * LSTM.units * (LSTM.features + LSTM.units + LSTM.units + LSTM.units);

interface Row {
  workload: string;
  runtime: string;
  ms: number;
  flop: number;
}

function randomData(size: number, seed: number): Float32Array {
  const data = new Float32Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    data[i] = state / 2 ** 32 - 0.5;
  }
  return data;
}

/** `Y = A · B` with both operands as inputs, written directly with the ONNX protobuf schema. */
function handBuiltMatMul(): Uint8Array {
  const type = { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'M' }, { dimValue: N }] } } };
  const graph = {
    name: 'matmul',
    node: [{ opType: 'MatMul', input: ['A', 'B'], output: ['Y'] }],
    input: [
      { name: 'A', type },
      {
        name: 'B',
        type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: N }, { dimValue: N }] } } },
      },
    ],
    output: [{ name: 'Y', type }],
  };
  const model = { irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph };
  return onnxProto.onnx.ModelProto.encode(onnxProto.onnx.ModelProto.create(model)).finish();
}

function denseModel(): tfl.LayersModel {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [N], units: N, useBias: false })] });
  return model;
}

function lstmModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [LSTM.steps, LSTM.features] });
  const first = tfl.layers
    .lstm({ units: LSTM.units, returnSequences: true })
    .apply(input) as tfl.SymbolicTensor;
  const second = tfl.layers.lstm({ units: LSTM.units }).apply(first) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: second });
}

async function timeTfjs(
  backend: 'cpu' | 'wasm',
  dense: tfl.LayersModel,
  lstm: tfl.LayersModel,
  repeat: number,
): Promise<Row[]> {
  await initTensorBackend({ backend });
  const a = tf.tensor2d(randomData(N * N, 1), [N, N]);
  const b = tf.tensor2d(randomData(N * N, 2), [N, N]);
  const x = tf.tensor3d(randomData(LSTM.batch * LSTM.steps * LSTM.features, 3), [
    LSTM.batch,
    LSTM.steps,
    LSTM.features,
  ]);
  // Read the result back inside tidy but return nothing: tidy walks every element of a returned typed array.
  const read = (fn: () => tf.Tensor) => () => tf.tidy(() => void fn().dataSync());
  const matmul = await timeMs(
    read(() => tf.matMul(a, b)),
    { repeat },
  );
  const exported = await timeMs(
    read(() => dense.predict(a) as tf.Tensor),
    { repeat },
  );
  const recurrent = await timeMs(
    read(() => lstm.predict(x) as tf.Tensor),
    { repeat },
  );
  tf.dispose([a, b, x]);
  return [
    { workload: 'matmul 512×512', runtime: `tfjs ${backend}`, ms: matmul, flop: MATMUL_FLOP },
    { workload: 'Dense 512→512 (batch 512)', runtime: `tfjs ${backend}`, ms: exported, flop: MATMUL_FLOP },
    { workload: '2-layer LSTM', runtime: `tfjs ${backend}`, ms: recurrent, flop: LSTM_FLOP },
  ];
}

/**
 * Median ms of each function over `rounds` interleaved rounds (a, b, c, a, b, c, …), so that
 * load from other processes hits every candidate alike; the ratios are what to read.
 */
async function interleaved(fns: Array<() => Promise<unknown>>, rounds: number): Promise<number[]> {
  const times = fns.map(() => [] as number[]);
  for (const fn of fns) await fn(); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [k, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      times[k].push(performance.now() - start);
    }
  }
  return times.map((list) => list.sort((x, y) => x - y)[Math.floor(list.length / 2)]);
}

async function timeOnnx(
  dense: tfl.LayersModel,
  lstm: tfl.LayersModel,
  threads: number,
  rounds: number,
): Promise<Row[]> {
  const a = randomData(N * N, 1);
  const b = randomData(N * N, 2);
  const x = randomData(LSTM.batch * LSTM.steps * LSTM.features, 3);
  const runtime = `onnxruntime ${threads} thread${threads > 1 ? 's' : ''}`;
  const models = await Promise.all(
    [handBuiltMatMul(), exportToOnnx(dense), exportToOnnx(lstm)].map((bytes) =>
      OnnxModel.load(bytes, { threads }),
    ),
  );
  const [hand, exported, recurrent] = models;
  try {
    const [handMs, exportedMs, recurrentMs] = await interleaved(
      [
        () => hand.run({ A: { data: a, dims: [N, N] }, B: { data: b, dims: [N, N] } }),
        () => exported.run({ [dense.inputNames[0]]: { data: a, dims: [N, N] } }),
        () =>
          recurrent.run({ [lstm.inputNames[0]]: { data: x, dims: [LSTM.batch, LSTM.steps, LSTM.features] } }),
      ],
      rounds,
    );
    return [
      {
        workload: 'matmul 512×512',
        runtime: `${runtime} (hand-built MatMul)`,
        ms: handMs,
        flop: MATMUL_FLOP,
      },
      {
        workload: 'Dense 512→512 (batch 512)',
        runtime: `${runtime} (exportToOnnx)`,
        ms: exportedMs,
        flop: MATMUL_FLOP,
      },
      { workload: '2-layer LSTM', runtime: `${runtime} (exportToOnnx)`, ms: recurrentMs, flop: LSTM_FLOP },
    ];
  } finally {
    await Promise.all(models.map((model) => model.close()));
  }
}

async function run(context: BenchContext): Promise<string> {
  const repeat = context.quick ? 2 : 5;
  const loadBefore = loadavg()[0];
  await initTensorBackend({ backend: 'wasm' });
  const dense = denseModel();
  const lstm = lstmModel();
  const rows: Row[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    context.log(`tfjs ${backend}…`);
    rows.push(...(await timeTfjs(backend, dense, lstm, backend === 'cpu' ? Math.min(repeat, 3) : repeat)));
  }
  for (const threads of [1, 2]) {
    context.log(`onnxruntime, ${threads} thread(s)…`);
    rows.push(...(await timeOnnx(dense, lstm, threads, repeat * 6)));
  }
  return report(rows, [loadBefore, loadavg()[0]]);
}

function report(rows: Row[], load: number[]): string {
  const gflops = (row: Row) => row.flop / row.ms / 1e6;
  const base = (workload: string, runtime: string) =>
    rows.find((r) => r.workload === workload && r.runtime === runtime);
  const table = markdownTable(
    ['workload', 'runtime', 'median ms', 'GFLOP/s', '× tfjs cpu', '× tfjs wasm'],
    rows
      .slice()
      .sort((x, y) => x.workload.localeCompare(y.workload))
      .map((row) => {
        const cpu = base(row.workload, 'tfjs cpu') as Row;
        const wasm = base(row.workload, 'tfjs wasm') as Row;
        return [row.workload, row.runtime, row.ms, gflops(row), cpu.ms / row.ms, wasm.ms / row.ms];
      }),
  );
  const exportRows = [1, 2].map((threads) => {
    const suffix = `onnxruntime ${threads} thread${threads > 1 ? 's' : ''}`;
    const hand = base('matmul 512×512', `${suffix} (hand-built MatMul)`) as Row;
    const exported = base('Dense 512→512 (batch 512)', `${suffix} (exportToOnnx)`) as Row;
    const ratio = exported.ms / hand.ms;
    return [threads, hand.ms, exported.ms, ratio, ratio <= 1.2 ? 'yes' : 'no'];
  });
  const exportTable = markdownTable(
    ['threads', 'hand-built MatMul ms', 'exported Dense ms', 'exported / hand-built', 'within 1.2× (target)'],
    exportRows,
  );
  return [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, shared with other jobs: 1-minute load average ${load.map((l) => l.toFixed(1)).join(' → ')} during the run (above ${cpus().length} means the timings are inflated by contention).`,
    `Matmul: 512×512 · 512×512 (${(MATMUL_FLOP / 1e6).toFixed(0)} MFLOP). LSTM: 2 layers, batch ${LSTM.batch}, ${LSTM.steps} steps, ${LSTM.features} features, ${LSTM.units} units (${(LSTM_FLOP / 1e6).toFixed(0)} MFLOP of gate matmuls; elementwise work not counted). Median of repeated runs after warm-up; tfjs timings include reading the result back (dataSync), onnxruntime timings include copying the inputs in and the outputs out.`,
    '',
    table,
    '',
    'Exported-ONNX path: a tfjs `Dense(512, useBias: false)` exported by `exportToOnnx` (MatMul with the weight as an initialiser) vs a hand-built ONNX `MatMul` of two inputs, both run by onnxruntime-node on a 512×512 batch.',
    '',
    exportTable,
  ].join('\n');
}

export const coreTensorSuites: BenchSuite[] = [
  {
    name: 'core-tensor',
    description:
      'tfjs cpu vs wasm vs onnxruntime-node on 512×512 matmul and a 2-layer LSTM; exported ONNX vs hand-built',
    run,
  },
];
