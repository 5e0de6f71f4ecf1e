import type { DataType } from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import type { LayerShape } from '../../tensor/layers/layer-base';
import type { GraphBuilder } from '../graph-builder';
import { UnsupportedLayerError } from '../unsupported-layer-error';

/** A value in the ONNX graph being built, with the tfjs shape (null = dynamic) and dtype. */
export interface TensorRef {
  name: string;
  shape: LayerShape;
  dtype: DataType;
}

/** What a layer converter receives for one call (node) of a tfjs layer. */
export interface LayerConversion {
  builder: GraphBuilder;
  layer: layers.Layer;
  /** `layer.getConfig()`. */
  config: Record<string, unknown>;
  inputs: TensorRef[];
  /** Shapes of the layer's outputs for this call. */
  outputShapes: LayerShape[];
}

/** Turns one tfjs layer call into ONNX nodes; returns the names of its outputs, in order. */
export type LayerConverter = (conversion: LayerConversion) => string[];

/** The layer's weight whose name ends with `/<shortName>` (or equals it), as float32 data. */
export function weightOf(c: LayerConversion, shortName: string): { data: Float32Array; shape: number[] } {
  const variable = c.layer.weights.find(
    (w) =>
      w.originalName === shortName ||
      w.originalName.endsWith(`/${shortName}`) ||
      w.name.endsWith(`/${shortName}`),
  );
  if (!variable) {
    throw new UnsupportedLayerError({
      layerName: c.layer.name,
      className: c.layer.getClassName(),
      reason: `weight "${shortName}" not found (has: ${c.layer.weights.map((w) => w.originalName).join(', ')})`,
    });
  }
  const tensor = variable.read();
  return { data: Float32Array.from(tensor.dataSync() as Float32Array), shape: [...tensor.shape] };
}

/** Adds the layer's weight as an initialiser and returns its name. */
export function weightInit(c: LayerConversion, shortName: string): string {
  const { data, shape } = weightOf(c, shortName);
  return c.builder.weight(`${c.layer.name}/${shortName}`, data, shape);
}

/** Throws the typed error for a configuration the exporter does not handle. */
export function unsupported(c: LayerConversion, reason: string): never {
  throw new UnsupportedLayerError({ layerName: c.layer.name, className: c.layer.getClassName(), reason });
}

export function hint(c: LayerConversion, what: string): string {
  return `${c.layer.name}/${what}`;
}
