import { describe, expect, it } from 'vitest';
import { murmurHash3, murmurHash3Signed } from './murmur-hash3';

describe('murmurHash3 (x86, 32-bit)', () => {
  // Published MurmurHash3_x86_32 test vectors (SMHasher reference implementation; the table widely
  // reproduced, e.g. https://stackoverflow.com/q/14747343). Re-checked with scikit-learn 1.2.1:
  //   /usr/bin/python3 -c "from sklearn.utils import murmurhash3_32 as m; \
  //     print(hex(m(b'Hello, world!', 0x9747b28c, positive=True)))"
  const vectors: [string, number, number][] = [
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0, 0xb3dd93fa],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['Hello, world!', 1234, 0xfaf6cdb3],
  ];

  it.each(vectors)('hash(%j, seed %i) = published value', (input, seed, expected) => {
    expect(murmurHash3(input, seed)).toBe(expected);
  });

  it('hashes raw bytes the same as the UTF-8 string', () => {
    expect(murmurHash3(new TextEncoder().encode('手机壳'), 7)).toBe(murmurHash3('手机壳', 7));
  });

  it('gives the signed form used for feature hashing', () => {
    // 0xd58063c1 has the top bit set: as int32 it is 0xd58063c1 - 2^32.
    expect(murmurHash3Signed('ππππππππ', 0x9747b28c)).toBe(0xd58063c1 - 2 ** 32);
    expect(murmurHash3Signed('a', 0x9747b28c)).toBe(0x7fa09ea6);
  });
});
