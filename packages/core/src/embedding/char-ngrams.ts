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
