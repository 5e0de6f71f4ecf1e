import * as tf from '@tensorflow/tfjs-core';
import { MASK_FILL } from './layer-base';

/**
 * The {0,1} matrix of allowed (query, key) pairs, broadcastable to scores `[b, h, sq, sk]`, or
 * undefined when everything is allowed. `keyMask` is `[b, sk]` (1 = real position, 0 = padding);
 * `causal` forbids key j > query i.
 */
export function allowedPairs(
  keyMask: tf.Tensor | undefined,
  causal: boolean,
  queryLength: number,
  keyLength: number,
): tf.Tensor | undefined {
  let allowed: tf.Tensor | undefined;
  if (keyMask) {
    const [batch] = keyMask.shape;
    allowed = tf.reshape(tf.cast(keyMask, 'float32'), [batch, 1, 1, keyLength]);
  }
  if (causal) {
    const band = tf.linalg.bandPart(tf.ones([queryLength, keyLength]), -1, 0);
    allowed = allowed ? tf.mul(allowed, band) : band;
  }
  return allowed;
}

/**
 * Softmax over the last axis where disallowed scores become exactly `MASK_FILL`
 * (`scores * allowed + (allowed - 1) * 1e9`), so a fully masked row is exactly uniform and the
 * same arithmetic runs in the ONNX export.
 */
export function maskedSoftmax(scores: tf.Tensor, allowed: tf.Tensor | undefined): tf.Tensor {
  if (!allowed) return tf.softmax(scores);
  const filled = tf.add(tf.mul(scores, allowed), tf.mul(tf.sub(allowed, 1), -MASK_FILL));
  return tf.softmax(filled);
}

/** `[b, s, h*k]` → `[b, h, s, k]`. */
export function splitHeads(x: tf.Tensor, heads: number, headDim: number): tf.Tensor {
  const [batch, length] = x.shape;
  return tf.transpose(tf.reshape(x, [batch, length, heads, headDim]), [0, 2, 1, 3]);
}

/** `[b, h, s, k]` → `[b, s, h*k]`. */
export function mergeHeads(x: tf.Tensor): tf.Tensor {
  const [batch, heads, length, headDim] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [batch, length, heads * headDim]);
}

/** `x · kernel + bias` over the last axis of a rank-2, 3 or 4 tensor. */
export function project(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const inner = x.shape[x.shape.length - 1];
  const flat = tf.reshape(x, [-1, inner]);
  let out: tf.Tensor = tf.matMul(flat as tf.Tensor2D, kernel as tf.Tensor2D);
  if (bias) out = tf.add(out, bias);
  return tf.reshape(out, [...x.shape.slice(0, -1), kernel.shape[1] as number]);
}
