import { AdapterError } from '../../errors/adapter-error';
import type { ApiKeySource } from './connection-options';

/**
 * Reads the API key at call time: the option (value or function), else the environment variable.
 * Surrounding whitespace (a newline from a key file) is trimmed; a key with characters an HTTP
 * header cannot carry fails with reason `auth` (without quoting it).
 */
export async function resolveApiKey(
  apiKey: ApiKeySource | undefined,
  apiKeyEnv: string | undefined,
  adapter: string,
): Promise<string | undefined> {
  const key = (await readKey(apiKey, apiKeyEnv, adapter))?.trim();
  if (key && !/^[\x21-\x7e]+$/.test(key)) {
    throw new AdapterError({
      adapter,
      reason: 'auth',
      message: 'the API key contains characters not allowed in an HTTP header',
    });
  }
  return key || undefined;
}

async function readKey(apiKey: ApiKeySource | undefined, apiKeyEnv: string | undefined, adapter: string) {
  if (typeof apiKey === 'function') {
    try {
      return await apiKey();
    } catch (error) {
      throw new AdapterError({
        adapter,
        reason: 'auth',
        message: 'the apiKey function failed',
        cause: error,
      });
    }
  }
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  if (apiKeyEnv) {
    const value = process.env[apiKeyEnv];
    if (!value) {
      throw new AdapterError({
        adapter,
        reason: 'auth',
        message: `environment variable ${apiKeyEnv} is not set`,
      });
    }
    return value;
  }
  return undefined;
}

/**
 * Removes secrets from text that came back from a server (error messages may echo the key):
 * the key itself, and anything that looks like a bearer token or an `sk-…` key.
 */
export function redactSecrets(text: string, apiKey: string | undefined): string {
  let out = apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text;
  out = out.replace(/\b(Bearer\s+)[\w\-.~+/=*]+/gi, '$1[redacted]');
  return out.replace(/\b(sk|pk|key)-[\w\-*]{4,}/gi, '[redacted]');
}
