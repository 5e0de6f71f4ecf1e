import { InvalidArgumentError } from '@shoppilot/core';
import { foldCode, isCjk } from './char-codes';
import { Featurizer } from './featurizer';

/** How texts become hashed n-gram features. */
export interface TextFeatureOptions {
  /** Hash space is 2^bits. Default 20. */
  bits?: number;
  /** Character n-gram orders over runs of CJK characters, [min, max]. Default [1, 3]. */
  cjkChars?: [number, number];
  /** Word n-gram orders over Latin/digit words, [min, max]. Default [1, 2]. */
  words?: [number, number];
  /**
   * Character n-gram orders inside Latin words, with boundary marks ("<good>": "<g", "od>", …;
   * scikit-learn's `char_wb`), [min, max]; [0, 0] = off. The n-grams of a word inside a negation
   * scope are marked like the word itself ("not good": "<go" of the negated "good" differs from
   * "<go" of "good"). Default [0, 0].
   */
  wordChars?: [number, number];
  /**
   * Words after an English negation (not, no, never, …n't, and the apostrophe-less dont, didnt, …)
   * up to the next punctuation, at most this many, become distinct "negated" tokens (Das & Chen
   * 2001); with `wordChars` their character n-grams are marked too. 0 = off. Default 3.
   */
  negationScope?: number;
  /** Summary features from AFINN-165 (negation-aware): bucketed valence sum, positive and negative word counts. Default false. */
  lexiconFeatures?: boolean;
  /** `l2`: each text's feature vector scaled to unit length; `none`. Default `none`. */
  normalize?: 'none' | 'l2';
}

export interface ResolvedTextOptions {
  mask: number;
  cjk: [number, number];
  words: [number, number];
  wordChars: [number, number];
  negationScope: number;
  lexiconFeatures: boolean;
  normalize: 'none' | 'l2';
}

export type TextLanguage = 'zh' | 'en' | 'mixed' | 'unknown';

/** NFKC (full-width to half-width) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** `zh` when CJK characters are >= 70% of letters, `en` when Latin letters are, `mixed` otherwise. */
export function detectLanguage(text: string): TextLanguage {
  let cjk = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = foldCode(text.charCodeAt(i));
    if (isCjk(code)) cjk++;
    else if (code >= 97 && code <= 122) latin++;
  }
  const total = cjk + latin;
  if (total === 0) return 'unknown';
  if (cjk >= 0.7 * total) return 'zh';
  if (latin >= 0.7 * total) return 'en';
  return 'mixed';
}

function checkRange(name: string, value: [number, number]): [number, number] {
  const [low, high] = value;
  const ok =
    Number.isInteger(low) && Number.isInteger(high) && low >= 0 && high <= 8 && (high === 0 || low >= 1);
  if (!ok || low > high) {
    throw new InvalidArgumentError({
      argument: name,
      message: 'must be [min, max] integers with 1 <= min <= max <= 8, or [0, 0] for off',
      value,
    });
  }
  return [low, high];
}

export function resolveTextOptions(options: TextFeatureOptions = {}): ResolvedTextOptions {
  const bits = options.bits ?? 20;
  if (!Number.isInteger(bits) || bits < 4 || bits > 26) {
    throw new InvalidArgumentError({
      argument: 'bits',
      message: 'must be an integer in [4, 26]',
      value: bits,
    });
  }
  return {
    mask: 2 ** bits - 1,
    cjk: checkRange('cjkChars', options.cjkChars ?? [1, 3]),
    words: checkRange('words', options.words ?? [1, 2]),
    wordChars: checkRange('wordChars', options.wordChars ?? [0, 0]),
    negationScope: options.negationScope ?? 3,
    lexiconFeatures: options.lexiconFeatures ?? false,
    normalize: options.normalize ?? 'none',
  };
}

/** The sorted hashed feature ids of one text (convenience; use a `Featurizer` for many). */
export function textFeatureIds(text: string, options: ResolvedTextOptions): Int32Array {
  return new Featurizer(options).ids(text).slice().sort();
}

/** Compressed sparse rows; `values` undefined means every stored entry is 1 (binary). */
export interface SparseRows {
  rows: number;
  offsets: Int32Array;
  indices: Int32Array;
  values?: Float32Array;
}

/** Featurises many texts into CSR form (values = the row scale with `normalize: 'l2'`). */
export function featurize(
  texts: readonly string[],
  options: ResolvedTextOptions,
  featurizer = new Featurizer(options),
): SparseRows {
  const weighted = options.normalize !== 'none';
  const offsets = new Int32Array(texts.length + 1);
  let indices = new Int32Array(Math.max(1024, texts.length * 64));
  let values = new Float32Array(weighted ? indices.length : 0);
  let total = 0;
  for (let r = 0; r < texts.length; r++) {
    const ids = featurizer.ids(texts[r]);
    if (total + ids.length > indices.length) {
      const size = Math.max(indices.length * 2, total + ids.length);
      const next = new Int32Array(size);
      next.set(indices.subarray(0, total));
      indices = next;
      if (weighted) {
        const nextValues = new Float32Array(size);
        nextValues.set(values.subarray(0, total));
        values = nextValues;
      }
    }
    indices.set(ids, total);
    if (weighted) {
      values.fill(featurizer.scale, total, total + ids.length);
    }
    total += ids.length;
    offsets[r + 1] = total;
  }
  return {
    rows: texts.length,
    offsets,
    indices: indices.slice(0, total),
    ...(weighted ? { values: values.slice(0, total) } : {}),
  };
}
