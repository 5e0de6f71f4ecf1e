import { chinaAdLawAbsoluteTerms } from './ad-law-terms';
import {
  type ChannelSpec,
  type CopyChannel,
  channelMaxLength,
  channelSpecs,
  copyLength,
  smsOptOut,
} from './channels';

export interface ComplianceOptions {
  /** Terms banned by law (default: China's Advertising Law absolute terms). */
  bannedTerms?: readonly string[];
  /** The merchant's own banned words. */
  merchantBannedWords?: readonly string[];
  /** Per-channel overrides of the format rules and limits. */
  channelOverrides?: Partial<Record<CopyChannel, Partial<ChannelSpec>>>;
}

export interface CopyCheck {
  name: 'facts' | 'compliance' | 'length' | 'format';
  passed: boolean;
  violations: string[];
}

const EMOJI = /\p{Extended_Pictographic}/u;

/** Banned terms (law and merchant), case-insensitively. */
export function checkCompliance(text: string, options: ComplianceOptions = {}): CopyCheck {
  const lower = text.toLowerCase();
  const violations: string[] = [];
  for (const term of options.bannedTerms ?? chinaAdLawAbsoluteTerms) {
    if (lower.includes(term.toLowerCase()))
      violations.push(`contains the banned absolute term "${term}" (Advertising Law art. 9)`);
  }
  for (const word of options.merchantBannedWords ?? []) {
    if (word && lower.includes(word.toLowerCase()))
      violations.push(`contains the merchant's banned word "${word}"`);
  }
  return { name: 'compliance', passed: violations.length === 0, violations };
}

/** The platform length limit of the channel in the language. */
export function checkLength(
  text: string,
  channel: CopyChannel,
  language: string,
  options: ComplianceOptions = {},
): CopyCheck {
  const limit = channelMaxLength(channel, language, options.channelOverrides);
  const length = copyLength(text);
  const violations = length > limit ? [`${length} characters, over the ${channel} limit of ${limit}`] : [];
  return { name: 'length', passed: violations.length === 0, violations };
}

/** Channel format: emoji and '!' where the format forbids them, the SMS opt-out, no unfilled slots. */
export function checkFormat(
  text: string,
  channel: CopyChannel,
  language: string,
  options: ComplianceOptions = {},
): CopyCheck {
  const spec = { ...channelSpecs[channel], ...options.channelOverrides?.[channel] };
  const violations: string[] = [];
  if (!spec.emoji && EMOJI.test(text)) violations.push(`emoji are not allowed in ${channel}`);
  if (!spec.exclamation && /[!！]/.test(text)) violations.push(`"!" is not allowed in ${channel}`);
  const optOut = smsOptOut[language as keyof typeof smsOptOut];
  if (channel === 'sms' && optOut && !text.includes(optOut))
    violations.push(`SMS must include the opt-out "${optOut}"`);
  const slot = /\{[a-zA-Z]+\}/.exec(text);
  if (slot) violations.push(`unfilled slot ${slot[0]}`);
  if (!text.trim()) violations.push('empty copy');
  return { name: 'format', passed: violations.length === 0, violations };
}
