import { DimensionMismatchError } from '@shoppilot/core';

export interface BinaryClassificationReport {
  accuracy: number;
  /** F1 of the positive class (1). */
  f1: number;
  precision: number;
  recall: number;
  n: number;
  confusion: { tp: number; fp: number; tn: number; fn: number };
}

/** Accuracy, precision, recall and F1 (positive class 1) of binary predictions. */
export function binaryClassificationReport(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): BinaryClassificationReport {
  if (actual.length !== predicted.length)
    throw new DimensionMismatchError({
      what: 'labels and predictions',
      expected: actual.length,
      actual: predicted.length,
    });
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < actual.length; i++) {
    if (predicted[i] === 1) actual[i] === 1 ? tp++ : fp++;
    else actual[i] === 1 ? fn++ : tn++;
  }
  const n = actual.length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    accuracy: n ? (tp + tn) / n : 0,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    precision,
    recall,
    n,
    confusion: { tp, fp, tn, fn },
  };
}

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Deterministic split by hashing a key (e.g. the review text): the row goes to the test part when
 * hash(salt + key) / 2^32 < testFraction. The same text always lands on the same side.
 */
export function isTestRow(key: string, testFraction: number, salt = 'shoppilot'): boolean {
  return hashString(`${salt}\u0000${key}`) / 4294967296 < testFraction;
}
