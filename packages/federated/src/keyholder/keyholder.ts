import type { Server } from 'node:http';
import { createStorage, type Storage } from '@shoppilot/core';
import type { CkksParameters } from '../crypto/ckks-parameters';
import { type CkksKeyPair, CkksSession } from '../crypto/ckks-session';
import { reject } from '../errors/protocol-rejection-error';
import { type RejectionRecord, startFrameServer } from '../protocol/http-server';
import { decryptRequest, parseHeader } from '../protocol/messages';
import { ReplayGuard } from '../protocol/replay-guard';
import { type Credentials, checkCredentials } from '../protocol/signing';
import { float64ToBytes } from '../vector/vector-ops';

export type KeyholderEvent =
  | { type: 'listening'; url: string; fingerprint: string }
  | { type: 'decrypted'; round: number; contributors: number; values: number }
  | { type: 'rejected'; reason: string; message: string };

export interface KeyholderOptions {
  /** CKKS parameters; must equal the federation plan's. Defaults as in `resolveCkksParameters`. */
  ckks?: CkksParameters;
  /** The coordinator's credentials: the only party allowed to ask for a decryption. */
  coordinator: Credentials;
  /** An existing key pair (e.g. loaded from disk); default: a fresh one. */
  keys?: CkksKeyPair;
  /** Fewest contributors an aggregate must claim before it is decrypted. Default 2. */
  minContributors?: number;
  /** Decryptions allowed per round number (restarted coordinators retry). Default 2. */
  maxDecryptionsPerRound?: number;
  /** Where rejections are logged. Default `memory:`. */
  storage?: Storage | string;
  host?: string;
  port?: number;
  onEvent?: (event: KeyholderEvent) => void;
}

export interface KeyholderHandle {
  url: string;
  fingerprint: string;
  /** Public key bytes (compressed SEAL serialisation). */
  publicKey: Uint8Array;
  rejections(): Promise<RejectionRecord[]>;
  close(): Promise<void>;
}

/**
 * The key holder (the "arbiter" of FATE): generates the CKKS key pair, publishes the public key and
 * decrypts only aggregates the coordinator submits (signed, once per round attempt, with at least
 * `minContributors` claimed). The secret key never leaves this process.
 */
export async function startKeyholder(options: KeyholderOptions): Promise<KeyholderHandle> {
  checkCredentials(options.coordinator, 'coordinator');
  const session = await CkksSession.create(options.ckks);
  const keys = options.keys ?? session.generateKeys();
  const storage =
    typeof options.storage === 'object' ? options.storage : await createStorage(options.storage ?? 'memory:');
  const decryptedAttempts = new Set<string>();
  const perRound = new Map<number, number>();
  let seq = 0;
  const { server, url } = await startFrameServer(
    {
      tokenOf: (id) => (id === options.coordinator.id ? options.coordinator.token : undefined),
      replayGuard: new ReplayGuard(),
      onRejected: (record) => {
        void storage.setState(
          `keyholder/rejection/${String(record.at).padStart(15, '0')}-${String(seq++).padStart(6, '0')}`,
          record,
        );
        options.onEvent?.({ type: 'rejected', reason: record.reason, message: record.message });
      },
      routes: {
        '/v1/public-key': {
          public: true,
          maxBytes: () => 16_384,
          handle: () => ({
            header: { type: 'public-key', fingerprint: keys.fingerprint, parameters: session.parameters },
            blobs: [keys.publicKey],
          }),
        },
        '/v1/decrypt': {
          maxBytes: () => 64 * 1024 * 1024,
          handle: (request) => {
            const header = parseHeader(decryptRequest, request.header);
            if (new Set(header.contributors).size < (options.minContributors ?? 2)) {
              reject(
                'refused',
                `an aggregate needs at least ${options.minContributors ?? 2} distinct contributors`,
              );
            }
            if (decryptedAttempts.has(header.roundId))
              reject('replay', `round attempt ${header.roundId} was already decrypted`);
            if ((perRound.get(header.round) ?? 0) >= (options.maxDecryptionsPerRound ?? 2))
              reject('refused', `round ${header.round} was decrypted too often`);
            const values = session.decrypt(request.blobs, keys.secretKey, header.length);
            decryptedAttempts.add(header.roundId);
            perRound.set(header.round, (perRound.get(header.round) ?? 0) + 1);
            options.onEvent?.({
              type: 'decrypted',
              round: header.round,
              contributors: header.contributors.length,
              values: header.length,
            });
            return { header: { type: 'plaintext', round: header.round }, blobs: [float64ToBytes(values)] };
          },
        },
      },
    },
    { host: options.host, port: options.port },
  );
  options.onEvent?.({ type: 'listening', url, fingerprint: keys.fingerprint });
  return {
    url,
    fingerprint: keys.fingerprint,
    publicKey: keys.publicKey,
    rejections: async () =>
      (await storage.listState<RejectionRecord>('keyholder/rejection/')).map((e) => e.value),
    close: () => closeAll(server, session, typeof options.storage === 'object' ? undefined : storage),
  };
}

async function closeAll(server: Server, session: CkksSession, storage: Storage | undefined): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  session.dispose();
  await storage?.close();
}
