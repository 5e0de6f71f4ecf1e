/**
 * Character n-grams inside word boundaries, exactly as scikit-learn's `analyzer='char_wb'`:
 * the text is split on whitespace, each word is padded with one space on each side, and every
 * window of `minN..maxN` code points is emitted (a word shorter than `n` once, whole). Works on
 * code points, so CJK text and emoji are handled character by character; a run of Chinese text
 * without spaces is one "word" whose n-grams are the overlapping characters and pairs.
 */
export function charWbNgrams(text: string, minN = 1, maxN = 3): string[] {
  const ngrams: string[] = [];
  for (const word of text.split(/\s+/u)) {
    if (word.length === 0) continue;
    const chars = Array.from(` ${word} `);
    for (let n = minN; n <= maxN; n++) {
      let offset = 0;
      ngrams.push(chars.slice(offset, offset + n).join(''));
      while (offset + n < chars.length) {
        offset++;
        ngrams.push(chars.slice(offset, offset + n).join(''));
      }
      if (offset === 0) break;
    }
  }
  return ngrams;
}

/**
 * The default text clean-up before hashing: Unicode NFKC (full-width forms to ASCII, compatibility
 * characters folded), lower case, and punctuation and symbols turned into spaces so that `手机壳，`
 * and `手机壳` share their n-grams.
 */
export function defaultPreprocess(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ');
}

const encoder = new TextEncoder();

/**
 * Visits the same n-grams as `charWbNgrams`, in the same order, as views into one UTF-8 buffer
 * per word (no string per n-gram). `isPadding` is true for the one-character n-grams that are a
 * word's padding space.
 */
export function forEachCharWbNgramBytes(
  text: string,
  minN: number,
  maxN: number,
  visit: (bytes: Uint8Array, isPadding: boolean) => void,
): void {
  for (const word of text.split(/\s+/u)) {
    if (word.length === 0) continue;
    const padded = ` ${word} `;
    const bytes = encoder.encode(padded);
    const offsets = [0];
    for (const char of padded)
      offsets.push(offsets[offsets.length - 1] + utf8Length(char.codePointAt(0) ?? 0));
    const length = offsets.length - 1;
    for (let n = minN; n <= maxN; n++) {
      const windows = Math.max(1, length - n + 1);
      for (let start = 0; start < windows; start++) {
        const end = Math.min(start + n, length);
        visit(bytes.subarray(offsets[start], offsets[end]), n === 1 && (start === 0 || start === length - 1));
      }
      if (windows === 1) break;
    }
  }
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
