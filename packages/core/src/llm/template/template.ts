import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type { Rng } from '../../random/rng';
import type { GenerateRequest, JsonSchema } from '../language-model';

/** What a template returns: text, or a JSON-serialisable value (sent as `JSON.stringify(value)`). */
export type TemplateOutput = string | number | boolean | null | object;

/** Help a template gets for choosing among variants deterministically. */
export interface TemplateContext {
  /**
   * Seed of this request: `request.seed` when given, otherwise a MurmurHash3 of the task, system,
   * messages, prompt and response format. Same request, same seed.
   */
  seed: number;
  /** A generator seeded with `seed` (see `createRng`). */
  rng: Rng;
  /** One element of `items`, chosen by `rng`. */
  pick<T>(items: readonly T[]): T;
  /** The requested JSON schema, when the request asks for JSON. */
  schema?: JsonSchema;
}

/**
 * A template: turns a task's structured input into the answer. Must be deterministic given its
 * arguments (use `context.rng`/`context.pick` for variety, never `Math.random`).
 */
export type Template<I = unknown> = (
  input: I,
  request: GenerateRequest,
  context: TemplateContext,
) => TemplateOutput | Promise<TemplateOutput>;

/** A template of any input type (what a registry holds). */
// biome-ignore lint/suspicious/noExplicitAny: templates of different input types share one registry.
export type AnyTemplate = Template<any>;

/** Types a template's input without a cast: `defineTemplate<CopyInput>((input) => …)`. */
export function defineTemplate<I>(template: Template<I>): Template<I> {
  return template;
}

export interface ByLocaleOptions {
  /** Locale used when the input's locale has no template. Default `en`. */
  fallback?: string;
  /** Input field holding the locale (BCP 47 tag, e.g. `zh-CN`, `en`, `ja`). Default `locale`. */
  field?: string;
}

/**
 * One template per locale under one task name. Picks `templates[locale]` for the input's locale
 * (`input.locale` by default): exact tag first (`zh-TW`), then the language (`zh`), then
 * `options.fallback` (`en`). When none of these exists the call throws `InvalidArgumentError`
 * naming the locales that have templates.
 *
 * ```ts
 * templates: { 'copy.generate': byLocale({ zh: zhCopy, en: enCopy, ja: jaCopy }) }
 * ```
 */
export function byLocale<I>(
  templates: Record<string, Template<I>>,
  options: ByLocaleOptions = {},
): Template<I> {
  const fallback = options.fallback ?? 'en';
  const field = options.field ?? 'locale';
  const table = new Map(Object.entries(templates).map(([tag, template]) => [tag.toLowerCase(), template]));
  return (input, request, context) => {
    const raw = input && typeof input === 'object' ? (input as Record<string, unknown>)[field] : undefined;
    const tag = typeof raw === 'string' ? raw.toLowerCase().replace(/_/g, '-') : '';
    const template = table.get(tag) ?? table.get(tag.split('-')[0]) ?? table.get(fallback.toLowerCase());
    if (!template) {
      throw new InvalidArgumentError({
        argument: `input.${field}`,
        message: `no template for locale "${tag}" nor the fallback "${fallback}"; have: ${[...table.keys()].join(', ')}`,
        value: raw,
      });
    }
    return template(input, request, context);
  };
}
