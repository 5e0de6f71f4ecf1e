import { byLocale, defineTemplate, type Template } from '@shoppilot/core';
import {
  type CopyChannel,
  type CopyLanguage,
  channelSpecs,
  copyLanguages,
  copyLength,
  smsOptOut,
} from './channels';
import { type PhraseBook, phraseBooks } from './phrase-book';
import type { ProductFacts } from './product-facts';
import { formatDate, formatDiscount, formatPrice } from './slots';

/** The structured input of the `marketing.copy` task (what both templates and LLM prompts are built from). */
export interface CopyTaskInput {
  locale: CopyLanguage;
  channel: CopyChannel;
  facts: ProductFacts & { currency: string; sellingPoints: string[] };
  segment?: string;
  /** Brand voice habits: share of past copies with emoji / exclamation, favourite phrases. */
  voice?: {
    emojiRate: number;
    exclamationRate: number;
    favouritePhrases: string[];
    favouriteEmoji: string[];
  };
  /** Which variant of the brief (0, 1, 2...). */
  variant: number;
  /** 0 for the first draft, then 1, 2... on regeneration. */
  attempt: number;
  /** Reasons the previous draft failed, when regenerating. */
  feedback?: string[];
  maxLength: number;
}

export const COPY_TASK = 'marketing.copy';

/**
 * Candidate lines of a channel, longest first: each a list of parts joined by the language's
 * separator. Parts that need a missing fact are left out.
 */
function candidates(input: CopyTaskInput, book: PhraseBook): string[][] {
  const { facts, locale, channel, segment } = input;
  const price = formatPrice(facts.price, facts.currency, locale);
  const off = facts.discountPercent !== undefined ? formatDiscount(facts.discountPercent, locale) : undefined;
  const was =
    facts.originalPrice !== undefined
      ? book.was(formatPrice(facts.originalPrice, facts.currency, locale))
      : undefined;
  const until = facts.promotionEnds ? book.until(formatDate(facts.promotionEnds, locale)) : undefined;
  const points = facts.sellingPoints;
  const point = points.length ? points[input.variant % points.length] : undefined;
  const cta = book.callToAction[(input.variant + input.attempt) % book.callToAction.length];
  const hook = segment ? book.forSegment(segment) : off ? undefined : book.newArrival;
  const lines: Array<Array<string | undefined>> = {
    'product-title': [
      [facts.name, point, points[1], off],
      [facts.name, point, off],
      [facts.name, point],
      [facts.name],
    ],
    push: [
      [hook, facts.name, off, book.nowOnly(price), until, cta],
      [facts.name, off, book.nowOnly(price), until],
      [facts.name, book.nowOnly(price)],
      [facts.name],
    ],
    sms: [
      [hook, facts.name, off, book.nowOnly(price), until, cta],
      [facts.name, off, book.nowOnly(price), until],
      [facts.name, book.nowOnly(price)],
      [facts.name],
    ],
    'email-subject': [
      [hook, facts.name, off, until],
      [facts.name, off, book.nowOnly(price)],
      [facts.name, point],
      [facts.name],
    ],
    'social-post': [
      [hook, facts.name, point, points[1], off, book.nowOnly(price), was, until, cta],
      [facts.name, point, off, book.nowOnly(price), until, cta],
      [facts.name, book.nowOnly(price)],
      [facts.name],
    ],
    'search-ad': [[facts.name, off], [facts.name, price], [facts.name], [facts.name.slice(0, 10)]],
  }[channel];
  return lines.map((parts) => parts.filter((p): p is string => !!p));
}

/** Renders the first candidate that fits the channel, starting at a variant-dependent candidate. */
function renderCopy(input: CopyTaskInput): { text: string } {
  const book = phraseBooks[input.locale];
  const spec = channelSpecs[input.channel];
  const lines = candidates(input, book);
  const voice = input.voice;
  const decorate = (core: string): string => {
    let text = core;
    if (spec.exclamation && voice && voice.exclamationRate >= 0.3) text += book.exclamation;
    if (spec.emoji && voice && voice.emojiRate >= 0.3) text = `${voice.favouriteEmoji[0] ?? '✨'} ${text}`;
    if (input.channel === 'sms') text = `${text} ${smsOptOut[input.locale]}`;
    return text;
  };
  const start = Math.min(input.variant + input.attempt, Math.max(0, lines.length - 2)) % lines.length;
  const order = [...lines.slice(start), ...lines.slice(0, start)];
  for (const parts of order) {
    const text = decorate(parts.join(book.separator));
    if (copyLength(text) <= input.maxLength) return { text };
  }
  const shortest = decorate(lines[lines.length - 1].join(book.separator));
  return { text: [...shortest].slice(0, input.maxLength).join('') };
}

const perLanguage: Record<string, Template<CopyTaskInput>> = Object.fromEntries(
  copyLanguages.map((language) => [
    language,
    defineTemplate<CopyTaskInput>((input) => renderCopy({ ...input, locale: language })),
  ]),
);

/**
 * Built-in offline templates for every channel x language, registered under the task
 * `marketing.copy` (add them to a `TemplateLanguageModel` with `withTemplates(copyTemplates)`).
 * Deterministic; numbers come from the facts; the longest candidate that fits the channel's
 * limit is used; brand-voice habits (emoji, exclamation) are applied where the format allows.
 */
export const copyTemplates = { [COPY_TASK]: byLocale(perLanguage, { fallback: 'en' }) };
