import { createHash } from 'node:crypto';
import { throwIfAborted } from '@shoppilot/core';
import { resolveCkksParameters } from '../crypto/ckks-parameters';
import { generateMaskingKeyPair } from '../crypto/pairwise-masking';
import { ProtocolRejectionError } from '../errors/protocol-rejection-error';
import { exchange } from '../protocol/http-client';
import { checkCredentials } from '../protocol/signing';
import { CkksKeyCache } from './ckks-key-cache';
import type { ClientOptions, ClientResult, ClientState } from './client-state';
import { finish, handleTask, reveal, type TaskHeader } from './task-handler';

/**
 * Runs one client until the coordinator ends the run: joins, long-polls for tasks, trains locally,
 * sends its (encrypted or masked) update, reveals masks of dropped peers when asked. Network
 * failures are retried with backoff (the coordinator may restart); protocol refusals are reported.
 */
export async function runFederatedClient(options: ClientOptions): Promise<ClientResult> {
  checkCredentials(options.credentials);
  const state: ClientState = {
    options,
    keys: options.maskingKeys ?? generateMaskingKeyPair(),
    ckks: new CkksKeyCache(options.keyholderUrl, options.keyFingerprint),
    roundKeys: new Map(),
    result: {
      status: 'failed',
      lastCompletedRound: 0,
      metrics: {},
      contributed: [],
      bytes: { sent: 0, received: 0 },
    },
    seedOffset: Number.parseInt(
      createHash('sha256').update(options.credentials.id).digest('hex').slice(0, 8),
      16,
    ),
    send: async (path, header, blobs = [], extra = {}) => {
      const response = await exchange(
        options.coordinatorUrl,
        path,
        options.credentials,
        { header, blobs },
        { signal: options.signal, ...extra },
      );
      state.result.bytes.sent += response.sentBytes;
      state.result.bytes.received += response.receivedBytes;
      return response.frame;
    },
  };
  let joined = false;
  let after: string | undefined;
  let delay = 250;
  let lastContact = Date.now();
  try {
    for (;;) {
      throwIfAborted(options.signal);
      try {
        if (!joined) joined = await join(state);
        const frame = await state.send('/v1/poll', { type: 'poll', after }, [], { timeoutMs: 180_000 });
        lastContact = Date.now();
        delay = 250;
        const header = frame.header;
        if (header.type === 'done') return await finish(state, header, frame.blobs[0]);
        if (header.type === 'recover')
          await reveal(state, header as { round: number; roundId: string; dropped: string[] });
        if (header.type === 'task')
          after = await handleTask(state, header as unknown as TaskHeader, frame.blobs);
      } catch (error) {
        if (options.signal?.aborted || !isTransient(error)) throw error;
        const refused = ProtocolRejectionError.isInstance(error);
        if (refused && error.reason === 'layout-mismatch') throw error;
        if (!refused || error.reason === 'unknown-client') joined = false;
        if (Date.now() - lastContact > (options.giveUpAfterMs ?? 120_000))
          return { ...state.result, status: 'unreachable' };
        options.onEvent?.({
          type: 'retry',
          reason: error instanceof Error ? error.message : String(error),
          delayMs: delay,
        });
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(5000, delay * 2);
      }
    }
  } finally {
    state.ckks.dispose();
  }
}

async function join(state: ClientState): Promise<boolean> {
  const { trainer } = state.options;
  // Warms SEAL and fetches the key ahead of a CKKS round. A plaintext or masking federation needs
  // neither, so an unreachable key holder must not keep the client from joining; a CKKS plan
  // fetches the key again below, where a failure is retried like any other.
  await state.ckks.prefetch().catch(() => undefined);
  const frame = await state.send(
    '/v1/join',
    {
      type: 'join',
      samples: trainer.sampleCount,
      parameterCount: trainer.parameterCount,
      layoutHash: trainer.layoutHash,
      updateKind: trainer.updateKind,
    },
    [state.keys.publicKey],
  );
  state.plan = frame.header.plan as ClientState['plan'];
  if (state.plan?.ckks && state.options.keyholderUrl) {
    await state.ckks.get(
      resolveCkksParameters(state.plan.ckks),
      frame.header.keyFingerprint as string | undefined,
    );
  }
  state.options.onEvent?.({
    type: 'joined',
    lastCompletedRound: Number(frame.header.lastCompletedRound ?? 0),
  });
  return true;
}

/** Network failures and protocol refusals are retried; programming errors are not. */
function isTransient(error: unknown): boolean {
  if (ProtocolRejectionError.isInstance(error)) return true;
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'AbortError' ||
    error.name === 'TimeoutError' ||
    (error.name === 'TypeError' && error.message === 'fetch failed') ||
    'code' in error
  );
}
