import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStorage } from '../../storage/create-storage';
import type { Storage } from '../../storage/storage';
import { type ConformanceContext, expectedIds, scanIds } from './conformance-context';
import { HOSTILE_STRINGS } from './state-tests';
import { generateTestEvents } from './test-events';

/** Writes through `createStorage(url)`, reports, then kills itself: no close, no flush. */
const CHILD_SCRIPT = `
import { readFileSync } from 'node:fs';
const [moduleUrl, storageUrl, payloadPath] = process.argv.slice(2);
const { createStorage } = await import(moduleUrl);
const payload = JSON.parse(readFileSync(payloadPath, 'utf8'));
const storage = await createStorage(storageUrl);
await storage.appendEvents(payload.events);
for (const [key, value, userId] of payload.state) await storage.setState(key, value, userId ? { userId } : {});
for (const artifact of payload.artifacts) {
  await storage.putArtifact(artifact.name, Uint8Array.from(artifact.bytes), { metadata: artifact.metadata });
}
process.stdout.write('written\\n', () => process.kill(process.pid, 'SIGKILL'));
`;

interface ChildOutcome {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How a child Node process imports this package's storage: TypeScript sources through tsx, or dist. */
function childRuntime(): { moduleUrl: string; nodeArgs: string[] } {
  const here: string | undefined = import.meta.url;
  if (!here) throw new Error('the reopen tests need the ESM entry of @shoppilot/core/testing');
  if (here.endsWith('.ts')) {
    const tsx = createRequire(here).resolve('tsx');
    return {
      moduleUrl: new URL('../../storage/index.ts', here).href,
      nodeArgs: ['--conditions=@shoppilot/source', '--import', pathToFileURL(tsx).href],
    };
  }
  return { moduleUrl: new URL('../index.js', here).href, nodeArgs: [] };
}

function runChild(args: string[]): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      const failure = error as (Error & { signal?: NodeJS.Signals; code?: number }) | null;
      resolve({ signal: failure?.signal ?? null, code: failure?.code ?? 0, stdout, stderr });
    });
  });
}

/** A store written by a killed process is complete when reopened; close/reopen in process too. */
export function defineReopenTests(
  { options }: ConformanceContext,
  reopen: () => string | Promise<string>,
): void {
  // Made in beforeAll, not at collection: a skipped suite runs no hooks and must leave nothing behind.
  let directory = '';
  const stores: Storage[] = [];
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'shoppilot-reopen-'));
  });
  afterAll(async () => {
    for (const storage of stores) await (options.dispose ? options.dispose(storage) : storage.close());
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
  const events = generateTestEvents({ count: 3_000, users: 30, seed: 21 });
  const state = HOSTILE_STRINGS.map(
    (text, i) => [`key/${text}`, { i, text }, i % 2 ? text : undefined] as const,
  );
  const bytes = Array.from({ length: 1_000 }, (_, i) => (i * 37) % 256);

  it('nothing is lost when the writing process is killed after its writes', async () => {
    const url = await reopen();
    const { moduleUrl, nodeArgs } = childRuntime();
    const script = join(directory, 'write-then-die.mjs');
    const payload = join(directory, 'payload.json');
    writeFileSync(script, CHILD_SCRIPT);
    writeFileSync(
      payload,
      JSON.stringify({ events, state, artifacts: [{ name: 'm', bytes, metadata: { k: '值' } }] }),
    );
    const outcome = await runChild([...nodeArgs, script, moduleUrl, url, payload]);
    expect(outcome.stderr).not.toMatch(/Error/);
    expect(outcome.stdout).toBe('written\n');
    expect(outcome.signal).toBe('SIGKILL');

    const storage = await createStorage(url);
    stores.push(storage);
    expect(await storage.countEvents()).toBe(events.length);
    expect(await scanIds(storage)).toEqual(expectedIds(events as never));
    for (const [key, value] of state) expect(await storage.getState(key)).toEqual(value);
    const artifact = await storage.getArtifact('m');
    expect(artifact?.info).toMatchObject({ version: 1, size: 1_000, metadata: { k: '值' } });
    expect(Array.from(artifact?.data ?? [])).toEqual(bytes);
    const report = await storage.deleteUser(HOSTILE_STRINGS[1]);
    expect(report.stateKeys).toBe(1);
  });

  it('close and reopen in the same process keeps everything', async () => {
    const url = await reopen();
    const first = await createStorage(url);
    await first.appendEvents(events.slice(0, 500));
    await first.setState('k', { v: 1 });
    await first.putArtifact('a', new Uint8Array([1, 2]));
    await first.close();
    const second = await createStorage(url);
    stores.push(second);
    expect(await scanIds(second)).toEqual(expectedIds(events.slice(0, 500) as never));
    expect(await second.getState('k')).toEqual({ v: 1 });
    expect((await second.putArtifact('a', new Uint8Array([3]))).version).toBe(2);
    expect(await second.appendEvents(events.slice(0, 600))).toEqual({ inserted: 100, duplicates: 500 });
  });
}
