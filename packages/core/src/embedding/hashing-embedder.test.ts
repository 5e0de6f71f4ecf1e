import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { expectDeepClose } from '../testing/expect-deep-close';
import { charWbNgrams, forEachCharWbNgramBytes } from './char-ngrams';
import { HashingEmbedder, hashBucket } from './hashing-embedder';
import { murmurHash3Signed } from './murmur-hash3';
import { cosineSimilarity } from './text-embedder';

function sparse(vector: Float32Array): Record<number, number> {
  const out: Record<number, number> = {};
  vector.forEach((value, index) => {
    if (value !== 0) out[index] = value;
  });
  return out;
}

function dense(entries: Record<number, number>, dimensions: number): Float64Array {
  const out = new Float64Array(dimensions);
  for (const [index, value] of Object.entries(entries)) out[Number(index)] = value;
  return out;
}

describe('charWbNgrams', () => {
  it('pads each word with spaces like scikit-learn char_wb', () => {
    expect(charWbNgrams('a', 1, 3)).toEqual([' ', 'a', ' ', ' a', 'a ', ' a ']);
    expect(charWbNgrams('  ab\tc ', 2, 2)).toEqual([' a', 'ab', 'b ', ' c', 'c ']);
  });

  it('forEachCharWbNgramBytes visits the same n-grams as UTF-8 views', () => {
    const decoder = new TextDecoder();
    for (const text of ['a', 'ab cd', '手机壳 iphone😀 x', '  多  空格  ']) {
      for (const [minN, maxN] of [
        [1, 3],
        [2, 4],
        [1, 1],
      ]) {
        const seen: string[] = [];
        const padding: boolean[] = [];
        forEachCharWbNgramBytes(text, minN, maxN, (bytes, isPadding) => {
          seen.push(decoder.decode(bytes));
          padding.push(isPadding);
        });
        const expected = charWbNgrams(text, minN, maxN);
        expect(seen).toEqual(expected);
        // exactly the one-character padding spaces are flagged
        expect(padding.filter(Boolean).length).toBe(expected.filter((g) => g === ' ').length);
      }
    }
  });

  it('works on code points (CJK and astral characters)', () => {
    expect(charWbNgrams('手机', 2, 2)).toEqual([' 手', '手机', '机 ']);
    expect(charWbNgrams('😀', 1, 1)).toEqual([' ', '😀', ' ']);
  });
});

const sklearnMode = { preprocess: 'none', spaceUnigram: 'keep', weighting: 'count' } as const;

describe('HashingEmbedder', () => {
  it('gives the hand-computed vector for "a" in 8 dimensions (scikit-learn mode)', () => {
    // n-grams of " a ": ' ' (twice), 'a', ' a', 'a ', ' a '. Signed MurmurHash3 (seed 0) of each:
    //   ' '  ->  2129959832 -> bucket 2129959832 % 8 = 0, sign +  (twice: +2)
    //   'a'  ->  1009084850 -> bucket 2, +1
    //   ' a' ->  -330013505 -> bucket 1, -1
    //   'a ' ->  1099786039 -> bucket 7, +1
    //   ' a '->  -353608632 -> bucket 0, -1
    // counts [1, -1, 1, 0, 0, 0, 0, 1], norm 2 -> [0.5, -0.5, 0.5, 0, 0, 0, 0, 0.5]
    expect(murmurHash3Signed(' ', 0)).toBe(2129959832);
    expect(murmurHash3Signed(' a ', 0)).toBe(-353608632);
    const vector = new HashingEmbedder({ dimensions: 8, ...sklearnMode }).embedOne('a');
    expect(Array.from(vector)).toEqual([0.5, -0.5, 0.5, 0, 0, 0, 0, 0.5]);
  });

  it('gives the hand-computed vector for "a a b" with the defaults (space dropped, sublinear)', () => {
    // words "a", "a", "b"; the ' ' unigrams are dropped. Buckets (mod 8) of the signed hashes:
    //   'a' +2 (bucket 2), ' a' -2 (1), 'a ' +2 (7), ' a ' -2 (0)  — from the table above, twice
    //   ' b', 'b', 'b ', ' b ' -> the signed hashes below (scikit-learn murmurhash3_32, seed 0)
    const b = [' b', 'b', 'b ', ' b '].map((g) => murmurHash3Signed(g, 0));
    expect(b).toEqual([-547686008, -1780580861, 973265574, -1220886235]);
    // buckets |h| % 8: ' b' 0 (-1), 'b' 5 (-1), 'b ' 6 (+1), ' b ' 3 (-1); bucket 0 totals -2 - 1 = -3
    const counts = [-3, -2, 2, -1, 0, -1, 1, 2];
    const damped = counts.map((c) => Math.sign(c) * Math.log1p(Math.abs(c)));
    const norm = Math.hypot(...damped);
    const vector = new HashingEmbedder({ dimensions: 8 }).embedOne('a a b');
    expectDeepClose(
      Array.from(vector),
      damped.map((v) => v / norm),
      1e-7,
    );
  });

  // Reference vectors from scikit-learn 1.2.1 (Debian python3-sklearn):
  //   /usr/bin/python3 -c "from sklearn.feature_extraction.text import HashingVectorizer as H
  //   v = H(analyzer='char_wb', ngram_range=(1,3), n_features=N, alternate_sign=True, norm='l2',
  //         lowercase=False).transform([TEXT]); v.sort_indices(); print(dict(zip(v.indices, v.data)))"
  const c = 0.208514414057;
  const reference: [string, number, Record<number, number>][] = [
    [
      '纯棉红色衬衫',
      512,
      {
        36: -c,
        47: -c,
        79: c,
        85: -c,
        106: -c,
        113: c,
        118: c,
        137: c,
        230: c,
        270: -c,
        322: c,
        352: -c,
        385: c,
        398: c,
        408: 2 * c,
        425: -c,
        437: -c,
        438: -c,
        441: -c,
        456: -c,
      },
    ],
    [
      'iphone 15 手机壳',
      64,
      {
        1: 0.113227703414,
        2: 0.113227703414,
        3: -0.113227703414,
        4: -0.113227703414,
        7: -0.113227703414,
        9: 0.113227703414,
        13: 0.113227703414,
        21: -0.226455406829,
        24: 0.679366220487,
        27: 0.113227703414,
        29: 0.113227703414,
        30: -0.113227703414,
        34: 0.113227703414,
        36: 0.113227703414,
        38: -0.113227703414,
        39: 0.113227703414,
        42: -0.113227703414,
        45: -0.339683110243,
        47: 0.113227703414,
        48: -0.113227703414,
        51: 0.113227703414,
        52: -0.226455406829,
        53: -0.113227703414,
        54: 0.113227703414,
        55: -0.226455406829,
        56: -0.113227703414,
      },
    ],
  ];

  it.each(reference)('matches scikit-learn HashingVectorizer for %j (%i dims)', (text, dims, expected) => {
    const vector = new HashingEmbedder({ dimensions: dims, ...sklearnMode }).embedOne(text);
    expectDeepClose(Array.from(vector), Array.from(dense(expected, dims)), 1e-7);
  });

  it('matches scikit-learn on an English phrase (non-zero pattern and largest weight)', () => {
    const vector = new HashingEmbedder(sklearnMode).embedOne('red cotton shirt');
    const entries = sparse(vector);
    expect(Object.keys(entries).length).toBe(39);
    // sklearn: index 408 = 0.597022314126 (the space unigram, 6 times), 115 = 0.298511157063
    expect(entries[408]).toBeCloseTo(0.597022314126, 6);
    expect(entries[115]).toBeCloseTo(0.298511157063, 6);
    expect(entries[179]).toBeCloseTo(-0.298511157063, 6);
    expect(entries[41]).toBeCloseTo(-0.199007438042, 6);
  });

  it('is L2-normalised, deterministic and gives zeros for empty text', () => {
    const embedder = new HashingEmbedder();
    const [a, b] = embedder.embedSync(['高品质纯棉T恤 men’s shirt', '高品质纯棉T恤 men’s shirt']);
    expect(a.length).toBe(512);
    expect(a.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 6);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(embedder.embedOne('  ,。!  ')).every((v) => v === 0)).toBe(true);
  });

  it('identical text has cosine 1; similar Chinese phrases are closer than unrelated ones', async () => {
    const embedder = new HashingEmbedder();
    const [phone1, phone2, weather, same] = await embedder.embed([
      '这款手机壳质量很好',
      '这个手机壳质量不错',
      '今天天气晴朗适合出门',
      '这款手机壳质量很好',
    ]);
    expect(cosineSimilarity(phone1, same)).toBeCloseTo(1, 6);
    expect(cosineSimilarity(phone1, phone2)).toBeGreaterThan(cosineSimilarity(phone1, weather) + 0.3);
    const [shirt, shirts, laptop] = embedder.embedSync([
      'red cotton shirt',
      'Red cotton shirts!',
      'gaming laptop',
    ]);
    expect(cosineSimilarity(shirt, shirts)).toBeGreaterThan(cosineSimilarity(shirt, laptop) + 0.3);
  });

  it('default preprocessing folds full-width forms, case and punctuation', () => {
    const embedder = new HashingEmbedder();
    const a = embedder.embedOne('ＩＰＨＯＮＥ　手机壳，');
    const b = embedder.embedOne('iphone 手机壳');
    expect(cosineSimilarity(a, b)).toBeCloseTo(1, 6);
  });

  it('hashBucket maps -2^31 like scikit-learn', () => {
    expect(hashBucket(-2147483648, 512)).toBe((2147483647 - 511) % 512);
    expect(hashBucket(-5, 4)).toBe(1);
  });

  it('rejects bad options and inputs with typed errors', () => {
    expect(() => new HashingEmbedder({ dimensions: 0 })).toThrow(InvalidArgumentError);
    expect(() => new HashingEmbedder({ minN: 3, maxN: 2 })).toThrow(/maxN/);
    expect(() => new HashingEmbedder().embedSync([1 as unknown as string])).toThrow(/texts\[0\]/);
  });

  it('honours an aborted signal', async () => {
    await expect(new HashingEmbedder().embed(['x'], { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('cosineSimilarity checks dimensions', () => {
    expect(() => cosineSimilarity([1, 2], [1])).toThrow(/Dimension mismatch/);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
  });
});
