export type ParseJsonTextResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Parses a model's answer as JSON. Accepts the bare JSON, JSON inside a Markdown code fence, or
 * the first balanced `{…}` / `[…]` block of a chatty answer ("Sure! Here it is: {...}").
 */
export function parseJsonText(text: string): ParseJsonTextResult {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced) candidates.push(fenced[1].trim());
  const block = firstBalancedBlock(text);
  if (block) candidates.push(block);
  let firstError = '';
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (error) {
      firstError ||= error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, message: `not valid JSON (${firstError})` };
}

function firstBalancedBlock(text: string): string | undefined {
  const start = text.search(/[{[]/);
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}
