import { resolveCkksParameters } from '../crypto/ckks-parameters';
import { ProtocolRejectionError } from '../errors/protocol-rejection-error';
import { bytesToFloat64 } from '../vector/vector-ops';
import type { ClientState } from './client-state';
import { encodeUpdate, prepareUpdateValues, type TaskEncoding } from './update-encoding';

/** A task as the coordinator sends it. */
export interface TaskHeader extends TaskEncoding {
  type: 'task';
  round: number;
  attempt: number;
  deadline: number;
  length: number;
  localEpochs: number;
  proximalMu: number;
  peers?: string[];
  keyFingerprint?: string;
}

/** Trains on one task and sends the update; returns the round attempt id handled. */
export async function handleTask(state: ClientState, task: TaskHeader, blobs: Uint8Array[]): Promise<string> {
  const { options } = state;
  const self = options.credentials.id;
  options.onEvent?.({ type: 'task', round: task.round, attempt: task.attempt });
  const global = blobs[0]?.length ? bytesToFloat64(blobs[0]) : undefined;
  const peers = (task.peers ?? []).map((id, i) => ({ id, publicKey: blobs[1 + i] }));
  if (task.encoding === 'masking') {
    const mine = peers.find((p) => p.id === self);
    if (!mine || Buffer.compare(Buffer.from(mine.publicKey), Buffer.from(state.keys.publicKey)) !== 0) {
      options.onEvent?.({
        type: 'skipped',
        round: task.round,
        reason: 'the round was set up with another masking key of this client',
      });
      return task.roundId;
    }
  }
  const evaluation = global ? await options.trainer.evaluate(global) : {};
  const update = await options.trainer.train(global, {
    round: task.round,
    epochs: task.localEpochs,
    proximalMu: task.proximalMu,
    seed: (task.seed + state.seedOffset) % 4294967296,
    signal: options.signal,
  });
  const prepared = prepareUpdateValues(update.values, global, task, options.noise);
  const ckks =
    task.encoding === 'ckks'
      ? await state.ckks.get(resolveCkksParameters(state.plan?.ckks), task.keyFingerprint)
      : undefined;
  const { blobs: payload, roundKeys } = encodeUpdate(prepared.values, task, {
    ckks,
    masking: { self, keys: state.keys, peers },
  });
  if (roundKeys) state.roundKeys.set(task.roundId, roundKeys);
  await options.beforeUpdate?.({ round: task.round });
  const metrics = {
    ...update.metrics,
    ...evaluation,
    ...(prepared.clippedNorm === undefined ? {} : { updateNorm: prepared.clippedNorm }),
  };
  const header = {
    type: 'update',
    round: task.round,
    roundId: task.roundId,
    samples: update.samples,
    encoding: task.encoding,
    length: task.length,
    metrics,
  };
  try {
    await state.send('/v1/update', header, payload);
    state.result.contributed.push(task.round);
    options.onEvent?.({
      type: 'update-sent',
      round: task.round,
      bytes: payload.reduce((a, b) => a + b.length, 0),
      metrics,
    });
  } catch (error) {
    if (!ProtocolRejectionError.isInstance(error)) throw error;
    if (error.reason === 'duplicate') state.result.contributed.push(task.round);
    else options.onEvent?.({ type: 'update-refused', round: task.round, reason: error.reason });
  }
  return task.roundId;
}

/** Masking recovery: sends this client's round keys with the dropped peers. */
export async function reveal(
  state: ClientState,
  request: { round: number; roundId: string; dropped: string[] },
): Promise<void> {
  const keys = state.roundKeys.get(request.roundId);
  if (!keys || request.dropped.some((id) => !keys.has(id))) {
    state.options.onEvent?.({
      type: 'skipped',
      round: request.round,
      reason: 'asked to reveal keys this client does not hold',
    });
    return;
  }
  await state.send(
    '/v1/reveal',
    { type: 'reveal', roundId: request.roundId, dropped: request.dropped },
    request.dropped.map((id) => keys.get(id)!),
  );
  state.options.onEvent?.({ type: 'revealed', round: request.round, dropped: request.dropped });
}

/** The run is over: evaluates the final global model. */
export async function finish(
  state: ClientState,
  header: Record<string, unknown>,
  globalBytes: Uint8Array | undefined,
) {
  const global = globalBytes?.length ? bytesToFloat64(globalBytes) : undefined;
  const metrics = global ? await state.options.trainer.evaluate(global) : {};
  const round = Number(header.round ?? 0);
  state.options.onEvent?.({ type: 'done', status: String(header.status), round, metrics });
  return {
    ...state.result,
    status: header.status === 'completed' ? ('completed' as const) : ('failed' as const),
    lastCompletedRound: round,
    global,
    metrics,
  };
}
