import { combine, FNV_OFFSET, FNV_PRIME } from './char-codes';
import { IdSet } from './small-hash';
import type { ResolvedTextOptions } from './text-features';
import { type TokenSink, WordBuffer } from './word-buffer';

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
  #buffer = new WordBuffer();
  #scale = 1;
  /** The token pass's callbacks (made once: nothing allocated per text or word). */
  readonly #sink: TokenSink = {
    cjkRun: (codes, start, end) => this.#cjkRun(codes, start, end),
    word: (codes, start, end, token, mark) => {
      // a repeated word adds no new character n-grams (the ids are a set)
      if (this.options.wordChars[1] > 0 && this.#charWords.add(token | 0) >= 0)
        this.#wordChars(codes, start, end, mark);
    },
  };

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
    const { negationScope, lexiconFeatures } = this.options;
    this.#buffer.tokenize(text, negationScope, lexiconFeatures, this.#sink);
    this.#wordNgrams();
    this.#summaries();
    this.#scale = this.#normalizer();
    return this.#ids.subarray(0, this.#count);
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

  /** In-word character n-grams of one word (`WordBuffer.charGrams`), marked in a negation scope. */
  #wordChars(codes: Uint16Array, start: number, end: number, mark: number): void {
    const range = this.options.wordChars; // no destructuring: this runs once per word
    const buffer = this.#buffer;
    const count = buffer.charGrams(codes, start, end, range[0], range[1], mark, this.options.mask);
    const grams = buffer.grams;
    for (let k = 0; k < count; k++) this.#add(grams[k]);
  }

  /** Word n-grams; a break (punctuation or CJK run) is never crossed. */
  #wordNgrams(): void {
    const low = this.options.words[0];
    const high = this.options.words[1];
    const mask = this.options.mask;
    const { words, breaks, count } = this.#buffer;
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
    const { valence, positives, negatives } = this.#buffer;
    if (this.options.lexiconFeatures && positives + negatives > 0) {
      const bucket = Math.max(-8, Math.min(8, Math.round(valence / 2)));
      this.#add(combine(0x4c4558, 1000 + bucket) & mask);
      this.#add(combine(0x4c4559, 2000 + Math.min(positives, 4)) & mask);
      this.#add(combine(0x4c455a, 3000 + Math.min(negatives, 4)) & mask);
    }
  }

  #normalizer(): number {
    if (this.options.normalize !== 'l2' || this.#count === 0) return 1;
    return 1 / Math.sqrt(this.#count);
  }
}
