import { InvalidArgumentError } from '@shoppilot/core';
import { combine, FNV_OFFSET, FNV_PRIME, foldCode, hashCodes, isCjk, isWordChar } from './char-codes';
import { isNegation, NOT_MARK, VALENCE_BY_HASH, WORD_SEED } from './featurizer';
import { IdSet } from './small-hash';
import type { ResolvedTextOptions } from './text-features';
import { TokenCache } from './token-cache';

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
   * In-word character n-grams of "<word>" (see `Featurizer`), marked inside a negation scope; a
   * word seen before (in any text) is read back from the token cache, same ids in the same order.
   */
  wordChars(codes: Uint16Array, start: number, end: number, mark: number, token: number): void {
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
    const low = this.charLow;
    const high = this.charHigh;
    const mask = this.mask;
    const total = end - start + 2;
    const store = cache.hasRoom(end - start, (high - low + 1) * total);
    const idStart = cache.idCount;
    for (let p = 0; p < total; p++) {
      let h = FNV_OFFSET ^ 0x57;
      for (let n = 1; n <= high && p + n <= total; n++) {
        const k = p + n - 1;
        h = Math.imul(h ^ (k === 0 ? 60 : k === total - 1 ? 62 : codes[start + k - 1]), FNV_PRIME);
        if (n < low) continue;
        const gram = mark === 0 ? h >>> 0 : combine(h >>> 0, mark);
        const id = combine(gram, 200 + n) & mask;
        if (store) cache.push(id, this.dense[id]);
        this.add(id);
      }
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
  #codes = new Uint16Array(1024);
  #words = new Uint32Array(256);
  #breaks = new Uint8Array(256);
  #wordCount = 0;
  #valence = 0;
  #positives = 0;
  #negatives = 0;

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
    this.#wordCount = 0;
    const codes = this.#fold(text);
    this.#tokens(codes, text.length);
    let z = bias;
    for (let m = 0; m < members.length; m++) {
      const member = members[m];
      member.wordNgrams(this.#words, this.#breaks, this.#wordCount);
      member.summaries(this.#valence, this.#positives, this.#negatives);
      z += member.margin();
    }
    return z;
  }

  #fold(text: string): Uint16Array {
    if (text.length > this.#codes.length)
      this.#codes = new Uint16Array(Math.max(text.length, 2 * this.#codes.length));
    const codes = this.#codes;
    for (let i = 0; i < text.length; i++) codes[i] = foldCode(text.charCodeAt(i));
    return codes;
  }

  /** The shared token pass: word hashes and breaks, members' CJK and in-word ids, AFINN totals. */
  #tokens(codes: Uint16Array, length: number): void {
    const members = this.#members;
    let valence = 0;
    let positives = 0;
    let negatives = 0;
    let negated = 0;
    let i = 0;
    while (i < length) {
      const code = codes[i];
      let j = i + 1;
      if (isCjk(code)) {
        while (j < length && isCjk(codes[j])) j++;
        for (let m = 0; m < members.length; m++) members[m].cjkRun(codes, i, j);
        this.#pushBreak();
        negated = 0;
      } else if (isWordChar(code)) {
        while (j < length && isWordChar(codes[j])) j++;
        const hash = hashCodes(codes, i, j, WORD_SEED);
        const inScope = negated > 0;
        const token = inScope ? combine(hash, NOT_MARK) : hash;
        this.#pushWord(token);
        if (this.#lexicon) {
          const v = VALENCE_BY_HASH.get(hash);
          if (!Number.isNaN(v)) {
            const value = inScope ? -v : v;
            valence += value;
            if (value > 0) positives++;
            else if (value < 0) negatives++;
          }
        }
        for (let m = 0; m < members.length; m++) {
          const member = members[m];
          if (member.charHigh > 0 && member.charWords.add(token | 0) >= 0)
            member.wordChars(codes, i, j, inScope ? NOT_MARK : 0, token);
        }
        negated = inScope ? negated - 1 : 0;
        if (this.#negationScope > 0 && isNegation(codes, i, j, hash)) negated = this.#negationScope;
      } else if (code > 32) {
        this.#pushBreak();
        negated = 0;
      }
      i = j;
    }
    this.#valence = valence;
    this.#positives = positives;
    this.#negatives = negatives;
  }

  #pushWord(hash: number): void {
    if (this.#wordCount === this.#words.length) {
      const words = new Uint32Array(this.#words.length * 2);
      words.set(this.#words);
      this.#words = words;
      const breaks = new Uint8Array(words.length);
      breaks.set(this.#breaks);
      this.#breaks = breaks;
    }
    this.#words[this.#wordCount] = hash;
    this.#breaks[this.#wordCount++] = 0;
  }

  #pushBreak(): void {
    if (this.#wordCount > 0 && this.#breaks[this.#wordCount - 1] === 1) return;
    this.#pushWord(0);
    this.#breaks[this.#wordCount - 1] = 1;
  }
}
