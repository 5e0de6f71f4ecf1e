import type { Tensor } from '@tensorflow/tfjs-core';
import { initializers, type layers } from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { registerChainedOps } from '../chained-ops';

registerChainedOps();

/** The arguments every tfjs layer accepts (`name`, `trainable`, `inputShape`, `dtype`…). */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof layers.Layer>[0]>;

/** A shape as tfjs-layers writes it: `null` for an unknown (batch or sequence) dimension. */
export type LayerShape = Array<number | null>;

/** Prefix of the serialisation class names of ShopPilot's layers (unique in tfjs's class registry). */
export const LAYER_PREFIX = 'ShopPilot';

/** Value added to the scores of masked-out positions before the softmax. */
export const MASK_FILL = -1e9;

/** Glorot-uniform initialiser, seeded when a seed is given (each weight gets its own offset). */
export function glorot(seed: number | undefined, offset: number) {
  return initializers.glorotUniform(seed === undefined ? {} : { seed: seed + offset });
}

/** Normalises the `inputShape` argument of build/computeOutputShape into a list of shapes. */
export function shapeList(inputShape: unknown): LayerShape[] {
  if (Array.isArray(inputShape) && inputShape.length > 0 && Array.isArray(inputShape[0])) {
    return inputShape as LayerShape[];
  }
  return [inputShape as LayerShape];
}

export function tensorList(inputs: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(inputs) ? inputs : [inputs];
}

/** Last dimension of a shape, which must be known. */
export function lastDim(shape: LayerShape, layer: string, what: string): number {
  const dim = shape[shape.length - 1];
  if (dim == null) {
    throw new InvalidArgumentError({
      argument: `${layer} input ${what}`,
      message: `the last dimension must be known, got shape [${shape.join(', ')}]`,
    });
  }
  return dim;
}

export function requirePositiveInteger(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError({ argument, message: 'must be a positive integer', value });
  }
  return value;
}

export function requireRank(shape: LayerShape, ranks: number[], layer: string, what: string): void {
  if (!ranks.includes(shape.length)) {
    throw new InvalidArgumentError({
      argument: `${layer} input ${what}`,
      message: `expected rank ${ranks.join(' or ')}, got shape [${shape.join(', ')}]`,
    });
  }
}

/** A positive integer, or undefined when `value` is null/undefined (configs store null). */
export function optionalPositive(value: unknown, argument: string): number | undefined {
  return value == null ? undefined : requirePositiveInteger(value, argument);
}
