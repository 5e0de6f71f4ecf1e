import { InvalidArgumentError } from '@shoppilot/core';
import { combine, FNV_OFFSET, FNV_PRIME } from './char-codes';
import { IdSet } from './small-hash';
import type { ResolvedTextOptions } from './text-features';
import { TokenCache } from './token-cache';
import { type TokenSink, WordBuffer } from './word-buffer';

/** Placeholder of members without in-word character n-grams (never used). */
const EMPTY_CACHE = new TokenCache(0);

/**
 * One member's running dot product over the de-duplicated ids of a text: the ids a `Featurizer`
 * with the same options would return, added in the same order (so the sum is the same to the bit).
 */
class MemberSum {
  readonly options: ResolvedTextOptions;
  readonly dense: Float32Array;
  readonly mask: number;
  readonly charLow: number;
  readonly charHigh: number;
  readonly seen = new IdSet();
  /**
   * With up to 2^18 buckets, ids are de-duplicated by a byte stamp per bucket (a 256 KB table that
   * stays in cache, cleared every 255 texts) instead of the hash set.
   */
  readonly stamps: Uint8Array | null;
  generation = 0;
  readonly charWords = new IdSet();
  /** Memo of in-word character n-grams (members with `wordChars` only). */
  readonly cache: TokenCache;
  count = 0;
  sum = 0;

  constructor(options: ResolvedTextOptions, dense: Float32Array) {
    this.options = options;
    this.dense = dense;
    this.mask = options.mask;
    this.charLow = options.wordChars[0];
    this.charHigh = options.wordChars[1];
    this.cache = this.charHigh > 0 ? new TokenCache() : EMPTY_CACHE;
    this.stamps = options.mask < 1 << 18 ? new Uint8Array(options.mask + 1) : null;
  }

  reset(): void {
    if (this.stamps !== null && ++this.generation === 256) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.seen.clear();
    this.charWords.clear();
    this.count = 0;
    this.sum = 0;
  }

  /** Whether `id` is new in this text (and marks it seen). */
  fresh(id: number): boolean {
    const stamps = this.stamps;
    if (stamps === null) return this.seen.add(id) >= 0;
    if (stamps[id] === this.generation) return false;
    stamps[id] = this.generation;
    return true;
  }

  add(id: number): void {
    if (!this.fresh(id)) return;
    this.count++;
    this.sum += this.dense[id];
  }

  cjkRun(codes: Uint16Array, start: number, end: number): void {
    const low = this.options.cjk[0];
    const high = this.options.cjk[1];
    for (let p = start; p < end; p++) {
      let h = FNV_OFFSET;
      for (let n = 1; n <= high && p + n <= end; n++) {
        h = Math.imul(h ^ codes[p + n - 1], FNV_PRIME);
        if (n >= low) this.add(combine(h >>> 0, n) & this.mask);
      }
    }
  }

  /**
   * In-word character n-grams of "<word>" (`WordBuffer.charGrams`), marked inside a negation scope;
   * a word seen before (in any text) is read back from the token cache, same ids in the same order.
   */
  wordChars(
    codes: Uint16Array,
    start: number,
    end: number,
    mark: number,
    token: number,
    buffer: WordBuffer,
  ): void {
    const cache = this.cache;
    if (cache.find(token, mark, codes, start, end)) {
      const ids = cache.ids;
      const weights = cache.weights;
      for (let k = cache.start; k < cache.end; k++) {
        if (!this.fresh(ids[k])) continue;
        this.count++;
        this.sum += weights[k];
      }
      return;
    }
    const count = buffer.charGrams(codes, start, end, this.charLow, this.charHigh, mark, this.mask);
    const grams = buffer.grams;
    const store = cache.hasRoom(end - start, (this.charHigh - this.charLow + 1) * (end - start + 2));
    const idStart = cache.idCount;
    for (let k = 0; k < count; k++) {
      const id = grams[k];
      if (store) cache.push(id, this.dense[id]);
      this.add(id);
    }
    if (store) cache.commit(token, mark, codes, start, end, idStart);
  }

  wordNgrams(words: Uint32Array, breaks: Uint8Array, count: number): void {
    const low = this.options.words[0];
    const high = this.options.words[1];
    for (let p = 0; p < count; p++) {
      let h = 0;
      for (let n = 1; n <= high && p + n <= count; n++) {
        if (breaks[p + n - 1] === 1) break;
        h = n === 1 ? words[p] : combine(h, words[p + n - 1]);
        if (n >= low) this.add(combine(h, 300 + n) & this.mask);
      }
    }
  }

  summaries(valence: number, positives: number, negatives: number): void {
    if (!this.options.lexiconFeatures || positives + negatives === 0) return;
    const bucket = Math.max(-8, Math.min(8, Math.round(valence / 2)));
    this.add(combine(0x4c4558, 1000 + bucket) & this.mask);
    this.add(combine(0x4c4559, 2000 + Math.min(positives, 4)) & this.mask);
    this.add(combine(0x4c455a, 3000 + Math.min(negatives, 4)) & this.mask);
  }

  /** sum x row scale (1, or 1 / sqrt(number of ids) with `normalize: 'l2'`). */
  margin(): number {
    if (this.options.normalize !== 'l2' || this.count === 0) return this.sum;
    return this.sum * (1 / Math.sqrt(this.count));
  }
}

/**
 * The margins of several linear n-gram models (a stack's members) in ONE pass over a text: the
 * text is folded and tokenised once (word hashes, negation scope, AFINN totals shared), and each
 * member adds its own hashed ids straight into its dot product (de-duplicated per member, no id
 * arrays). Every member's margin equals `Featurizer` ids x dense weights to the bit. The members
 * must share `negationScope` (`canShareTokens`).
 */
export class StackedScorer {
  readonly #members: MemberSum[];
  readonly #lexicon: boolean;
  readonly #negationScope: number;
  readonly #buffer = new WordBuffer();
  /** The shared token pass's callbacks: each member's CJK and in-word ids (made once). */
  readonly #sink: TokenSink = {
    cjkRun: (codes, start, end) => {
      const members = this.#members;
      for (let m = 0; m < members.length; m++) members[m].cjkRun(codes, start, end);
    },
    word: (codes, start, end, token, mark) => {
      const members = this.#members;
      for (let m = 0; m < members.length; m++) {
        const member = members[m];
        if (member.charHigh > 0 && member.charWords.add(token | 0) >= 0)
          member.wordChars(codes, start, end, mark, token, this.#buffer);
      }
    },
  };

  constructor(members: ReadonlyArray<{ options: ResolvedTextOptions; dense: Float32Array }>) {
    if (!StackedScorer.canShareTokens(members.map((m) => m.options)))
      throw new InvalidArgumentError({
        argument: 'members',
        message: 'all members must have the same negationScope to share one tokenisation',
        value: members.map((m) => m.options.negationScope),
      });
    this.#members = members.map((m) => new MemberSum(m.options, m.dense));
    this.#lexicon = members.some((m) => m.options.lexiconFeatures);
    this.#negationScope = members[0]?.options.negationScope ?? 0;
  }

  /** Whether one tokenisation serves all these members (same negation scope). */
  static canShareTokens(options: readonly ResolvedTextOptions[]): boolean {
    return options.every((o) => o.negationScope === options[0].negationScope);
  }

  /** bias + the members' margins (added in member order) of one text. */
  score(text: string, bias: number): number {
    const members = this.#members;
    for (let m = 0; m < members.length; m++) members[m].reset();
    const buffer = this.#buffer;
    buffer.tokenize(text, this.#negationScope, this.#lexicon, this.#sink);
    let z = bias;
    for (let m = 0; m < members.length; m++) {
      const member = members[m];
      member.wordNgrams(buffer.words, buffer.breaks, buffer.count);
      member.summaries(buffer.valence, buffer.positives, buffer.negatives);
      z += member.margin();
    }
    return z;
  }
}
