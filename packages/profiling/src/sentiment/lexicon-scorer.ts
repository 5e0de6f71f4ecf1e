import { CHINESE_LEXICON, ENGLISH_LEXICON, type SentimentLexicon } from './lexicons';
import { normalizeText } from './text-features';

export interface LexiconHit {
  token: string;
  /** Valence after negation and boosters. */
  value: number;
}

export interface LexiconScore {
  /** Sum of the hits' values. */
  score: number;
  /** score / sqrt(score^2 + 15), in (-1, 1) (VADER's normalisation). */
  compound: number;
  /** 1 when score > 0, 0 when < 0, `neutralLabel` (default 1) when 0. */
  label: number;
  hits: LexiconHit[];
}

const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]+(?:'[a-z]+)?|[!?.,;:！？。，；]/gu;
const PUNCTUATION = /^[!?.,;:！？。，；]$/;

interface Compiled {
  lexicon: SentimentLexicon;
  negations: Set<string>;
  maxCjkWord: number;
}

function compile(lexicon: SentimentLexicon): Compiled {
  const words = [...Object.keys(lexicon.words), ...lexicon.negations, ...Object.keys(lexicon.boosters)];
  const maxCjkWord = Math.max(1, ...words.filter((w) => /[\u4e00-\u9fff]/.test(w)).map((w) => w.length));
  return { lexicon, negations: new Set(lexicon.negations), maxCjkWord };
}

/** Forward maximum matching of a CJK run against the lexicon's entries; unknown characters stay single. */
function segmentCjk(run: string, compiled: Compiled): string[] {
  const { lexicon } = compiled;
  const known = (w: string) => w in lexicon.words || compiled.negations.has(w) || w in lexicon.boosters;
  const tokens: string[] = [];
  let i = 0;
  while (i < run.length) {
    let length = Math.min(compiled.maxCjkWord, run.length - i);
    while (length > 1 && !known(run.slice(i, i + length))) length--;
    tokens.push(run.slice(i, i + length));
    i += length;
  }
  return tokens;
}

function tokenize(text: string, compiled: Compiled): string[] {
  const tokens: string[] = [];
  for (const match of normalizeText(text).matchAll(TOKEN)) {
    const token = match[0];
    if (/[\u3400-\u9fff]/.test(token)) tokens.push(...segmentCjk(token, compiled));
    else tokens.push(token);
  }
  return tokens;
}

/**
 * Untrained lexicon scorer: sums word valences; a negation word flips the sign of the next
 * sentiment word within its window (punctuation ends it); a degree word multiplies the next one.
 * English and Chinese lexicons are merged by default, so mixed text works.
 */
export class LexiconScorer {
  readonly #compiled: Compiled;
  readonly #neutralLabel: number;

  constructor(options: { lexicons?: readonly SentimentLexicon[]; neutralLabel?: 0 | 1 } = {}) {
    this.#compiled = compile(mergeLexicons(options.lexicons ?? [ENGLISH_LEXICON, CHINESE_LEXICON]));
    this.#neutralLabel = options.neutralLabel ?? 1;
  }

  score(text: string): LexiconScore {
    const { lexicon, negations } = this.#compiled;
    const window = lexicon.negationWindow ?? 3;
    let negation = 0;
    let boost = 1;
    let score = 0;
    const hits: LexiconHit[] = [];
    for (const token of tokenize(text, this.#compiled)) {
      if (PUNCTUATION.test(token)) {
        negation = 0;
        boost = 1;
      } else if (negations.has(token) || token.endsWith("n't")) {
        negation = window;
      } else if (token in lexicon.boosters) {
        boost *= lexicon.boosters[token];
      } else if (token in lexicon.words) {
        const value = lexicon.words[token] * boost * (negation > 0 ? -1 : 1);
        hits.push({ token, value });
        score += value;
        negation = 0;
        boost = 1;
      } else if (negation > 0) {
        negation--;
      }
    }
    const label = score > 0 ? 1 : score < 0 ? 0 : this.#neutralLabel;
    return { score, compound: score / Math.sqrt(score * score + 15), label, hits };
  }

  /** Labels of many texts. */
  predict(texts: readonly string[]): number[] {
    return texts.map((text) => this.score(text).label);
  }
}

/** Later lexicons override earlier ones for the same word. */
export function mergeLexicons(lexicons: readonly SentimentLexicon[]): SentimentLexicon {
  return {
    words: Object.assign({}, ...lexicons.map((l) => l.words)),
    negations: lexicons.flatMap((l) => l.negations),
    boosters: Object.assign({}, ...lexicons.map((l) => l.boosters)),
    negationWindow: Math.max(...lexicons.map((l) => l.negationWindow ?? 3)),
  };
}
