/**
 * Character classes and case folding on UTF-16 code units, without building strings: the
 * featurizer folds every code once into a reusable buffer and hashes n-grams from it.
 */

/** Folded code of every unit in [0, 0x250): lower case (A-Z, Latin-1 and Latin Extended letters). */
const LOWER = (() => {
  const table = new Uint16Array(0x250);
  for (let c = 0; c < table.length; c++) {
    const lower = String.fromCharCode(c).toLowerCase();
    table[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  return table;
})();

/**
 * The folded form of one code unit: lower case for Latin letters, full-width ASCII forms
 * (U+FF01-FF5E) to ASCII, the ideographic space to a space, and typographic apostrophes
 * (U+2018, U+2019, U+02BC) to `'` so that "don’t" and "don't" are the same word.
 */
export function foldCode(code: number): number {
  if (code < 0x250) return LOWER[code];
  if (code >= 0xff01 && code <= 0xff5e) return LOWER[code - 0xfee0];
  if (code === 0x3000) return 32;
  if (code === 0x2019 || code === 0x2018 || code === 0x2bc) return 39;
  return code;
}

/** CJK unified ideographs (and extension A) and Japanese kana. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3040 && code <= 0x30ff)
  );
}

/** Letters of Latin-script words after folding: a-z, digits, the apostrophe and Latin-1/Extended letters. */
export function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 39 ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  );
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over codes[start, end) with a seed mixed into the offset basis. */
export function hashCodes(codes: Uint16Array, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ codes[i], FNV_PRIME);
  return h >>> 0;
}

/** Mixes two 32-bit hashes (order-sensitive). */
export function combine(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), FNV_PRIME) >>> 0;
}

/** FNV-1a of a string folded with `foldCode` (equals `hashCodes` over the folded codes). */
export function hashFolded(text: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ foldCode(text.charCodeAt(i)), FNV_PRIME);
  return h >>> 0;
}
