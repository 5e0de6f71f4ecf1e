import { errorMarker, ShopPilotError } from '../errors/shoppilot-error';

const { marker, symbol } = errorMarker('OnnxModelError');

export type OnnxModelErrorReason = 'not-found' | 'invalid-model' | 'run-failed' | 'closed';

/** Loading or running an ONNX model failed: missing or corrupt file, runtime failure, closed session. */
export class OnnxModelError extends ShopPilotError {
  readonly [symbol] = true;
  readonly reason: OnnxModelErrorReason;
  /** The model file path, or `<bytes>` for a model given as bytes. */
  readonly source: string;

  constructor({
    reason,
    source,
    message,
    cause,
  }: { reason: OnnxModelErrorReason; source: string; message: string; cause?: unknown }) {
    super({ message: `ONNX model ${source}: ${message}`, cause });
    this.name = 'OnnxModelError';
    this.reason = reason;
    this.source = source;
  }

  static override isInstance(error: unknown): error is OnnxModelError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
