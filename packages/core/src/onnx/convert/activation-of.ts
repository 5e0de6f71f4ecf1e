import { emitActivation, SUPPORTED_ACTIVATIONS } from './activations';
import type { LayerConversion } from './context';
import { unsupported } from './context';

/** tfjs identifier of the layer's `activation` (or another activation field). */
export function activationName(c: LayerConversion, field = 'activation'): string {
  const value = (c.layer as unknown as Record<string, unknown>)[field] as
    | { getClassName(): string }
    | undefined;
  if (value && typeof value.getClassName === 'function') return value.getClassName();
  const configured = c.config[field];
  return typeof configured === 'string' ? configured : 'linear';
}

/** Applies the layer's activation to `x`, or throws `UnsupportedLayerError`. */
export function applyActivation(c: LayerConversion, x: string, field = 'activation'): string {
  const name = activationName(c, field);
  const out = emitActivation(c.builder, name, x, c.layer.name);
  if (out === undefined) {
    unsupported(c, `activation "${name}" is not supported (supported: ${SUPPORTED_ACTIVATIONS.join(', ')})`);
  }
  return out;
}
