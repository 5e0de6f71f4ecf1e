import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkksSession } from '../crypto/ckks-session';
import { ProtocolRejectionError } from '../errors/protocol-rejection-error';
import { type KeyholderHandle, startKeyholder } from '../keyholder/keyholder';
import { exchange } from '../protocol/http-client';
import { type Credentials, generateToken } from '../protocol/signing';
import { float64ToBytes } from '../vector/vector-ops';
import { type CoordinatorHandle, startCoordinator } from './coordinator';

// A coordinator and key holder in this process, spoken to with hand-made (partly malicious) messages.
const w1: Credentials = { id: 'w1', token: generateToken() };
const w2: Credentials = { id: 'w2', token: generateToken() };
const coordinatorCredentials: Credentials = { id: 'coordinator', token: generateToken() };
let keyholder: KeyholderHandle;
let coordinator: CoordinatorHandle;
let session: CkksSession;
const LENGTH = 5000; // two ciphertexts

beforeAll(async () => {
  keyholder = await startKeyholder({ coordinator: coordinatorCredentials });
  coordinator = await startCoordinator({
    plan: { secure: 'ckks', rounds: 1, minClients: 2, roundTimeoutMs: 30_000 },
    clients: [w1, w2],
    keyholder: { url: keyholder.url, credentials: coordinatorCredentials },
  });
  session = await CkksSession.create();
});
afterAll(async () => {
  await coordinator.close();
  await keyholder.close();
  session.dispose();
});

const send = (
  credentials: Credentials,
  path: string,
  header: { type: string } & Record<string, unknown>,
  blobs: Uint8Array[] = [],
) => exchange(coordinator.url, path, credentials, { header, blobs });
const reasonOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return ProtocolRejectionError.isInstance(error) ? error.reason : String(error);
  }
};
const join = (credentials: Credentials, layoutHash = 'layout-a', parameterCount = LENGTH) =>
  send(credentials, '/v1/join', {
    type: 'join',
    samples: 10,
    parameterCount,
    layoutHash,
    updateKind: 'parameters',
  });

describe('the coordinator refuses bad messages and logs why', () => {
  it('unknown clients, layout mismatches, wrong-size and malformed ciphertexts, repeats and stale rounds', async () => {
    await join(w1);
    expect(await reasonOf(join(w2, 'layout-b'))).toBe('layout-mismatch');
    expect(await reasonOf(join({ id: 'eve', token: generateToken() }))).toBe('unknown-client');
    await join(w2);
    const [task1, task2] = await Promise.all([
      send(w1, '/v1/poll', { type: 'poll' }),
      send(w2, '/v1/poll', { type: 'poll' }),
    ]);
    expect(task1.frame.header.type).toBe('task');
    const task = task1.frame.header;
    const update = (blobs: Uint8Array[], overrides: Record<string, unknown> = {}) =>
      send(
        w1,
        '/v1/update',
        {
          type: 'update',
          round: 1,
          roundId: task.roundId,
          samples: 10,
          encoding: 'ckks',
          length: LENGTH,
          metrics: {},
          ...overrides,
        },
        blobs,
      );
    // Secure updates arrive pre-scaled by weight / Σ weights = 10 / 20: values 0.5 and 1.5 are sent as 0.25 and 0.75.
    const good = session.encrypt(new Float64Array(LENGTH).fill(0.25), keyholder.publicKey);
    expect(await reasonOf(update(good.slice(0, 1)))).toBe('wrong-size');
    expect(await reasonOf(update([good[0], new Uint8Array(2000).fill(3)]))).toBe('bad-ciphertext');
    expect(await reasonOf(update(good, { length: 4000 }))).toBe('wrong-size');
    expect(await reasonOf(update([float64ToBytes(new Float64Array(LENGTH))], { encoding: 'none' }))).toBe(
      'malformed',
    );
    expect(await reasonOf(update(good, { roundId: 'not-this-round' }))).toBe('stale-round');
    expect(await reasonOf(update([...good, new Uint8Array(300_000)]))).toBe('too-large');
    expect(await reasonOf(update(good))).toBe('accepted');
    expect(await reasonOf(update(good))).toBe('duplicate');
    const other = session.encrypt(new Float64Array(LENGTH).fill(0.75), keyholder.publicKey);
    const roundId = task2.frame.header.roundId;
    expect(
      await reasonOf(
        send(
          w2,
          '/v1/update',
          { type: 'update', round: 1, roundId, samples: 10, encoding: 'ckks', length: LENGTH, metrics: {} },
          other,
        ),
      ),
    ).toBe('accepted');
    const result = await coordinator.done;
    expect(result.status).toBe('completed');
    // Equal weights (10 samples each): the mean of 0.5 and 1.5, through CKKS.
    expect(Math.abs(result.global![0] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(result.global![LENGTH - 1] - 1)).toBeLessThan(1e-6);
    const logged = (await coordinator.log.rejections()).map((r) => r.reason);
    expect(logged).toEqual([
      'layout-mismatch',
      'unknown-client',
      'wrong-size',
      'bad-ciphertext',
      'wrong-size',
      'malformed',
      'stale-round',
      'too-large',
      'duplicate',
    ]);
    expect(await reasonOf(update(good))).toBe('late');
  }, 60_000);

  it('the key holder decrypts only signed, multi-contributor aggregates, once per round attempt', async () => {
    const ciphertexts = session.encrypt(Float64Array.of(1, 2, 3), keyholder.publicKey);
    const decrypt = (credentials: Credentials, contributors: string[], roundId = 'attempt-x') =>
      exchange(keyholder.url, '/v1/decrypt', credentials, {
        header: { type: 'decrypt', round: 7, roundId, contributors, length: 3 },
        blobs: ciphertexts,
      });
    expect(await reasonOf(decrypt(w1, ['w1', 'w2']))).toBe('unknown-client');
    expect(await reasonOf(decrypt(coordinatorCredentials, ['w1']))).toBe('refused');
    const { frame } = await decrypt(coordinatorCredentials, ['w1', 'w2']);
    expect(frame.blobs[0].length).toBe(24);
    expect(await reasonOf(decrypt(coordinatorCredentials, ['w1', 'w2']))).toBe('replay');
    expect(await reasonOf(decrypt(coordinatorCredentials, ['w1', 'w2'], 'attempt-y'))).toBe('accepted');
    expect(await reasonOf(decrypt(coordinatorCredentials, ['w1', 'w2'], 'attempt-z'))).toBe('refused');
    expect((await keyholder.rejections()).map((r) => r.reason)).toEqual([
      'unknown-client',
      'refused',
      'replay',
      'refused',
    ]);
  });
});
