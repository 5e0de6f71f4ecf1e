import { writeFile } from 'node:fs/promises';
import type { DataType } from '@tensorflow/tfjs-core';
import { LayersModel, type layers, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { LayerShape } from '../tensor/layers/layer-base';
import type { LayerConversion, TensorRef } from './convert/context';
import { converterFor, refusalOf, supportedOnnxLayers } from './convert/registry';
import { GraphBuilder } from './graph-builder';
import { ONNX_DATA_TYPE, ONNX_IR_VERSION, ONNX_OPSET, type OnnxProtoTypes, onnx } from './onnx-proto';
import { UnsupportedLayerError } from './unsupported-layer-error';

export interface ExportToOnnxOptions {
  /** Name of the ONNX graph. Default: the model's name. */
  graphName?: string;
  /** Free text stored as the model's doc string. Default: none. */
  docString?: string;
  /** Key/value pairs stored in the model's metadata (e.g. version, training data). Default: none. */
  metadata?: Record<string, string>;
  /** Version number stored in the model (`model_version`). Default 1. */
  modelVersion?: number;
}

const DTYPES: Partial<Record<DataType, number>> = {
  float32: ONNX_DATA_TYPE.float32,
  int32: ONNX_DATA_TYPE.int32,
  bool: ONNX_DATA_TYPE.bool,
};

/**
 * Translates a tfjs-layers model (Sequential or functional, several inputs/outputs, nested models)
 * into an ONNX ModelProto (opset 17) with a dynamic batch dimension, and returns its bytes.
 * Graph inputs/outputs keep the model's `inputNames`/`outputNames`; unknown dimensions stay
 * symbolic. Throws `UnsupportedLayerError` naming the first layer it cannot translate.
 */
export function exportToOnnx(model: LayersModel, options: ExportToOnnxOptions = {}): Uint8Array {
  const builder = new GraphBuilder();
  const inputs = model.inputs.map((tensor, i) => valueInfo(builder.reserve(model.inputNames[i]), tensor));
  // Reserved before conversion so internal names never take them; repeated names get a suffix.
  const names = model.outputNames.map((name) => builder.unique(name));
  const refs = model.inputs.map((tensor, i) => ({
    name: model.inputNames[i],
    shape: tensor.shape,
    dtype: tensor.dtype,
  }));
  const internal = convertGraph(builder, model, refs);
  const outputs = model.outputs.map((tensor, i) => {
    builder.nodes.push({
      opType: 'Identity',
      input: [internal[i]],
      output: [names[i]],
      name: builder.unique(`${names[i]}_identity`),
    });
    return valueInfo(names[i], tensor);
  });
  const graph: OnnxProtoTypes.IGraphProto = {
    name: options.graphName ?? model.name,
    node: builder.nodes,
    initializer: builder.initializers,
    input: inputs,
    output: outputs,
  };
  const proto: OnnxProtoTypes.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: '@shoppilot/core',
    producerVersion: '0.1.0',
    modelVersion: options.modelVersion ?? 1,
    docString: options.docString ?? '',
    graph,
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
}

/** `exportToOnnx` and write the bytes to `path`. Returns the number of bytes written. */
export async function saveOnnx(
  model: LayersModel,
  path: string,
  options: ExportToOnnxOptions = {},
): Promise<number> {
  const bytes = exportToOnnx(model, options);
  await writeFile(path, bytes);
  return bytes.byteLength;
}

function valueInfo(name: string, tensor: SymbolicTensor): OnnxProtoTypes.IValueInfoProto {
  const elemType = DTYPES[tensor.dtype];
  if (elemType === undefined) {
    throw new InvalidArgumentError({
      argument: `model input/output "${name}"`,
      message: `dtype ${tensor.dtype} is not exportable`,
    });
  }
  const dim = tensor.shape.map((d, i) =>
    d == null ? { dimParam: i === 0 ? 'batch' : `${name}_dim${i}` } : { dimValue: d },
  );
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** Converts the graph of `model` fed with `inputs`; returns the ONNX names of its outputs. */
function convertGraph(builder: GraphBuilder, model: LayersModel, inputs: TensorRef[]): string[] {
  const known = new Map<number, TensorRef>();
  model.inputs.forEach((tensor, i) => {
    known.set(tensor.id, inputs[i]);
  });
  const resolve = (tensor: SymbolicTensor): TensorRef => {
    const found = known.get(tensor.id);
    if (found) return found;
    const layer = tensor.sourceLayer as layers.Layer;
    const node = layer.inboundNodes[tensor.nodeIndex];
    const nodeInputs = node.inputTensors.map(resolve);
    const outputs = convertLayer(
      builder,
      layer,
      nodeInputs,
      node.outputTensors.map((t) => t.shape),
    );
    node.outputTensors.forEach((t, i) => {
      known.set(t.id, { name: outputs[i], shape: t.shape, dtype: t.dtype });
    });
    return known.get(tensor.id) as TensorRef;
  };
  return model.outputs.map((tensor) => resolve(tensor).name);
}

function convertLayer(
  builder: GraphBuilder,
  layer: layers.Layer,
  inputs: TensorRef[],
  outputShapes: LayerShape[],
): string[] {
  if (layer instanceof LayersModel) return convertGraph(builder, layer, inputs);
  const className = layer.getClassName();
  if (className === 'TimeDistributed') return timeDistributed(builder, layer, inputs[0], outputShapes[0]);
  const converter = converterFor(className);
  const refusal = refusalOf(className);
  if (refusal) throw new UnsupportedLayerError({ layerName: layer.name, className, reason: refusal });
  if (!converter) {
    throw new UnsupportedLayerError({
      layerName: layer.name,
      className,
      reason: `no ONNX translation for ${className} (supported: ${supportedOnnxLayers().join(', ')})`,
    });
  }
  const conversion: LayerConversion = {
    builder,
    layer,
    config: layer.getConfig() as Record<string, unknown>,
    inputs,
    outputShapes,
  };
  return converter(conversion);
}

/** TimeDistributed(inner): `[b, s, ...]` → `[b·s, ...]` → inner → `[b, s, ...out]`. */
function timeDistributed(
  builder: GraphBuilder,
  layer: layers.Layer,
  input: TensorRef,
  outputShape: LayerShape,
): string[] {
  const inner = (layer as unknown as { layer: layers.Layer }).layer;
  const rest = input.shape.slice(2);
  if (rest.some((d) => d == null)) {
    throw new UnsupportedLayerError({
      layerName: layer.name,
      className: 'TimeDistributed',
      reason: 'inner dimensions must be known',
    });
  }
  const flat = builder.op(
    'Reshape',
    [input.name, builder.int64s([-1, ...(rest as number[])])],
    {},
    `${layer.name}/flatten_time`,
  );
  const innerOut = outputShape.slice(2) as number[];
  const [y] = convertLayer(
    builder,
    inner,
    [{ name: flat, shape: [null, ...rest], dtype: input.dtype }],
    [[null, ...innerOut]],
  );
  const shape = builder.op('Shape', [input.name], {}, `${layer.name}/shape`);
  const lead = builder.op(
    'Slice',
    [shape, builder.int64s([0]), builder.int64s([2])],
    {},
    `${layer.name}/lead`,
  );
  const target = builder.op('Concat', [lead, builder.int64s(innerOut)], { axis: 0 }, `${layer.name}/target`);
  return [builder.op('Reshape', [y, target], {}, `${layer.name}/unflatten_time`)];
}
