import { reject } from '../errors/protocol-rejection-error';
import { distributedNoiseSd } from '../privacy/clip-and-noise';
import type { Frame } from '../protocol/frame';
import type { Route, VerifiedRequest } from '../protocol/http-server';
import { joinRequest, parseHeader, pollRequest, revealRequest, updateRequest } from '../protocol/messages';
import type { Coordinator } from './coordinator';

/** A held poll: woken when the round state changes. */
export interface Poller {
  clientId: string;
  wake(): void;
}

/** The coordinator's HTTP API: join, poll (long-poll for tasks), update, reveal, status. */
export function coordinatorRoutes(c: Coordinator): Record<string, Route> {
  return {
    '/v1/join': { maxBytes: () => 65_536, handle: (request) => join(c, request) },
    '/v1/poll': { maxBytes: () => 16_384, handle: (request) => poll(c, request) },
    '/v1/update': { maxBytes: () => updateLimit(c), handle: (request) => update(c, request) },
    '/v1/reveal': { maxBytes: () => 1_048_576, handle: (request) => reveal(c, request) },
    '/v1/status': { maxBytes: () => 16_384, handle: () => ({ header: status(c), blobs: [] }) },
  };
}

async function join(c: Coordinator, request: VerifiedRequest): Promise<Frame<object>> {
  const header = parseHeader(joinRequest, request.header);
  const expectedKind = c.plan.strategy === 'sum' ? 'statistics' : 'parameters';
  if (header.updateKind !== expectedKind)
    reject(
      'layout-mismatch',
      `strategy ${c.plan.strategy} needs ${expectedKind} updates, not ${header.updateKind}`,
    );
  const progress = c.progress;
  if (progress.parameterCount === undefined) {
    c.progress = {
      ...progress,
      parameterCount: header.parameterCount,
      layoutHash: header.layoutHash,
      updateKind: header.updateKind,
    };
    await c.log.setProgress(c.progress);
  } else if (progress.parameterCount !== header.parameterCount || progress.layoutHash !== header.layoutHash) {
    reject(
      'layout-mismatch',
      `model layout ${header.layoutHash} (${header.parameterCount} values) differs from the federation's ${progress.layoutHash} (${progress.parameterCount})`,
    );
  }
  let maskingKey: string | undefined;
  if (c.plan.secure === 'masking') {
    if (request.blobs.length !== 1 || request.blobs[0].length !== 32)
      reject('malformed', 'masking needs the raw 32-byte X25519 public key as the only blob');
    maskingKey = Buffer.from(request.blobs[0]).toString('hex');
  }
  const record = { samples: header.samples, maskingKey, joinedAt: Date.now() };
  // A client counts as live once it polls (ready for a task), not when it joins.
  c.registry.records.set(request.clientId, record);
  await c.log.saveClient(request.clientId, record);
  c.emit({ type: 'client-joined', clientId: request.clientId, samples: header.samples });
  return {
    header: {
      type: 'joined',
      plan: publicPlan(c),
      keyFingerprint: c.keyFingerprint,
      lastCompletedRound: c.progress.lastCompletedRound,
    },
    blobs: [],
  };
}

async function poll(c: Coordinator, request: VerifiedRequest): Promise<Frame<object>> {
  const header = parseHeader(pollRequest, request.header);
  const id = request.clientId;
  if (!c.registry.records.has(id)) reject('unknown-client', `${id} has not joined`);
  c.registry.pollStarted(id);
  try {
    const first = answer(c, id, header.after);
    if (first) return first;
    await new Promise<void>((resolve) => {
      const poller = { clientId: id, wake: () => finish() };
      const timer = setTimeout(() => finish(), c.options.pollTimeoutMs ?? 10_000);
      function finish() {
        clearTimeout(timer);
        c.pollers.delete(poller);
        resolve();
      }
      c.pollers.add(poller);
    });
    return answer(c, id, header.after) ?? { header: { type: 'wait' }, blobs: [] };
  } finally {
    c.registry.pollEnded(id);
  }
}

/** The task, recovery request or end of run for this client now, if any. */
function answer(c: Coordinator, id: string, after: string | undefined): Frame<object> | undefined {
  if (c.progress.finished || c.stop.signal.aborted) {
    c.told.add(id);
    return {
      header: { type: 'done', status: c.progress.finished ?? 'failed', round: c.progress.lastCompletedRound },
      blobs: [c.globalBytes()],
    };
  }
  const a = c.attempt;
  if (!a?.selected.includes(id)) return undefined;
  if (a.phase === 'recover' && a.contributors.includes(id) && !a.revealed.has(id)) {
    return { header: { type: 'recover', round: a.round, roundId: a.roundId, dropped: a.dropped }, blobs: [] };
  }
  if (a.phase !== 'collect' || a.roundId === after || a.contributors.includes(id)) return undefined;
  const peers = a.maskingKeys ? [...a.maskingKeys.keys()] : undefined;
  const blobs = [c.globalBytes(), ...(peers ?? []).map((peer) => a.maskingKeys!.get(peer)!)];
  a.bytes[id] = { up: a.bytes[id]?.up ?? 0, down: blobs.reduce((s, b) => s + b.length, 0) };
  const privacy = c.plan.privacy;
  return {
    header: {
      type: 'task',
      round: a.round,
      attempt: a.attempt,
      roundId: a.roundId,
      deadline: a.deadline,
      strategy: c.plan.strategy,
      encoding: c.plan.secure,
      length: c.progress.parameterCount,
      weight: a.weights.get(id),
      weightScale: a.weightScale,
      localEpochs: c.plan.localEpochs,
      proximalMu: c.plan.proximalMu,
      seed: c.plan.seed * 1_000_003 + a.round,
      fractionBits: c.plan.maskFractionBits,
      peers,
      keyFingerprint: c.keyFingerprint,
      privacy: privacy
        ? {
            clipNorm: privacy.clipNorm,
            noiseSd: distributedNoiseSd(privacy.noiseMultiplier, privacy.clipNorm, a.quorum),
          }
        : undefined,
    },
    blobs,
  };
}

function update(c: Coordinator, request: VerifiedRequest): Frame<object> {
  const header = parseHeader(updateRequest, request.header);
  c.registry.seen(request.clientId);
  const a = c.attempt;
  if (!a)
    reject(
      c.closedRoundIds.has(header.roundId) ? 'late' : 'stale-round',
      `no round is collecting updates (round ${header.round})`,
    );
  if (header.encoding !== c.plan.secure)
    reject('malformed', `encoding ${header.encoding}, the plan uses ${c.plan.secure}`);
  if (header.length !== c.progress.parameterCount)
    reject('wrong-size', `length ${header.length}, expected ${c.progress.parameterCount}`);
  a.accept(request.clientId, header, request.blobs, request.bytes);
  c.emit({ type: 'update-accepted', round: a.round, clientId: request.clientId, bytes: request.bytes });
  return { header: { type: 'accepted', round: a.round }, blobs: [] };
}

function reveal(c: Coordinator, request: VerifiedRequest): Frame<object> {
  const header = parseHeader(revealRequest, request.header);
  const a = c.attempt;
  if (!a || a.roundId !== header.roundId)
    reject('late', `round attempt ${header.roundId} is not recovering masks`);
  a.acceptReveal(request.clientId, header.dropped, request.blobs);
  return { header: { type: 'accepted', round: a.round }, blobs: [] };
}

function status(c: Coordinator) {
  const a = c.attempt;
  return {
    type: 'status',
    name: c.plan.name,
    lastCompletedRound: c.progress.lastCompletedRound,
    rounds: c.plan.rounds,
    finished: c.progress.finished,
    registered: [...c.registry.records.keys()],
    attempt: a
      ? {
          round: a.round,
          attempt: a.attempt,
          phase: a.phase,
          selected: a.selected,
          contributors: a.contributors,
        }
      : undefined,
  };
}

/** The plan as clients see it (everything is public; there are no secrets in a plan). */
function publicPlan(c: Coordinator) {
  const { ckks, ...rest } = c.plan;
  return { ...rest, ckks: c.plan.secure === 'ckks' ? ckks : undefined };
}

/** Largest valid update body: one float64 vector, or the ciphertexts at the plan's level. */
function updateLimit(c: Coordinator): number {
  const length = c.progress.parameterCount ?? 0;
  if (length === 0) return 65_536;
  if (c.plan.secure !== 'ckks') return 8 * length + 65_536;
  const { slots, polyModulusDegree, coeffModulusBits, level } = c.plan.ckks;
  const primes = level === 'last' ? 1 : coeffModulusBits.length - 1;
  return Math.ceil(length / slots) * (2 * polyModulusDegree * 8 * primes + 4096) + 65_536;
}
