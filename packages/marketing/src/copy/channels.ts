/** Channels copy is written for. */
export const copyChannels = [
  'product-title',
  'push',
  'sms',
  'email-subject',
  'social-post',
  'search-ad',
] as const;
export type CopyChannel = (typeof copyChannels)[number];

/** Languages with built-in templates. */
export const copyLanguages = ['zh', 'en', 'ja', 'ko', 'es', 'fr', 'de'] as const;
export type CopyLanguage = (typeof copyLanguages)[number];

export interface ChannelSpec {
  /** Maximum length in characters (code points) for Latin-script languages. */
  latinMaxLength: number;
  /** Maximum length in characters for Chinese, Japanese and Korean. */
  cjkMaxLength: number;
  /** Whether emoji are acceptable in this format. */
  emoji: boolean;
  /** Whether '!' is acceptable (search ads disallow it in headlines). */
  exclamation: boolean;
  /** Where the limit comes from. */
  source: string;
}

/**
 * Channel formats and length limits (plain data, override per platform with `channelOverrides`).
 * Limits follow common platform rules: Taobao/Tmall titles 30 Chinese characters; an SMS segment is
 * 160 GSM-7 or 70 UCS-2 characters; a Google Ads headline 30 characters (CJK count double, so 15);
 * iOS lock-screen pushes show ~110 characters; email subjects are cut at ~60 on desktop clients;
 * X posts 280 characters, Weibo's classic limit 140.
 */
export const channelSpecs: Record<CopyChannel, ChannelSpec> = {
  'product-title': {
    latinMaxLength: 80,
    cjkMaxLength: 30,
    emoji: false,
    exclamation: false,
    source: 'marketplace title rules (Taobao 30 characters)',
  },
  push: {
    latinMaxLength: 110,
    cjkMaxLength: 40,
    emoji: true,
    exclamation: true,
    source: 'iOS/Android lock-screen preview',
  },
  sms: {
    latinMaxLength: 160,
    cjkMaxLength: 70,
    emoji: false,
    exclamation: true,
    source: 'one SMS segment (GSM-7 160 / UCS-2 70), opt-out included',
  },
  'email-subject': {
    latinMaxLength: 60,
    cjkMaxLength: 30,
    emoji: true,
    exclamation: true,
    source: 'desktop inbox subject truncation',
  },
  'social-post': {
    latinMaxLength: 280,
    cjkMaxLength: 140,
    emoji: true,
    exclamation: true,
    source: 'X 280 / Weibo 140',
  },
  'search-ad': {
    latinMaxLength: 30,
    cjkMaxLength: 15,
    emoji: false,
    exclamation: false,
    source: 'Google Ads headline (30, double-width counts 2)',
  },
};

/** SMS opt-out wording required for marketing messages, per language. */
export const smsOptOut: Record<CopyLanguage, string> = {
  zh: '回T退订',
  en: 'Reply STOP to opt out',
  ja: '配信停止はSTOP',
  ko: '수신거부 STOP',
  es: 'Baja: STOP',
  fr: 'STOP au 36180',
  de: 'Abmelden: STOP',
};

export function isCjk(language: string): boolean {
  return language === 'zh' || language === 'ja' || language === 'ko';
}

/** The limit of a channel in a language. */
export function channelMaxLength(
  channel: CopyChannel,
  language: string,
  overrides?: Partial<Record<CopyChannel, Partial<ChannelSpec>>>,
): number {
  const spec = { ...channelSpecs[channel], ...overrides?.[channel] };
  return isCjk(language) ? spec.cjkMaxLength : spec.latinMaxLength;
}

/** Length in characters (Unicode code points, so an emoji counts once). */
export function copyLength(text: string): number {
  return [...text].length;
}
