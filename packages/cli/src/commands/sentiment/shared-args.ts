import { CHINESE_LEXICON, ENGLISH_LEXICON, LexiconScorer, type SentimentLexicon } from '@shoppilot/profiling';
import { choiceFlag } from '../../output/index';

export const LANGUAGES = ['zh', 'en', 'auto'] as const;

export const textArgs = {
  text: { type: 'string' as const, description: 'Column with the review text', default: 'text' },
  label: { type: 'string' as const, description: 'Column with the 0/1 label', default: 'label' },
  positive: {
    type: 'string' as const,
    description: 'Label value that means positive (others are negative), e.g. great',
  },
  lang: {
    type: 'string' as const,
    description: 'zh, en or auto: the lexicon of --method lexicon (the n-gram model handles both)',
    default: 'auto',
  },
};

/** The lexicon scorer for a language choice. */
export function lexiconFor(value: string | undefined): LexiconScorer {
  const lang = choiceFlag(value, 'lang', LANGUAGES);
  const lexicons: SentimentLexicon[] =
    lang === 'zh'
      ? [CHINESE_LEXICON]
      : lang === 'en'
        ? [ENGLISH_LEXICON]
        : [ENGLISH_LEXICON, CHINESE_LEXICON];
  return new LexiconScorer({ lexicons });
}
