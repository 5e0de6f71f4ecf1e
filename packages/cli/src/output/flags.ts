import { UsageError } from './errors';

/**
 * Every value of a flag that may be repeated (`--map a=b --map c=d`, `--map=a=b`), each also split
 * on commas (`--map a=b,c=d`). citty keeps only the last value of a repeated flag, so commands read
 * these from the raw arguments.
 */
export function repeatedFlag(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i];
    if (arg === '--') break;
    if (arg === `--${name}`) {
      const value = rawArgs[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      values.push(value);
      i++;
    } else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values.flatMap((value) => value.split(',')).filter((value) => value.length > 0);
}

/** `field=column` pairs → a record; `flag` names the option in errors. */
export function parseAssignments(values: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals <= 0) throw new UsageError(`--${flag} expects field=value, got "${value}"`);
    out[value.slice(0, equals).trim()] = value.slice(equals + 1);
  }
  return out;
}

/** A positive integer flag, or a usage error naming it. */
export function integerFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${flag} must be a positive integer, got "${value}"`);
  return number;
}

/** One of the allowed values, or a usage error listing them. */
export function choiceFlag<T extends string>(
  value: string | undefined,
  flag: string,
  choices: readonly T[],
): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}
