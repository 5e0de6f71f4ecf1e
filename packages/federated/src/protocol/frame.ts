import { reject } from '../errors/protocol-rejection-error';

const MAGIC = 0x53504631; // "SPF1"

/** A protocol message: a JSON header (metadata only) and binary blobs (vectors, ciphertexts, keys). */
export interface Frame<THeader = Record<string, unknown>> {
  header: THeader;
  blobs: Uint8Array[];
}

/** Limits checked while decoding, before anything is allocated from the numbers in the frame. */
export interface FrameLimits {
  /** Most bytes of JSON header. Default 65,536. */
  maxHeaderBytes?: number;
  /** Most blobs. Default 4,096. */
  maxBlobs?: number;
}

/** `"SPF1" | u32 header length | header JSON | u32 blob count | (u32 length | bytes)*`, big-endian. */
export function encodeFrame(frame: Frame<object>): Uint8Array<ArrayBuffer> {
  const header = Buffer.from(JSON.stringify(frame.header), 'utf8');
  const size = 12 + header.length + frame.blobs.reduce((a, b) => a + 4 + b.length, 0);
  const out = Buffer.allocUnsafe(size);
  let offset = out.writeUInt32BE(MAGIC, 0);
  offset = out.writeUInt32BE(header.length, offset);
  offset += header.copy(out, offset);
  offset = out.writeUInt32BE(frame.blobs.length, offset);
  for (const blob of frame.blobs) {
    offset = out.writeUInt32BE(blob.length, offset);
    out.set(blob, offset);
    offset += blob.length;
  }
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.length);
}

/** Parses a frame; anything out of shape is rejected as `malformed` with what was wrong. */
export function decodeFrame(bytes: Uint8Array, limits: FrameLimits = {}): Frame<unknown> {
  const maxHeader = limits.maxHeaderBytes ?? 65_536;
  const maxBlobs = limits.maxBlobs ?? 4096;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (offset: number, count: number, what: string) => {
    if (offset + count > buffer.length) reject('malformed', `frame ends inside ${what}`);
  };
  need(0, 8, 'the prefix');
  if (buffer.readUInt32BE(0) !== MAGIC) reject('malformed', 'not a ShopPilot federated frame (bad magic)');
  const headerLength = buffer.readUInt32BE(4);
  if (headerLength > maxHeader) reject('too-large', `header of ${headerLength} bytes exceeds ${maxHeader}`);
  need(8, headerLength + 4, 'the header');
  let header: unknown;
  try {
    header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength));
  } catch (error) {
    reject('malformed', 'header is not JSON', error);
  }
  let offset = 8 + headerLength;
  const count = buffer.readUInt32BE(offset);
  offset += 4;
  if (count > maxBlobs) reject('too-large', `${count} blobs exceed ${maxBlobs}`);
  const blobs: Uint8Array[] = [];
  for (let b = 0; b < count; b++) {
    need(offset, 4, `blob ${b} length`);
    const length = buffer.readUInt32BE(offset);
    need(offset + 4, length, `blob ${b}`);
    blobs.push(new Uint8Array(buffer.buffer, buffer.byteOffset + offset + 4, length));
    offset += 4 + length;
  }
  if (offset !== buffer.length)
    reject('malformed', `${buffer.length - offset} trailing bytes after the last blob`);
  return { header, blobs };
}
