import { readFile, writeFile } from 'node:fs/promises';
import { type Credentials, type FederationPlan, generateToken } from '@shoppilot/federated';
import { UsageError } from '../../output/index';

/** `tokens.json`: the coordinator's credentials (for the key holder) and every client's. */
export interface CredentialsFile {
  coordinator: Credentials;
  clients: Credentials[];
}

export async function writeCredentials(path: string, clientIds: readonly string[]): Promise<CredentialsFile> {
  const file: CredentialsFile = {
    coordinator: { id: 'coordinator', token: generateToken() },
    clients: clientIds.map((id) => ({ id, token: generateToken() })),
  };
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export async function readCredentials(path: string): Promise<CredentialsFile> {
  const parsed = await readJson<Partial<CredentialsFile>>(path, '--tokens');
  if (!parsed.coordinator || !Array.isArray(parsed.clients)) {
    throw new UsageError(
      `${path}: expected { "coordinator": { id, token }, "clients": [{ id, token }, …] } (see \`shoppilot federated tokens\`)`,
    );
  }
  return parsed as CredentialsFile;
}

/** One client's credentials: from --token, SHOPPILOT_FEDERATED_TOKEN, or its entry in the tokens file. */
export async function clientCredentials(
  id: string,
  token: string | undefined,
  tokensPath: string | undefined,
): Promise<Credentials> {
  const direct = token ?? process.env.SHOPPILOT_FEDERATED_TOKEN;
  if (direct) return { id, token: direct };
  if (!tokensPath) throw new UsageError('give --token, SHOPPILOT_FEDERATED_TOKEN or --tokens FILE');
  const entry = (await readCredentials(tokensPath)).clients.find((c) => c.id === id);
  if (!entry) throw new UsageError(`${tokensPath}: no client "${id}"`);
  return entry;
}

export async function readPlan(path: string | undefined): Promise<FederationPlan> {
  return path ? readJson<FederationPlan>(path, '--plan') : {};
}

export async function readJson<T>(path: string, flag: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UsageError(`${flag}: ${path} is not valid JSON`);
  }
}

/** A network port flag (0 = any free port). */
export function portFlag(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0-65535, got "${value}"`);
  return port;
}
