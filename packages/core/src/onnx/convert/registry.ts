import { ATTENTION_CONVERTERS } from './attention';
import type { LayerConverter } from './context';
import { CORE_CONVERTERS } from './core-layers';
import { MERGE_CONVERTERS } from './merge-layers';
import { RECURRENT_CONVERTERS } from './recurrent';
import { SEQUENCE_CONVERTERS } from './sequence';

const converters = new Map<string, LayerConverter>(
  Object.entries({
    ...CORE_CONVERTERS,
    ...MERGE_CONVERTERS,
    ...RECURRENT_CONVERTERS,
    ...ATTENTION_CONVERTERS,
    ...SEQUENCE_CONVERTERS,
  }),
);

/** Layers refused on purpose, with what to do instead. */
const REFUSED: Record<string, string> = {
  Masking:
    'Masking layers are not exported (implicit tfjs masks); pass an explicit mask (PaddingMask) to the attention/pooling layers',
};

/** Why a layer class is refused, when it is. */
export function refusalOf(className: string): string | undefined {
  return REFUSED[className];
}

/**
 * Registers (or replaces) the ONNX converter of a tfjs layer class, e.g. for a custom layer of
 * another package. The class name is `layer.getClassName()`.
 */
export function registerOnnxConverter(className: string, converter: LayerConverter): void {
  converters.set(className, converter);
}

export function converterFor(className: string): LayerConverter | undefined {
  return converters.get(className);
}

/** Class names `exportToOnnx` can translate (plus InputLayer, TimeDistributed and nested models). */
export function supportedOnnxLayers(): string[] {
  return [...converters.keys(), 'TimeDistributed'].sort();
}
